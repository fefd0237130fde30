package uk.nhs.mhe.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import uk.nhs.mhe.reference.ReferenceData;
import uk.nhs.mhe.reference.Trust;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SYNTHETIC Talking Therapies submissions: valid against api.md, proportionate, deterministic, ILLUSTRATIVE gaps. */
class TalkingTherapiesSubmissionsTest {

    private static final YearMonth MARCH_2024 = YearMonth.of(2024, 3);
    private static final PopulationTable POPULATION = new IllustrativePopulation(DemoScale.DEFAULT, 42).generate(2023);
    private static final TalkingTherapiesSubmissions DEMO =
            new TalkingTherapiesSubmissions(POPULATION, DemoScale.DEFAULT, 42);
    private static final ReferenceData REF = ReferenceData.get();
    private static final Set<String> YN = Set.of("Y", "N");

    private static Trust trust(String ods) {
        return REF.trusts().get(ods);
    }

    /**
     * The TALKING_THERAPIES field and cross-field rules of api.md, re-implemented here independently
     * of the ingest service; returns the broken rules (empty when the record is valid).
     */
    static List<String> violations(TalkingTherapiesRecord r, YearMonth period) {
        List<String> broken = new ArrayList<>();
        check(broken, r.referralId() != null && !r.referralId().isEmpty() && r.referralId().length() <= 64,
                "referralId 1-64 chars");
        check(broken, r.personId() == null || !r.personId().isEmpty() && r.personId().length() <= 64,
                "personId 1-64 chars");
        check(broken, REF.ethnicCategories().containsKey(r.ethnicCategory()), "ethnicCategory code");
        check(broken, REF.genderIdentities().containsKey(r.gender()), "gender code");
        check(broken, r.ageYears() >= 0 && r.ageYears() <= 120, "ageYears 0-120");
        check(broken, REF.icbs().containsKey(r.residenceIcb()), "residenceIcb code");
        check(broken, r.imdDecile() == null || r.imdDecile() >= 1 && r.imdDecile() <= 10, "imdDecile 1-10");
        check(broken, Set.of("1", "2", "3", "4", "U", "Z", "9").contains(r.sexualOrientation()), "sexualOrientation");
        check(broken, REF.sexualOrientations().containsKey(r.sexualOrientation()), "sexualOrientation reference code");
        boolean inMonth;
        try {
            inMonth = YearMonth.from(LocalDate.parse(r.referralDate())).equals(period);
        } catch (RuntimeException e) {
            inMonth = false;
        }
        check(broken, inMonth, "referralDate an ISO date in the month");
        check(broken, YN.contains(r.enteredTreatment()), "enteredTreatment Y/N");
        check(broken, YN.contains(r.finishedCourse()), "finishedCourse Y/N");
        for (String flag : new String[] {r.casenessAtStart(), r.casenessAtEnd(), r.reliableImprovement()}) {
            check(broken, flag == null || YN.contains(flag), "optional flag Y/N or null");
        }
        check(broken, r.daysToFirstTreatment() == null || r.daysToFirstTreatment() >= 0, "daysToFirstTreatment >= 0");
        boolean entered = "Y".equals(r.enteredTreatment());
        boolean finished = "Y".equals(r.finishedCourse());
        // TT1 .. TT6
        check(broken, !finished || entered, "TT1 finishedCourse=Y requires enteredTreatment=Y");
        check(broken, !entered || r.casenessAtStart() != null, "TT2 casenessAtStart required when entered");
        check(broken, !"Y".equals(r.casenessAtEnd()) || finished, "TT3 casenessAtEnd=Y only when finished");
        check(broken, !"Y".equals(r.reliableImprovement()) || finished, "TT4 reliableImprovement=Y only when finished");
        check(broken, !entered || r.daysToFirstTreatment() != null, "TT5 daysToFirstTreatment required when entered");
        check(broken, entered || r.daysToFirstTreatment() == null, "TT6 daysToFirstTreatment only when entered");
        return broken;
    }

    private static void check(List<String> broken, boolean ok, String rule) {
        if (!ok) {
            broken.add(rule);
        }
    }

    @Test
    void everyRecordPassesTheDatasetRules() {
        Set<String> orientations = new HashSet<>();
        int records = 0;
        for (YearMonth month : List.of(MARCH_2024, YearMonth.of(2024, 11), YearMonth.of(2025, 2))) {
            for (Trust trust : SyntheticSubmissions.trustsOpenIn(month)) {
                Submission<TalkingTherapiesRecord> s = DEMO.generate(trust, month);
                assertEquals("TALKING_THERAPIES", s.dataset());
                assertEquals(trust.odsCode(), s.provider());
                assertEquals(month.toString(), s.period());
                assertEquals(DEMO.referrals(trust, month), s.records().size());
                Set<String> ids = new HashSet<>();
                for (TalkingTherapiesRecord r : s.records()) {
                    assertEquals(List.of(), violations(r, month), r.toString());
                    assertTrue(ids.add(r.referralId()), "duplicate referralId " + r.referralId());
                    assertNotNull(r.personId());
                    assertTrue(r.personId().startsWith("P" + trust.odsCode() + "-"), r.personId());
                    assertTrue(r.ageYears() >= 16, "adults and 16-17s only: " + r.ageYears());
                    // stricter than the rules: optional outcomes present exactly when they apply
                    boolean entered = r.enteredTreatment().equals("Y");
                    boolean finished = r.finishedCourse().equals("Y");
                    assertEquals(entered, r.casenessAtStart() != null, r.toString());
                    assertEquals(finished, r.casenessAtEnd() != null, r.toString());
                    assertEquals(finished, r.reliableImprovement() != null, r.toString());
                    orientations.add(r.sexualOrientation());
                }
                records += s.records().size();
            }
        }
        assertEquals(Set.of("1", "2", "3", "4", "U", "Z", "9"), orientations);
        assertTrue(records > 5_000, "records " + records);
    }

    @Test
    void theRuleCheckCatchesBrokenRecords() {
        TalkingTherapiesRecord ok = new TalkingTherapiesRecord("R1", "P1", "A", "2", 30, "QKK", null, "1", "2024-03-05",
                "Y", "Y", "Y", "N", "Y", 10);
        assertEquals(List.of(), violations(ok, MARCH_2024));
        assertEquals(1, violations(new TalkingTherapiesRecord("R1", "P1", "A", "2", 30, "QKK", null, "1", "2024-03-05",
                "N", "Y", null, "N", "N", null), MARCH_2024).size(), "TT1");
        assertEquals(1, violations(new TalkingTherapiesRecord("R1", "P1", "A", "2", 30, "QKK", null, "1", "2024-03-05",
                "Y", "N", null, null, null, 3), MARCH_2024).size(), "TT2");
        assertEquals(2, violations(new TalkingTherapiesRecord("R1", "P1", "A", "2", 30, "QKK", null, "1", "2024-03-05",
                "Y", "N", "Y", "Y", "Y", 3), MARCH_2024).size(), "TT3, TT4");
        assertEquals(1, violations(new TalkingTherapiesRecord("R1", "P1", "A", "2", 30, "QKK", null, "1", "2024-03-05",
                "N", "N", null, null, null, 0), MARCH_2024).size(), "TT6");
        assertEquals(1, violations(ok, YearMonth.of(2024, 4)).size(), "date outside the month");
    }

    @Test
    void volumesAreProportionateAndScale() {
        DemoScale doubled = new DemoScale(1.0 / 40);
        TalkingTherapiesSubmissions bigger = new TalkingTherapiesSubmissions(
                new IllustrativePopulation(doubled, 42).generate(2023), doubled, 42);
        long small = 0;
        long large = 0;
        List<Trust> trusts = SyntheticSubmissions.trustsOpenIn(MARCH_2024);
        for (Trust trust : trusts) {
            small += DEMO.referrals(trust, MARCH_2024);
            large += bigger.referrals(trust, MARCH_2024);
        }
        // 1,830,000 referrals a year in England / 12 / 80 = ~1,906 a month, ±5% month to month
        assertEquals(1_906, small, 100, "default scale");
        assertEquals(2.0, (double) large / small, 0.05, "twice the scale, twice the referrals");
        double perTrust = (double) small / trusts.size();
        System.out.printf("Talking Therapies, default scale, %s: %d referrals, %.1f per trust over %d trusts%n",
                MARCH_2024, small, perTrust, trusts.size());
        assertTrue(perTrust > 25 && perTrust < 50, "per trust " + perTrust);
    }

    @Test
    void deterministicForASeedInAnyOrder() {
        Submission<TalkingTherapiesRecord> march = DEMO.generate(trust("RV5"), MARCH_2024);
        TalkingTherapiesSubmissions again = new TalkingTherapiesSubmissions(
                new IllustrativePopulation(DemoScale.DEFAULT, 42).generate(2023), DemoScale.DEFAULT, 42);
        again.generate(trust("RXT"), MARCH_2024.plusMonths(1));
        assertEquals(march, again.generate(trust("RV5"), MARCH_2024));
        TalkingTherapiesSubmissions other = new TalkingTherapiesSubmissions(POPULATION, DemoScale.DEFAULT, 43);
        assertNotEquals(march, other.generate(trust("RV5"), MARCH_2024));
    }

    @Test
    void somePeopleRecurAcrossMonthsWithTheSameTraits() {
        Map<String, TalkingTherapiesRecord> earlier = new HashMap<>();
        YearMonth latest = YearMonth.of(2025, 3);
        for (YearMonth m = latest.minusMonths(24); m.isBefore(latest); m = m.plusMonths(1)) {
            for (TalkingTherapiesRecord r : DEMO.generate(trust("RV5"), m).records()) {
                earlier.put(r.personId(), r);
            }
        }
        List<TalkingTherapiesRecord> records = DEMO.generate(trust("RV5"), latest).records();
        int recurring = 0;
        for (TalkingTherapiesRecord r : records) {
            TalkingTherapiesRecord before = earlier.get(r.personId());
            if (before != null) {
                recurring++;
                assertEquals(before.ethnicCategory(), r.ethnicCategory());
                assertEquals(before.gender(), r.gender());
                assertEquals(before.sexualOrientation(), r.sexualOrientation());
                assertEquals(before.imdDecile(), r.imdDecile());
                assertTrue(r.ageYears() >= before.ageYears() && r.ageYears() <= before.ageYears() + 3);
            }
        }
        assertTrue(recurring >= 1 && recurring < 0.3 * records.size(), "recurring " + recurring + "/" + records.size());
    }

    @Test
    void jsonIsTheApiEnvelopeWithTypedValues() throws Exception {
        JsonNode json = new ObjectMapper().readTree(new ObjectMapper()
                .writeValueAsBytes(DEMO.generate(trust("RXT"), MARCH_2024)));
        assertEquals(List.of("dataset", "provider", "period", "records"), fieldNames(json));
        assertEquals("TALKING_THERAPIES", json.get("dataset").asText());
        boolean sawNotEntered = false;
        for (JsonNode r : json.get("records")) {
            assertEquals(List.of("referralId", "personId", "ethnicCategory", "gender", "ageYears", "residenceIcb",
                    "imdDecile", "sexualOrientation", "referralDate", "enteredTreatment", "finishedCourse",
                    "casenessAtStart", "casenessAtEnd", "reliableImprovement", "daysToFirstTreatment"), fieldNames(r));
            assertTrue(r.get("ageYears").isInt() && r.get("referralDate").isTextual()
                    && r.get("sexualOrientation").isTextual() && r.get("enteredTreatment").isTextual());
            if (r.get("enteredTreatment").asText().equals("N")) {
                sawNotEntered = true;
                assertTrue(r.get("daysToFirstTreatment").isNull() && r.get("casenessAtStart").isNull());
            } else {
                assertTrue(r.get("daysToFirstTreatment").isInt());
            }
        }
        assertTrue(sawNotEntered);
    }

    /**
     * Over all of England for one month at national scale (so counts are large), the headline
     * outcomes are the published picture and the ILLUSTRATIVE gaps are present: recovery several
     * points lower for Black and Asian people than White, and for the most deprived quintile than
     * the least.
     */
    @Test
    void outcomesAreThePublishedPictureWithTheIllustrativeGaps() {
        PopulationTable population = new IllustrativePopulation(DemoScale.NATIONAL, 42).generate(2023);
        TalkingTherapiesSubmissions national = new TalkingTherapiesSubmissions(population, DemoScale.NATIONAL, 42);
        long referrals = 0;
        long entered = 0;
        long finished = 0;
        long improved = 0;
        long within6Weeks = 0;
        long casenessStart = 0;
        long recovered = 0;
        long reliablyRecovered = 0;
        Map<String, long[]> byGroup = new HashMap<>();   // broad group -> {finished at caseness, recovered}
        Map<Integer, long[]> byQuintile = new HashMap<>();
        Set<String> enteredPeople = new HashSet<>();
        Map<String, Long> orientations = new HashMap<>();
        for (Trust trust : SyntheticSubmissions.trustsOpenIn(MARCH_2024)) {
            for (TalkingTherapiesRecord r : national.generate(trust, MARCH_2024).records()) {
                referrals++;
                orientations.merge(r.sexualOrientation(), 1L, Long::sum);
                if (r.enteredTreatment().equals("Y")) {
                    entered++;
                    enteredPeople.add(r.personId());
                }
                if (!r.finishedCourse().equals("Y")) {
                    continue;
                }
                finished++;
                improved += r.reliableImprovement().equals("Y") ? 1 : 0;
                within6Weeks += r.daysToFirstTreatment() <= 42 ? 1 : 0;
                if (r.casenessAtStart().equals("Y")) {
                    casenessStart++;
                    boolean rec = r.casenessAtEnd().equals("N");
                    recovered += rec ? 1 : 0;
                    reliablyRecovered += rec && r.reliableImprovement().equals("Y") ? 1 : 0;
                    String code = r.ethnicCategory();
                    if (!code.equals("Z") && !code.equals("99")) {
                        long[] g = byGroup.computeIfAbsent(REF.ethnicCategories().get(code).broadGroup(), k -> new long[2]);
                        g[0]++;
                        g[1] += rec ? 1 : 0;
                    }
                    if (r.imdDecile() != null) {
                        long[] q = byQuintile.computeIfAbsent((r.imdDecile() + 1) / 2, k -> new long[2]);
                        q[0]++;
                        q[1] += rec ? 1 : 0;
                    }
                }
            }
        }
        double recovery = 100.0 * recovered / casenessStart;
        double white = pct(byGroup.get("White"));
        double black = pct(byGroup.get("Black"));
        double asian = pct(byGroup.get("Asian"));
        double q1 = pct(byQuintile.get(1));
        double q5 = pct(byQuintile.get(5));
        double access = enteredPeople.size() * 100_000.0 / population.total();
        System.out.printf("Talking Therapies, national, %s: %,d referrals, %,d entered (%.1f%%; %.0f people per 100,000),"
                + " %,d finished; recovery %.1f%%, reliable improvement %.1f%%, reliable recovery %.1f%%,"
                + " within 6 weeks %.1f%%; ILLUSTRATIVE recovery White %.1f, Black %.1f, Asian %.1f,"
                + " IMD Q1 %.1f, Q5 %.1f; orientation 1: %.1f%%%n", MARCH_2024, referrals, entered,
                100.0 * entered / referrals, access, finished, recovery, 100.0 * improved / finished,
                100.0 * reliablyRecovered / casenessStart, 100.0 * within6Weeks / finished, white, black, asian, q1, q5,
                100.0 * orientations.get("1") / referrals);
        assertEquals(152_500, referrals, 7_000);
        assertEquals(67, 100.0 * entered / referrals, 1.5);
        assertEquals(177, access, 15, "people entering treatment per 100,000 a month (~1.2M a year)");
        assertEquals(50, recovery, 2.5);
        assertEquals(67, 100.0 * improved / finished, 2.5);
        assertEquals(47, 100.0 * reliablyRecovered / casenessStart, 3);
        assertEquals(90, 100.0 * within6Weeks / finished, 2);
        assertTrue(white - black >= 4, "Black gap " + (white - black));
        assertTrue(white - asian >= 4, "Asian gap " + (white - asian));
        assertTrue(q5 - q1 >= 8, "deprivation gap " + (q5 - q1));
        assertEquals(80, 100.0 * orientations.get("1") / referrals, 1.5);
    }

    private static double pct(long[] counts) {
        assertNotNull(counts);
        return 100.0 * counts[1] / counts[0];
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void noneOfTheOptionalOutcomesForReferralsNotEnteringTreatment() {
        for (TalkingTherapiesRecord r : DEMO.generate(trust("RXT"), MARCH_2024).records()) {
            if (r.enteredTreatment().equals("N")) {
                assertNull(r.casenessAtStart());
                assertNull(r.daysToFirstTreatment());
                assertEquals("N", r.finishedCourse());
            }
        }
    }
}
