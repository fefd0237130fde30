package uk.nhs.mhe.demo;

import org.junit.jupiter.api.Test;
import uk.nhs.mhe.reference.EthnicCategory;
import uk.nhs.mhe.reference.ReferenceData;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IllustrativePopulationTest {

    private static final PopulationTable TABLE = new IllustrativePopulation(DemoScale.DEFAULT, 42).generate(2023);

    @Test
    void totalIsEnglandTimesScale() {
        assertEquals(Math.round(56_490_048 / 80.0), TABLE.total());
        PopulationTable national = new IllustrativePopulation(DemoScale.NATIONAL, 42).generate(2023);
        assertEquals(56_490_048L, national.total());
        long next = new IllustrativePopulation(DemoScale.DEFAULT, 42).generate(2024).total();
        assertTrue(next > TABLE.total() && next < TABLE.total() * 1.02, "slight growth: " + next);
    }

    @Test
    void csvHasEveryIcbCodeBandAndSexInTheApiFormat() {
        String[] lines = TABLE.toCsv().split("\n");
        assertEquals("areaCode,ethnicCategory,ageBand,sex,population", lines[0]);
        assertEquals(42 * 16 * 20 * 2, lines.length - 1);
        Set<String> rows = new HashSet<>();
        long total = 0;
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",", -1);
            assertEquals(5, f.length, lines[i]);
            assertTrue(rows.add(f[0] + "|" + f[1] + "|" + f[2] + "|" + f[3]), "duplicate " + lines[i]);
            long population = Long.parseLong(f[4]);
            assertTrue(population >= 0);
            total += population;
        }
        assertEquals(TABLE.total(), total);
        ReferenceData ref = ReferenceData.get();
        List<String> codes = ref.ethnicCategories().values().stream().filter(EthnicCategory::isStated)
                .map(EthnicCategory::code).toList();
        assertEquals(16, codes.size());
        for (String icb : ref.icbs().keySet()) {
            for (String code : codes) {
                for (AgeBands.AgeBand band : AgeBands.ALL) {
                    for (String sex : List.of("1", "2")) {
                        assertTrue(rows.contains(icb + "|" + code + "|" + band.label() + "|" + sex),
                                icb + " " + code + " " + band.label() + " " + sex);
                    }
                }
            }
        }
    }

    @Test
    void broadGroupSharesAreCloseToCensus2021() {
        Map<String, Double> share = shares(new IllustrativePopulation(DemoScale.NATIONAL, 7).generate(2023), null);
        assertShare(share, "White", 81.0);
        assertShare(share, "Asian", 9.6);
        assertShare(share, "Black", 4.2);
        assertShare(share, "Mixed", 3.0);
        assertShare(share, "Other", 2.2);
        Map<String, Double> small = shares(TABLE, null);
        assertEquals(4.2, small.get("Black"), 0.3, "default scale keeps the shares too");
    }

    @Test
    void londonIsMoreDiverseThanTheSouthWest() {
        double sel = 100 - shares(TABLE, "QKK").get("White");
        double cornwall = 100 - shares(TABLE, "QT6").get("White");
        assertTrue(sel > 40, "South East London not White: " + sel);
        assertTrue(cornwall < 5, "Cornwall not White: " + cornwall);
    }

    @Test
    void deterministicPerSeed() {
        assertEquals(TABLE.toCsv(), new IllustrativePopulation(DemoScale.DEFAULT, 42).generate(2023).toCsv());
        assertNotEquals(TABLE.toCsv(), new IllustrativePopulation(DemoScale.DEFAULT, 43).generate(2023).toCsv());
    }

    private static void assertShare(Map<String, Double> share, String group, double census) {
        assertEquals(census, share.get(group), 0.15, group);
    }

    /** Percentage of people in each broad group, England or one ICB. */
    static Map<String, Double> shares(PopulationTable table, String onlyIcb) {
        Map<String, Double> count = new HashMap<>();
        double total = 0;
        for (int i = 0; i < table.icbs().size(); i++) {
            if (onlyIcb != null && !onlyIcb.equals(table.icbs().get(i))) {
                continue;
            }
            for (int c = 0; c < table.codes().size(); c++) {
                String group = ReferenceData.get().ethnicCategories().get(table.codes().get(c)).broadGroup();
                for (int b = 0; b < AgeBands.ALL.size(); b++) {
                    for (int s = 1; s <= 2; s++) {
                        long n = table.count(i, c, b, s);
                        count.merge(group, (double) n, Double::sum);
                        total += n;
                    }
                }
            }
        }
        double t = total;
        count.replaceAll((k, v) -> v * 100 / t);
        return count;
    }
}
