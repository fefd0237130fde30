package uk.nhs.mhe.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import uk.nhs.mhe.reference.ReferenceData;
import uk.nhs.mhe.reference.Trust;

import java.time.YearMonth;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticSubmissionsTest {

    private static final YearMonth MARCH_2024 = YearMonth.of(2024, 3);
    private static final PopulationTable POPULATION = new IllustrativePopulation(DemoScale.DEFAULT, 42).generate(2023);
    private static final SyntheticSubmissions DEMO = new SyntheticSubmissions(POPULATION, DemoScale.DEFAULT, 42);
    private static final ReferenceData REF = ReferenceData.get();

    private static Trust trust(String ods) {
        return REF.trusts().get(ods);
    }

    @Test
    void deterministicForASeed() {
        SyntheticSubmissions again = new SyntheticSubmissions(
                new IllustrativePopulation(DemoScale.DEFAULT, 42).generate(2023), DemoScale.DEFAULT, 42);
        assertEquals(DEMO.generate(trust("RV5"), MARCH_2024), again.generate(trust("RV5"), MARCH_2024));
        SyntheticSubmissions other = new SyntheticSubmissions(POPULATION, DemoScale.DEFAULT, 43);
        assertNotEquals(DEMO.generate(trust("RV5"), MARCH_2024), other.generate(trust("RV5"), MARCH_2024));
    }

    @Test
    void everyRecordIsValidAndPersonIdsAreUnique() {
        Set<String> genders = REF.genderIdentities().keySet();
        Set<String> ethnic = REF.ethnicCategories().keySet();
        Set<String> seenEthnic = new HashSet<>();
        Set<String> seenGender = new HashSet<>();
        int records = 0;
        for (Trust trust : SyntheticSubmissions.trustsOpenIn(MARCH_2024)) {
            Submission<MhsdsRecord> s = DEMO.generate(trust, MARCH_2024);
            assertEquals("MHSDS", s.dataset());
            assertEquals(trust.odsCode(), s.provider());
            assertEquals("2024-03", s.period());
            assertEquals(DEMO.peopleInContact(trust, MARCH_2024), s.records().size());
            Set<String> ids = new HashSet<>();
            for (MhsdsRecord r : s.records()) {
                assertTrue(r.personId().length() >= 1 && r.personId().length() <= 64, r.personId());
                assertTrue(ids.add(r.personId()), "duplicate " + r.personId());
                assertTrue(ethnic.contains(r.ethnicCategory()), r.ethnicCategory());
                assertTrue(genders.contains(r.gender()), r.gender());
                assertTrue(r.ageYears() >= 0 && r.ageYears() <= 120, "age " + r.ageYears());
                assertTrue(REF.icbs().containsKey(r.residenceIcb()), r.residenceIcb());
                assertTrue(r.imdDecile() == null || r.imdDecile() >= 1 && r.imdDecile() <= 10);
                assertTrue(Set.of("Y", "N").contains(r.inContact()));
                assertTrue(r.detentions() >= 0 && r.ctos() >= 0 && r.restrictiveInterventions() >= 0);
                seenEthnic.add(r.ethnicCategory());
                seenGender.add(r.gender());
            }
            records += s.records().size();
        }
        assertTrue(seenEthnic.containsAll(Set.of("A", "N", "Z", "99")), seenEthnic.toString());
        assertTrue(seenGender.containsAll(Set.of("1", "2")) && seenGender.size() >= 4, seenGender.toString());
        assertEquals(25_000, records, 1_200, "default scale: ~25,000 records a month");
    }

    @Test
    void jsonIsTheApiEnvelopeWithTypedValues() throws Exception {
        JsonNode json = new ObjectMapper().readTree(new ObjectMapper()
                .writeValueAsBytes(DEMO.generate(trust("RXT"), MARCH_2024)));
        assertEquals(List.of("dataset", "provider", "period", "records"), fieldNames(json));
        assertEquals("RXT", json.get("provider").asText());
        JsonNode r = json.get("records").get(0);
        assertEquals(List.of("personId", "ethnicCategory", "gender", "ageYears", "residenceIcb", "imdDecile",
                "inContact", "detentions", "ctos", "restrictiveInterventions"), fieldNames(r));
        assertTrue(r.get("ageYears").isInt() && r.get("detentions").isInt() && r.get("ctos").isInt()
                && r.get("restrictiveInterventions").isInt());
        assertTrue(r.get("gender").isTextual() && r.get("ethnicCategory").isTextual() && r.get("inContact").isTextual());
        assertTrue(r.get("imdDecile").isInt() || r.get("imdDecile").isNull());
    }

    @Test
    void residenceIsMostlyTheTrustsOwnIcbAndSamePeopleRecur() {
        Submission<MhsdsRecord> march = DEMO.generate(trust("RV5"), MARCH_2024);
        Submission<MhsdsRecord> april = DEMO.generate(trust("RV5"), MARCH_2024.plusMonths(1));
        long own = march.records().stream().filter(r -> r.residenceIcb().equals("QKK")).count();
        assertTrue(own > 0.75 * march.records().size(), "own ICB " + own + "/" + march.records().size());
        assertTrue(march.records().stream().allMatch(r -> REF.icbs().get(r.residenceIcb()).regionOdsCode().equals("Y56")));
        Set<String> ids = new HashSet<>();
        march.records().forEach(r -> ids.add(r.personId()));
        long again = april.records().stream().filter(r -> ids.contains(r.personId())).count();
        assertTrue(again > 0.8 * april.records().size() && again < april.records().size(), "recurring " + again);
        MhsdsRecord first = april.records().stream().filter(r -> ids.contains(r.personId())).findFirst().orElseThrow();
        MhsdsRecord before = march.records().stream().filter(r -> r.personId().equals(first.personId())).findFirst()
                .orElseThrow();
        assertEquals(before.ethnicCategory(), first.ethnicCategory());
        assertEquals(before.residenceIcb(), first.residenceIcb());
    }

    @Test
    void closedTrustsSubmitOnlyWhileOpen() {
        assertTrue(SyntheticSubmissions.trustsOpenIn(YearMonth.of(2024, 10)).contains(trust("RRP")));
        assertTrue(!SyntheticSubmissions.trustsOpenIn(YearMonth.of(2024, 11)).contains(trust("RRP")));
        assertTrue(SyntheticSubmissions.trustsOpenIn(YearMonth.of(2024, 11)).contains(trust("G6V2S")));
        assertTrue(!SyntheticSubmissions.trustsOpenIn(MARCH_2024).contains(trust("RTV")));
    }

    /**
     * Over all of England for one month (national scale, so the count is large enough), the Black
     * detention rate per population is about 3.5 times the White one and the total is ~7.4 per
     * 100,000.
     */
    @Test
    void blackWhiteDetentionRatioIsThePublishedPicture() {
        PopulationTable population = new IllustrativePopulation(DemoScale.NATIONAL, 42).generate(2023);
        SyntheticSubmissions national = new SyntheticSubmissions(population, DemoScale.NATIONAL, 42);
        long black = 0;
        long white = 0;
        long all = 0;
        for (Trust trust : SyntheticSubmissions.trustsOpenIn(MARCH_2024)) {
            for (MhsdsRecord r : national.generate(trust, MARCH_2024).records()) {
                all += r.detentions();
                if (r.ethnicCategory().length() == 1 && !r.ethnicCategory().equals("Z")) {
                    String group = REF.ethnicCategories().get(r.ethnicCategory()).broadGroup();
                    if (group.equals("Black")) {
                        black += r.detentions();
                    } else if (group.equals("White")) {
                        white += r.detentions();
                    }
                }
            }
        }
        var shares = IllustrativePopulationTest.shares(population, null);
        double blackRate = black / (shares.get("Black") * population.total() / 100);
        double whiteRate = white / (shares.get("White") * population.total() / 100);
        double ratio = blackRate / whiteRate;
        double perHundredThousand = all * 100_000.0 / population.total();
        System.out.printf("March 2024, national: %d detentions (%.2f per 100,000), Black/White ratio %.2f%n", all,
                perHundredThousand, ratio);
        assertTrue(ratio > 2.5 && ratio < 4.5, "Black/White ratio " + ratio);
        assertEquals(7.4, perHundredThousand, 1.0);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
