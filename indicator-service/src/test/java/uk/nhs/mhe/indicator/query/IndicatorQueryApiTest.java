package uk.nhs.mhe.indicator.query;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import io.agroal.api.AgroalDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.mhe.indicator.stats.Assessment;
import uk.nhs.mhe.indicator.stats.BenchmarkComparison;
import uk.nhs.mhe.indicator.stats.ByarInterval;
import uk.nhs.mhe.indicator.stats.ConfidenceLevel;
import uk.nhs.mhe.indicator.stats.CrudeRate;
import uk.nhs.mhe.indicator.stats.DirectlyStandardisedRate;
import uk.nhs.mhe.indicator.stats.DirectlyStandardisedRate.Stratum;
import uk.nhs.mhe.indicator.stats.DisclosureControl;
import uk.nhs.mhe.indicator.stats.Disparity;
import uk.nhs.mhe.indicator.stats.FunnelLimits;
import uk.nhs.mhe.indicator.stats.Interval;
import uk.nhs.mhe.indicator.stats.Observation;
import uk.nhs.mhe.indicator.stats.Polarity;
import uk.nhs.mhe.indicator.stats.Proportion;
import uk.nhs.mhe.indicator.stats.ProportionDifference;
import uk.nhs.mhe.indicator.stats.RateRatio;
import uk.nhs.mhe.indicator.stats.RecentTrend;
import uk.nhs.mhe.infra.KafkaTestResource;
import uk.nhs.mhe.infra.PostgresTestResource;
import uk.nhs.mhe.infra.TestTokens;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The /data, /trend and /funnel endpoints over values written straight into the store (real
 * embedded PostgreSQL, OIDC test-server tokens). Periods are in 2030–31, which no other test
 * submits data for, so the recalculation of other tests never replaces them.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class IndicatorQueryApiTest {

    private static final String P = "2031-01";
    private static final String MHA = "mha-detention-rate";
    private static final String TT = "tt-recovery";
    private static final Object[] QMJ_BROAD = {"White", 212, 900_000, "Mixed", 9, 30_000, "Asian", 17, 120_000,
            "Black", 2, 40_000, "Other", 0, 20_000, "Not stated", 6, 10_000, "Not known", 0, 5_000};
    private static final Object[] QKK_BROAD = {"White", 150, 500_000, "Mixed", 3, 20_000, "Asian", 40, 150_000,
            "Black", 55, 160_000, "Other", 1, 30_000, "Not stated", 0, 8_000, "Not known", 11, 4_000};
    private static final Object[] Y56_BROAD = {"White", 362, 1_400_000, "Mixed", 12, 50_000, "Asian", 57, 270_000,
            "Black", 57, 200_000, "Other", 1, 50_000, "Not stated", 6, 18_000, "Not known", 11, 9_000};
    private static final Object[] ENGLAND_BROAD = {"White", 1362, 5_400_000, "Mixed", 52, 250_000, "Asian", 157,
            870_000, "Black", 157, 600_000, "Other", 21, 250_000, "Not stated", 16, 68_000, "Not known", 31, 59_000};

    /** QKK's DSR strata (exact O = 51; rounded to 5 each: 5 + 5 + 10 + 0 + 10 + 20 = 50). */
    private static final long[] DSR_COUNTS = {3, 7, 12, 1, 8, 20};
    private static final double[] DSR_POPULATIONS = {120_000, 150_000, 160_000, 140_000, 170_000, 132_000};
    private static final double[] DSR_WEIGHTS = {5_500, 6_000, 6_500, 7_000, 7_000, 6_500};

    private static boolean written;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void values() throws Exception {
        RestAssured.config = RestAssured.config().jsonConfig(JsonConfig.jsonConfig()
                .numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
        if (written) {
            return;
        }
        TestValues v = new TestValues()
                .rates(MHA, "QMJ", P, "broad-ethnicity", "White", QMJ_BROAD)
                .rates(MHA, "QKK", P, "broad-ethnicity", "White", QKK_BROAD)
                .rates(MHA, "Y56", P, "broad-ethnicity", "White", Y56_BROAD)
                .rates(MHA, "ENGLAND", P, "broad-ethnicity", "White", ENGLAND_BROAD)
                .rates(MHA, "QMJ", P, "none", null, "All", 246, 1_125_000)
                .rates(MHA, "QKK", P, "none", null, "All", 260, 872_000)
                .rates(MHA, "Y56", P, "none", null, "All", 506, 1_997_000)
                .rates(MHA, "ENGLAND", P, "none", null, "All", 1796, 7_497_000)
                .rates(MHA, "QMJ", "2030-09", "none", null, "All", 200, 1_125_000)
                .rates(MHA, "QMJ", "2030-10", "none", null, "All", 3, 1_125_000)
                .rates(MHA, "QMJ", "2030-11", "none", null, "All", 220, 1_125_000)
                .rates(MHA, "QMJ", "2030-12", "none", null, "All", 240, 1_125_000)
                .dsrNotComputed(MHA + "-dsr", "QMJ", P, 7, 1_125_000)
                .dsr(MHA + "-dsr", "QKK", P, DSR_COUNTS, DSR_POPULATIONS, DSR_WEIGHTS)
                .proportions(TT, "QMJ", P, "none", null, "All", 86, 157)
                .proportions(TT, "QMJ", P, "white-british", "White British", "White British", 60, 100,
                        "Other than White British", 20, 45, "Not stated", 2, 3, "Not known", 4, 9)
                .proportions(TT, "QMJ", P, "provider", null, "RV5", 50, 90, "RXT", 36, 67)
                .proportions(TT, "QKK", P, "none", null, "All", 290, 1030)
                .proportions(TT, "ENGLAND", P, "none", null, "All", 376, 1187)
                .proportions(TT, "ENGLAND", P, "white-british", "White British", "White British", 250, 600,
                        "Other than White British", 100, 400, "Not stated", 16, 110, "Not known", 10, 77)
                .proportions(TT, "ENGLAND", P, "provider", null, "RV5", 200, 700, "RXT", 173, 479, "RWK", 3, 8)
                .proportions(TT, "RV5", P, "none", null, "All", 200, 700)
                .proportions(TT, "RXT", P, "none", null, "All", 173, 479)
                .proportions(TT, "RWK", P, "none", null, "All", 3, 8)
                .proportions(TT, "QKK", "FY2030-31", "none", null, "All", 1500, 5000);
        // The worked example of indicators.md ("Recent trend"), after an earlier month.
        long[] x = {190, 210, 232, 251, 262};
        long[] n = {990, 1000, 1010, 1020, 1000};
        String[] months = {"2030-08", "2030-09", "2030-10", "2030-11", "2030-12"};
        for (int i = 0; i < months.length; i++) {
            v.proportions(TT, "QKK", months[i], "none", null, "All", x[i], n[i]);
        }
        v.write(dataSource);
        written = true;
    }

    private static RequestSpecification publicCaller() {
        return given();
    }

    private static RequestSpecification assurance() {
        return given().auth().oauth2(TestTokens.assurance());
    }

    private static JsonPath get(RequestSpecification who, String path) {
        return who.when().get(path).then().statusCode(200).contentType("application/json").extract().jsonPath();
    }

    private static Map<String, Object> row(JsonPath json, String group) {
        return json.getMap("rows.find { it.group == '" + group + "' }");
    }

    private static double d(Object o) {
        return ((Number) o).doubleValue();
    }

    // ---- /data ---------------------------------------------------------------------------

    @Test
    void dataComparesWithTheBenchmarkAndTheReferenceGroup() {
        JsonPath qmj = get(assurance(), "/api/v1/indicators/" + MHA + "/data?area=QMJ&period=" + P + "&breakdown=broad-ethnicity");
        assertEquals("exact", qmj.getString("view"));
        assertEquals(7, qmj.getList("rows").size());
        assertEquals(List.of("White", "Mixed", "Asian", "Black", "Other", "Not stated", "Not known"),
                qmj.getList("rows.group"), "the breakdown's display order");
        Map<String, Object> asian = row(qmj, "Asian");
        CrudeRate rate = CrudeRate.of(17, 120_000, 100_000);
        assertEquals(rate.value(), d(asian.get("value")), 1e-9);
        double englandAsian = CrudeRate.of(157, 870_000, 100_000).value();
        assertEquals(englandAsian, d(asian.get("benchmarkValue")), 1e-9);
        BenchmarkComparison expected = BenchmarkComparison.of(rate.ci95(), englandAsian);
        assertEquals(expected.name(), asian.get("comparedToBenchmark"));
        assertEquals(expected.assess(Polarity.LOW_IS_GOOD).name(), asian.get("assessment"));
        @SuppressWarnings("unchecked")
        Map<String, Object> vs = (Map<String, Object>) asian.get("vsReference");
        RateRatio rr = RateRatio.ofCrude(17, 120_000, 212, 900_000).orElseThrow();
        assertEquals("White", vs.get("group"));
        assertEquals(rr.value(), d(vs.get("ratio")), 1e-9);
        assertEquals(rr.ci95().lower(), d(vs.get("lower")), 1e-9);
        assertEquals(rr.ci95().upper(), d(vs.get("upper")), 1e-9);
        assertEquals(Disparity.isDisparity(rr.ci95(), 1, Polarity.LOW_IS_GOOD), vs.get("disparity"));
        assertFalse(vs.containsKey("difference"), "rates answer a ratio");
        assertEquals(List.of("group", "ratio", "lower", "upper", "disparity"), List.copyOf(vs.keySet()));
        assertNull(row(qmj, "White").get("vsReference"), "the reference group's own row");

        JsonPath parent = get(assurance(), "/api/v1/indicators/" + MHA + "/data?area=QMJ&period=" + P
                + "&breakdown=broad-ethnicity&benchmark=parent");
        assertEquals("Y56", parent.getString("benchmarkArea"));
        assertEquals(CrudeRate.of(57, 270_000, 100_000).value(), d(row(parent, "Asian").get("benchmarkValue")), 1e-9);

        // England's own rows are compared with England's total.
        JsonPath england = get(assurance(), "/api/v1/indicators/" + MHA + "/data?area=ENGLAND&period=" + P
                + "&breakdown=broad-ethnicity");
        double total = CrudeRate.of(1796, 7_497_000, 100_000).value();
        for (Object b : england.getList("rows.benchmarkValue")) {
            assertEquals(total, d(b), 1e-9);
        }
    }

    @Test
    void proportionsAnswerADifferenceInPercentagePointsAndProvidersByName() {
        JsonPath qmj = get(assurance(), "/api/v1/indicators/" + TT + "/data?area=QMJ&period=" + P + "&breakdown=white-british");
        Map<String, Object> other = row(qmj, "Other than White British");
        assertEquals(20.0 / 45 * 100, d(other.get("value")), 1e-9);
        @SuppressWarnings("unchecked")
        Map<String, Object> vs = (Map<String, Object>) other.get("vsReference");
        ProportionDifference diff = ProportionDifference.of(20, 45, 60, 100);
        assertEquals(diff.value() * 100, d(vs.get("difference")), 1e-9);
        assertEquals(diff.ci95().lower() * 100, d(vs.get("lower")), 1e-9);
        assertFalse(vs.containsKey("ratio"), "proportions answer a difference");
        assertEquals(List.of("group", "difference", "lower", "upper", "disparity"), List.copyOf(vs.keySet()));
        assertEquals(Disparity.isDisparity(diff.ci95(), 0, Polarity.HIGH_IS_GOOD), vs.get("disparity"));

        JsonPath providers = get(assurance(), "/api/v1/indicators/" + TT + "/data?area=QMJ&period=" + P + "&breakdown=provider");
        assertEquals(List.of("RV5", "RXT"), providers.getList("rows.group"));
        assertEquals("SOUTH LONDON AND MAUDSLEY NHS FOUNDATION TRUST", row(providers, "RV5").get("label"));
        // A provider is compared with the benchmark area's total, not with itself "in" England.
        JsonPath vsEngland = get(assurance(), "/api/v1/indicators/" + TT + "/data?area=QMJ&period=" + P
                + "&breakdown=provider&benchmark=england");
        assertEquals(100.0 * 376 / 1187, ((Number) row(vsEngland, "RV5").get("benchmarkValue")).doubleValue(), 1e-9);
        assertEquals(100.0 * 376 / 1187, ((Number) row(vsEngland, "RXT").get("benchmarkValue")).doubleValue(), 1e-9);

        // Provider measures take provider areas.
        JsonPath rv5 = get(assurance(), "/api/v1/indicators/" + TT + "/data?area=rv5&period=" + P);
        assertEquals(200, ((Number) rv5.get("rows[0].numerator")).intValue());
    }

    @Test
    void dataRefusesWhatIsNotThereListingWhatIs() {
        publicCaller().when().get("/api/v1/indicators/" + MHA + "/data?period=2099-01").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:uk:nhs:mhe:problem:unknown-period")).body("available", hasItem(P));
        publicCaller().when().get("/api/v1/indicators/" + MHA + "/data?period=January").then().statusCode(400)
                .body("type", equalTo("urn:uk:nhs:mhe:problem:invalid-period")).body("available", hasItem(P));
        publicCaller().when().get("/api/v1/indicators/" + MHA + "/data?breakdown=provider").then().statusCode(400)
                .body("type", equalTo("urn:uk:nhs:mhe:problem:unknown-breakdown"))
                .body("available", hasItems("none", "broad-ethnicity"));
        publicCaller().when().get("/api/v1/indicators/" + MHA + "/data?area=RV5&period=" + P).then().statusCode(400)
                .body("type", equalTo("urn:uk:nhs:mhe:problem:area-not-available"))
                .body("available", equalTo(List.of("ENGLAND", "REGION", "ICB")));
        publicCaller().when().get("/api/v1/indicators/" + MHA + "/data?benchmark=moon").then().statusCode(400)
                .body("available", equalTo(List.of("england", "parent")));
        publicCaller().when().get("/api/v1/indicators/nope/data").then().statusCode(404).body("available", hasItem(TT));
    }

    // ---- disclosure control --------------------------------------------------------------

    /**
     * Every area and breakdown with values: the public view shows no count of 1–4, every count is
     * a multiple of 5, every rate or percentage gives back only the published count, a count is
     * hidden only when it is 1–4, and nothing left over from a total pins a hidden count to 1–4.
     */
    @Test
    void publicViewNeverGivesAwayASmallCount() {
        List<String[]> answers = List.of(new String[] {MHA, "ENGLAND", "broad-ethnicity"},
                new String[] {MHA, "Y56", "broad-ethnicity"}, new String[] {MHA, "QMJ", "broad-ethnicity"},
                new String[] {MHA, "QKK", "broad-ethnicity"}, new String[] {TT, "QMJ", "white-british"},
                new String[] {TT, "QMJ", "provider"}, new String[] {TT, "ENGLAND", "white-british"},
                new String[] {TT, "ENGLAND", "provider"});
        for (String[] a : answers) {
            boolean rate = a[0].equals(MHA);
            String query = "/api/v1/indicators/" + a[0] + "/data?area=" + a[1] + "&period=" + P + "&breakdown=";
            JsonPath pub = get(publicCaller(), query + a[2]);
            JsonPath pubTotal = get(publicCaller(), query + "none");
            JsonPath exact = get(assurance(), query + a[2]);
            String what = String.join(" ", a);
            assertEquals("public", pub.getString("view"));
            assertNoSmallCount(pub.getList("rows.numerator"), what);
            if (!rate) {
                assertNoSmallCount(pub.getList("rows.denominator"), what + " denominators");
            }
            for (Map<String, Object> r : pub.<Map<String, Object>>getList("rows")) {
                String group = what + " " + r.get("group");
                Map<String, Object> x = row(exact, (String) r.get("group"));
                long exactCount = ((Number) x.get("numerator")).longValue();
                if (r.get("numerator") == null) {
                    assertEquals(Boolean.TRUE, r.get("suppressed"), group);
                    assertNull(r.get("value"), group + ": a hidden count hides its value");
                    assertTrue(exactCount >= 1 && exactCount < DisclosureControl.MIN_PUBLISHED_COUNT
                            || tableTotal(exact, rate) < PublicView.MIN_TABLE_TOTAL,
                            group + ": only 1–9 is hidden, or a small table, not " + exactCount);
                    continue;
                }
                long published = ((Number) r.get("numerator")).longValue();
                assertEquals(DisclosureControl.publishCount(a[0], exactCount), published, group + ": rounded to 5");
                if (!rate && r.get("denominator") != null) {
                    assertEquals(0, d(r.get("denominator")) % 5, 1e-9, group + ": denominator rounded to 5");
                }
                // What a reader works out from a rate or percentage is the published count, no more.
                Long derived = readerCount(r, rate);
                if (r.get("value") != null) {
                    assertEquals(published, derived, group + ": value × denominator");
                }
            }
            // What a reader can work out from the total: each published count c stands for c − 4 to
            // c + 4 (0 for 0, 10 to 14 for 10), so the hidden groups together lie in a range that
            // never pins them down.
            Long total = readerCount(pubTotal.getMap("rows[0]"), rate);
            if (total != null) {
                long[] left = {low(total), high(total)};
                int hiddenRows = 0;
                long hiddenExact = 0;
                for (Map<String, Object> r : pub.<Map<String, Object>>getList("rows")) {
                    Long c = readerCount(r, rate);
                    if (r.get("numerator") == null) {
                        hiddenRows++;
                        hiddenExact += ((Number) row(exact, (String) r.get("group")).get("numerator")).longValue();
                    } else if (c != null) {
                        left[0] -= high(c);
                        left[1] -= low(c);
                    }
                }
                if (hiddenRows > 0) {
                    assertAmbiguous(left[0], left[1], hiddenRows, hiddenExact, what + ": total − visible groups");
                }
            }
        }
    }

    /** Y56 is QMJ + QKK: a hidden ICB count does not follow from the region's and the other ICB's. */
    @Test
    void aHiddenCountDoesNotFollowFromTheRegionMinusTheOtherIcbs() {
        String q = "/api/v1/indicators/" + MHA + "/data?period=" + P + "&breakdown=broad-ethnicity&area=";
        JsonPath region = get(publicCaller(), q + "Y56");
        JsonPath qmj = get(publicCaller(), q + "QMJ");
        JsonPath qkk = get(publicCaller(), q + "QKK");
        JsonPath qmjExact = get(assurance(), q + "QMJ");
        JsonPath qkkExact = get(assurance(), q + "QKK");
        int hidden = 0;
        for (String group : List.of("White", "Mixed", "Asian", "Black", "Other", "Not stated", "Not known")) {
            for (JsonPath[] icb : List.of(new JsonPath[] {qmj, qkk, qmjExact}, new JsonPath[] {qkk, qmj, qkkExact})) {
                if (row(icb[0], group).get("numerator") != null) {
                    continue;
                }
                hidden++;
                long exactCount = ((Number) row(icb[2], group).get("numerator")).longValue();
                Object regionCount = row(region, group).get("numerator");
                Object otherCount = row(icb[1], group).get("numerator");
                long[] r = range(regionCount);
                long[] o = range(otherCount);
                if (regionCount != null && otherCount != null) {
                    long difference = ((Number) regionCount).longValue() - ((Number) otherCount).longValue();
                    assertTrue(difference != exactCount, group + ": region − other ICB = " + difference
                            + " gives the hidden " + exactCount + " back");
                }
                assertAmbiguous(r[0] - o[1], r[1] - o[0], 1, exactCount, group + ": region − other ICB");
            }
        }
        assertEquals(5, hidden, "QMJ's Mixed (9), Black (2) and Not stated (6), QKK's Mixed (3) and Other (1)");
        // The case secondary suppression used to protect: Black is 57 in Y56 and 55 in QKK, both
        // published rounded (55 as 55), and the 2 of QMJ stays hidden (checked above).
        assertEquals(pub(MHA, 57), ((Number) row(region, "Black").get("numerator")).longValue());
        assertEquals(55, ((Number) row(qkk, "Black").get("numerator")).intValue());
    }

    /** The smallest count a published count can stand for. */
    private static long low(long published) {
        return published == 0 ? 0 : Math.max(DisclosureControl.MIN_PUBLISHED_COUNT, published - 4);
    }

    /** The largest count a published count can stand for. */
    private static long high(long published) {
        return published == 0 ? 0 : published + 4;
    }

    /** The counts a published count (null: suppressed, so 1–9) can stand for. */
    private static long[] range(Object published) {
        if (published == null) {
            return new long[] {1, DisclosureControl.MIN_PUBLISHED_COUNT - 1};
        }
        long p = ((Number) published).longValue();
        return new long[] {low(p), high(p)};
    }

    /**
     * That what a reader works out for {@code hiddenRows} suppressed counts together — between
     * {@code lowest} and {@code highest}, and (each being 1–9) between {@code hiddenRows} and
     * 9 × {@code hiddenRows} — leaves at least two possible totals, the true one among them.
     */
    private static void assertAmbiguous(long lowest, long highest, int hiddenRows, long exact, String what) {
        long from = Math.max(lowest, hiddenRows);
        long to = Math.min(highest, (DisclosureControl.MIN_PUBLISHED_COUNT - 1) * hiddenRows);
        assertTrue(from <= exact && exact <= to, what + ": the true " + exact + " outside " + from + " to " + to);
        assertTrue(to > from, what + ": pinned to " + from);
    }

    /** The count a reader recovers from a row: value × denominator for a rate or percentage, else the numerator. */
    private static Long readerCount(Map<String, Object> row, boolean rate) {
        if (row.get("value") != null && row.get("denominator") != null) {
            return Math.round(d(row.get("value")) * d(row.get("denominator")) / (rate ? 100_000 : 100));
        }
        return row.get("numerator") == null ? null : ((Number) row.get("numerator")).longValue();
    }

    /** The count a breakdown's exact rows split (events of a rate, records of a proportion). */
    private static long tableTotal(JsonPath exact, boolean rate) {
        long total = 0;
        for (Map<String, Object> r : exact.<Map<String, Object>>getList("rows")) {
            Object n = rate ? r.get("numerator") : r.get("denominator");
            total += n == null ? 0 : Math.round(d(n));
        }
        return total;
    }

    /** A count as the public view publishes it (the %test rounding key). */
    private static long pub(String indicator, long exact) {
        return DisclosureControl.publishCount(indicator, exact);
    }

    private static void assertNoSmallCount(List<Object> counts, String what) {
        for (Object n : counts) {
            if (n != null) {
                double count = d(n);
                assertFalse(count > 0 && count < DisclosureControl.MIN_PUBLISHED_COUNT,
                        what + ": count " + count + " published");
            }
        }
    }

    @Test
    void theAssuranceRoleSeesTheSmallCountsThePublicDoesNot() {
        String q = "/api/v1/indicators/" + MHA + "/data?area=QMJ&period=" + P + "&breakdown=broad-ethnicity";
        Map<String, Object> black = row(get(assurance(), q), "Black");
        assertEquals(2, ((Number) black.get("numerator")).intValue());
        assertNotNull(black.get("value"));
        assertEquals(Boolean.FALSE, black.get("suppressed"));
        assertEquals(212, ((Number) row(get(assurance(), q), "White").get("numerator")).intValue());
        JsonPath pub = get(publicCaller(), q);
        assertNull(row(pub, "Black").get("numerator"));
        assertNull(row(pub, "Black").get("value"));
        assertNull(row(pub, "Black").get("lowerCi95"));
        assertEquals(Boolean.TRUE, row(pub, "Black").get("suppressed"));
        // A ratio is suppressed when either input is.
        @SuppressWarnings("unchecked")
        Map<String, Object> vs = (Map<String, Object>) row(pub, "Black").get("vsReference");
        assertNull(vs.get("ratio"));
        // Not stated (6) is hidden too: the public view hides every count up to 9.
        assertNull(row(pub, "Not stated").get("numerator"));
        assertEquals(Boolean.TRUE, row(pub, "Not stated").get("suppressed"));
        // No secondary suppression: the other groups are shown.
        assertEquals(pub(MHA, 212), ((Number) row(pub, "White").get("numerator")).longValue());
    }

    @Test
    void publicFiguresAreCalculatedFromThePublishedCounts() {
        String q = "/api/v1/indicators/" + MHA + "/data?area=QMJ&period=" + P + "&breakdown=broad-ethnicity";
        JsonPath pub = get(publicCaller(), q);
        Map<String, Object> white = row(pub, "White");
        CrudeRate rate = CrudeRate.of(pub(MHA, 212), 900_000, 100_000);
        assertEquals(pub(MHA, 212), ((Number) white.get("numerator")).longValue(), "212 is published rounded");
        assertEquals(rate.value(), d(white.get("value")), 1e-9, "the rate of the published count");
        assertFalse(Math.abs(CrudeRate.of(212, 900_000, 100_000).value() - d(white.get("value"))) < 1e-6,
                "not the rate of the exact count, which would give 212 back");
        assertEquals(rate.ci95().lower(), d(white.get("lowerCi95")), 1e-9);
        assertEquals(rate.ci95().upper(), d(white.get("upperCi95")), 1e-9);
        assertEquals(rate.ci998().lower(), d(white.get("lowerCi998")), 1e-9);
        assertEquals(rate.ci998().upper(), d(white.get("upperCi998")), 1e-9);

        // The ratio to the reference from the published counts, the benchmark England's public value.
        Map<String, Object> asian = row(pub, "Asian");
        RateRatio rr = RateRatio.ofCrude(pub(MHA, 17), 120_000, pub(MHA, 212), 900_000).orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> vs = (Map<String, Object>) asian.get("vsReference");
        assertEquals(rr.value(), d(vs.get("ratio")), 1e-9);
        assertEquals(rr.ci95().lower(), d(vs.get("lower")), 1e-9);
        assertEquals(rr.ci95().upper(), d(vs.get("upper")), 1e-9);
        assertEquals(Disparity.isDisparity(rr.ci95(), 1, Polarity.LOW_IS_GOOD), vs.get("disparity"));
        double englandAsian = CrudeRate.of(pub(MHA, 157), 870_000, 100_000).value();
        assertEquals(englandAsian, d(asian.get("benchmarkValue")), 1e-9, "England's 157 is published rounded");
        BenchmarkComparison vsEngland = BenchmarkComparison.of(CrudeRate.of(pub(MHA, 17), 120_000, 100_000).ci95(),
                englandAsian);
        assertEquals(vsEngland.name(), asian.get("comparedToBenchmark"));

        // England's counts are rounded too, and its own rows compared with its public total.
        JsonPath england = get(publicCaller(), "/api/v1/indicators/" + MHA + "/data?area=ENGLAND&period=" + P
                + "&breakdown=broad-ethnicity");
        assertEquals(pub(MHA, 1362), ((Number) row(england, "White").get("numerator")).longValue(),
                "England's 1362 is rounded too");
        double total = CrudeRate.of(pub(MHA, 1796), 7_497_000, 100_000).value();
        for (Object b : england.getList("rows.benchmarkValue")) {
            assertEquals(total, d(b), 1e-9);
        }

        // Proportions: numerator and denominator rounded, the difference from both.
        JsonPath tt = get(publicCaller(), "/api/v1/indicators/" + TT + "/data?area=QMJ&period=" + P
                + "&breakdown=white-british");
        Map<String, Object> other = row(tt, "Other than White British");
        assertEquals(20, ((Number) other.get("numerator")).intValue());
        assertEquals(45.0, d(other.get("denominator")), 1e-9);
        Map<String, Object> notKnown = row(tt, "Not known");
        assertNull(notKnown.get("numerator"), "4 of 9: hidden");
        assertNull(notKnown.get("denominator"), "9: hidden too");
        Map<String, Object> notStated = row(tt, "Not stated");
        assertNull(notStated.get("denominator"), "2 of 3: both hidden");
        JsonPath ttAll = get(publicCaller(), "/api/v1/indicators/" + TT + "/data?area=QMJ&period=" + P);
        assertEquals(pub(TT, 86), ((Number) ttAll.get("rows[0].numerator")).longValue());
        assertEquals(pub(TT, 157), d(ttAll.get("rows[0].denominator")), 1e-9);
        assertEquals(Proportion.of(pub(TT, 86), pub(TT, 157), 100).value(), d(ttAll.get("rows[0].value")), 1e-9,
                "86 of 157 published rounded");
    }

    @Test
    void aBadTokenIsRefusedWithAProblemEvenOnPublicEndpoints() {
        for (String path : List.of("/data", "/trend", "/funnel")) {
            given().auth().oauth2("not-a-token").when().get("/api/v1/indicators/" + MHA + path).then()
                    .statusCode(401).contentType("application/problem+json")
                    .body("type", equalTo("urn:uk:nhs:mhe:problem:unauthorized"));
        }
    }

    // ---- /trend --------------------------------------------------------------------------

    @Test
    void trendOfAProportionIsTheWorkedExample() {
        // The worked example holds for the exact counts (assurance).
        JsonPath trend = get(assurance(), "/api/v1/indicators/" + TT + "/trend?area=QKK");
        assertEquals("month", trend.getString("periodType"));
        assertEquals(P, trend.getString("to"));
        assertEquals("none", trend.getString("breakdown"));
        assertEquals("All", trend.getString("group"));
        assertEquals(List.of("2030-08", "2030-09", "2030-10", "2030-11", "2030-12", P), trend.getList("points.period"));
        assertEquals(290, ((Number) trend.get("points[5].numerator")).intValue());
        assertEquals(29000.0 / 1030, trend.getDouble("points[5].value"), 1e-9);
        assertEquals("INCREASING", trend.getString("recentTrend.trend"));
        assertEquals(16.803979, trend.getDouble("recentTrend.chiSquared"), 1e-6);
        assertEquals(List.of("2030-09", "2030-10", "2030-11", "2030-12", P), trend.getList("recentTrend.points"));

        // In public, the same test over the published counts (232, 251 and 262 rounded; the
        // denominators are multiples of 5 already), never over the exact ones.
        JsonPath pub = get(publicCaller(), "/api/v1/indicators/" + TT + "/trend?area=QKK");
        assertEquals(List.of(190L, 210L, pub(TT, 232), pub(TT, 251), pub(TT, 262), 290L),
                pub.<Number>getList("points.numerator").stream().map(Number::longValue).toList());
        RecentTrend published = RecentTrend.forProportions(List.of(new Observation(210, 1000),
                new Observation(pub(TT, 232), 1010), new Observation(pub(TT, 251), 1020),
                new Observation(pub(TT, 262), 1000), new Observation(290, 1030)));
        assertEquals(published.trend().name(), pub.getString("recentTrend.trend"));
        assertEquals(published.chiSquared(), pub.getDouble("recentTrend.chiSquared"), 1e-9);
        assertFalse(Math.abs(16.803979 - pub.getDouble("recentTrend.chiSquared")) < 1e-3,
                "χ² of the exact counts would be a function of them");

        // Ending earlier: the five months up to 2030-12.
        JsonPath earlier = get(publicCaller(), "/api/v1/indicators/" + TT + "/trend?area=QKK&to=2030-12");
        assertEquals(5, earlier.getList("points").size());
        RecentTrend expected = RecentTrend.forProportions(List.of(new Observation(190, 990),
                new Observation(210, 1000), new Observation(pub(TT, 232), 1010),
                new Observation(pub(TT, 251), 1020), new Observation(pub(TT, 262), 1000)));
        assertEquals(expected.trend().name(), earlier.getString("recentTrend.trend"));
        assertEquals(expected.chiSquared(), earlier.getDouble("recentTrend.chiSquared"), 1e-9);

        JsonPath fy = get(publicCaller(), "/api/v1/indicators/" + TT + "/trend?area=QKK&periodType=FY");
        assertEquals(List.of("FY2030-31"), fy.getList("points.period"));
        assertEquals("CANNOT_BE_CALCULATED", fy.getString("recentTrend.trend"), "one point is not five");
    }

    @Test
    void trendOfARateUsesWeightedLeastSquaresAndHidesItWhereAPointIsSuppressed() {
        String q = "/api/v1/indicators/" + MHA + "/trend?area=QMJ&breakdown=none&group=All&periodType=month";
        JsonPath exact = get(assurance(), q);
        RecentTrend expected = RecentTrend.forRates(List.of(new Observation(200, 1_125_000),
                new Observation(3, 1_125_000), new Observation(220, 1_125_000), new Observation(240, 1_125_000),
                new Observation(246, 1_125_000)));
        assertEquals(expected.trend().name(), exact.getString("recentTrend.trend"));
        assertEquals(expected.chiSquared(), exact.getDouble("recentTrend.chiSquared"), 1e-9);
        // By period: other tests in this service may have left earlier months of QMJ.
        String october = "points.find { it.period == '2030-10' }";
        assertEquals(3, ((Number) exact.get(october + ".numerator")).intValue());

        JsonPath pub = get(publicCaller(), q);
        assertNull(pub.get(october + ".numerator"));
        assertNull(pub.get(october + ".value"));
        assertEquals(Boolean.TRUE, pub.get(october + ".suppressed"));
        assertEquals("CANNOT_BE_CALCULATED", pub.getString("recentTrend.trend"),
                "χ² and the other four points would give the hidden count back");
        assertNull(pub.get("recentTrend.chiSquared"));
        assertNoSmallCount(pub.getList("points.numerator"), "trend");

        JsonPath dsr = get(assurance(), "/api/v1/indicators/" + MHA + "-dsr/trend?area=QMJ");
        assertEquals("CANNOT_BE_CALCULATED", dsr.getString("recentTrend.trend"));
        assertNull(dsr.get("points.find { it.period == '" + P + "' }.value"), "a DSR below 10 events is not computed");
    }

    @Test
    void trendRefusesWhatIsNotThereListingWhatIs() {
        String base = "/api/v1/indicators/" + MHA + "/trend?area=QMJ";
        publicCaller().when().get(base + "&periodType=R12").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:uk:nhs:mhe:problem:trend-period-type"))
                .body("detail", containsString("eleven months")).body("available", equalTo(List.of("month", "FY")));
        publicCaller().when().get(base + "&periodType=week").then().statusCode(400)
                .body("available", equalTo(List.of("month", "FY")));
        publicCaller().when().get(base + "&breakdown=broad-ethnicity&group=Purple").then().statusCode(400)
                .body("type", equalTo("urn:uk:nhs:mhe:problem:unknown-group"))
                .body("available", hasItems("White", "Black", "Not known"));
        publicCaller().when().get(base + "&to=2099-01").then().statusCode(404)
                .body("type", equalTo("urn:uk:nhs:mhe:problem:unknown-period")).body("available", hasItem(P));
        publicCaller().when().get(base + "&to=FY2030-31").then().statusCode(400)
                .body("type", equalTo("urn:uk:nhs:mhe:problem:invalid-period"));
        publicCaller().when().get(base + "&breakdown=shoe-size").then().statusCode(400)
                .body("available", hasItem("broad-ethnicity"));
        publicCaller().when().get("/api/v1/indicators/" + MHA + "/trend?area=RV5").then().statusCode(400)
                .body("type", equalTo("urn:uk:nhs:mhe:problem:area-not-available"));
    }

    @Test
    void theCountBehindADsrIsNotPublished() {
        // Beside the crude count it would give away how many records have no sex (gender 3, 4, X, Z).
        String q = "/api/v1/indicators/" + MHA + "-dsr/data?area=QMJ&period=" + P + "&breakdown=none";
        assertEquals(7, ((Number) get(assurance(), q).get("rows[0].numerator")).intValue());
        JsonPath pub = get(publicCaller(), q);
        assertNull(pub.get("rows[0].numerator"));
        assertEquals(1_125_000.0, ((Number) pub.get("rows[0].denominator")).doubleValue(), "the population stays");

        // Nor can it be read off the public interval: Dobson's limits are DSR + √(var/O)·(O_L − O)
        // and DSR + √(var/O)·(O_U − O), so (U − DSR)/(DSR − L) = (O_U − O)/(O − O_L) names O. From
        // the public figures it names the O of the rounded strata, never the exact one.
        String k = "/api/v1/indicators/" + MHA + "-dsr/data?area=QKK&period=" + P + "&breakdown=none";
        JsonPath exactRow = get(assurance(), k);
        JsonPath pubRow = get(publicCaller(), k);
        long exactO = 0;
        List<Stratum> rounded = new ArrayList<>();
        for (int i = 0; i < DSR_COUNTS.length; i++) {
            exactO += DSR_COUNTS[i];
            rounded.add(new Stratum(DisclosureControl.roundForDerivation(MHA + "-dsr", DSR_COUNTS[i]), DSR_POPULATIONS[i],
                    DSR_WEIGHTS[i]));
        }
        DirectlyStandardisedRate publicDsr = DirectlyStandardisedRate.per100k(rounded).orElseThrow();
        assertEquals(exactO, ((Number) exactRow.get("rows[0].numerator")).longValue());
        assertNull(pubRow.get("rows[0].numerator"));
        assertEquals(publicDsr.value(), pubRow.getDouble("rows[0].value"), 1e-9, "the DSR of the rounded strata");
        assertEquals(publicDsr.ci95().lower(), pubRow.getDouble("rows[0].lowerCi95"), 1e-9);
        assertEquals(publicDsr.ci95().upper(), pubRow.getDouble("rows[0].upperCi95"), 1e-9);
        assertEquals(publicDsr.ci998().lower(), pubRow.getDouble("rows[0].lowerCi998"), 1e-9);
        assertEquals(publicDsr.ci998().upper(), pubRow.getDouble("rows[0].upperCi998"), 1e-9);
        assertFalse(Math.abs(exactRow.getDouble("rows[0].value") - pubRow.getDouble("rows[0].value")) < 1e-6,
                "not the exact DSR");

        assertEquals(exactO, observedBehind(exactRow), "the attack works on the exact figures");
        long fromPublic = observedBehind(pubRow);
        assertEquals(publicDsr.observed(), fromPublic, "the public interval names the rounded strata's O");
        assertFalse(fromPublic == exactO, "and not the exact " + exactO);
    }

    /** The O whose Byar limits best fit (U − DSR)/(DSR − L) of a DSR row's 95% interval. */
    private static long observedBehind(JsonPath row) {
        double value = row.getDouble("rows[0].value");
        double ratio = (row.getDouble("rows[0].upperCi95") - value) / (value - row.getDouble("rows[0].lowerCi95"));
        long best = -1;
        double bestError = Double.MAX_VALUE;
        for (long o = DirectlyStandardisedRate.MIN_OBSERVED; o <= 1_000; o++) {
            Interval byar = ByarInterval.of(o, ConfidenceLevel.NINETY_FIVE);
            double error = Math.abs((byar.upper() - o) / (o - byar.lower()) - ratio);
            if (error < bestError) {
                best = o;
                bestError = error;
            }
        }
        return best;
    }

    // ---- /funnel -------------------------------------------------------------------------

    @Test
    void funnelOfAProportionUsesThePheLimits() {
        JsonPath funnel = get(assurance(), "/api/v1/indicators/" + TT + "/funnel?period=" + P);
        assertEquals("ICB", funnel.getString("areaType"));
        assertEquals(List.of("QKK", "QMJ"), funnel.getList("points.area"), "ICBs only, not England or providers");
        double a = 376.0 / 1187;
        assertEquals(a * 100, funnel.getDouble("average"), 1e-9);
        List<Map<String, Object>> limits = funnel.getList("limits");
        assertEquals(FunnelQuery.LIMIT_POINTS, limits.size());
        assertEquals(157.0, d(limits.get(0).get("denominator")), 1e-9);
        assertEquals(1030.0, d(limits.get(limits.size() - 1).get("denominator")), 1e-9);
        for (Map<String, Object> l : limits) {
            FunnelLimits expected = FunnelLimits.forProportions(a, d(l.get("denominator")));
            assertEquals(expected.ci95().lower(), d(l.get("lower95")), 1e-9);
            assertEquals(expected.ci95().upper(), d(l.get("upper95")), 1e-9);
            assertEquals(expected.ci998().lower(), d(l.get("lower998")), 1e-9);
            assertEquals(expected.ci998().upper(), d(l.get("upper998")), 1e-9);
        }
        Map<String, Object> qkk = funnel.getMap("points.find { it.area == 'QKK' }");
        FunnelLimits atQkk = FunnelLimits.forProportions(a, 1030);
        assertEquals(FunnelQuery.position(29000.0 / 1030, atQkk).name(), qkk.get("position"));
        assertNotNull(qkk.get("name"));

        // In public the span's ends are rounded out to multiples of 5, like the points' counts, and
        // the average is Σ published numerators / Σ published denominators (86 of 157 rounded).
        JsonPath pub = get(publicCaller(), "/api/v1/indicators/" + TT + "/funnel?period=" + P);
        double x = pub(TT, 86);
        double n = pub(TT, 157);
        assertEquals((x + 290) / (n + 1030) * 100, pub.getDouble("average"), 1e-9);
        assertEquals(Proportion.of((long) x, (long) n, 100).value(),
                pub.getDouble("points.find { it.area == 'QMJ' }.value"), 1e-9);
        assertEquals(n, pub.getDouble("limits[0].denominator"), 1e-9);
        assertEquals(n, pub.getDouble("points.find { it.area == 'QMJ' }.denominator"), 1e-9);
    }

    @Test
    void funnelOfProvidersSuppressesSmallPoints() {
        JsonPath pub = get(publicCaller(), "/api/v1/indicators/" + TT + "/funnel?areaType=provider&period=" + P);
        assertEquals(List.of("RV5", "RWK", "RXT"), pub.getList("points.area"));
        Map<String, Object> rwk = pub.getMap("points.find { it.area == 'RWK' }");
        assertNull(rwk.get("numerator"));
        assertNull(rwk.get("value"));
        assertNull(rwk.get("position"), "a hidden value has no position either");
        assertEquals(Boolean.TRUE, rwk.get("suppressed"));
        assertNoSmallCount(pub.getList("points.numerator"), "funnel");
        JsonPath exact = get(assurance(), "/api/v1/indicators/" + TT + "/funnel?areaType=PROVIDER&period=" + P);
        assertEquals(3, ((Number) exact.get("points.find { it.area == 'RWK' }.numerator")).intValue());
    }

    @Test
    void funnelOfARateUsesExactPoissonLimitsAndEachAreasBreakdownForDisclosure() {
        JsonPath funnel = get(assurance(), "/api/v1/indicators/" + MHA + "/funnel?period=" + P);
        double a = (246.0 + 260) / (1_125_000 + 872_000);
        assertEquals(a * 100_000, funnel.getDouble("average"), 1e-9);
        Map<String, Object> l = funnel.getMap("limits[20]");
        FunnelLimits expected = FunnelLimits.forRates(a, d(l.get("denominator")), 100_000);
        assertEquals(expected.ci95().lower(), d(l.get("lower95")), 1e-9);
        assertEquals(expected.ci998().upper(), d(l.get("upper998")), 1e-9);

        // Black in QMJ (2) is hidden, in QKK (55) shown: each area's own breakdown decides.
        JsonPath black = get(publicCaller(), "/api/v1/indicators/" + MHA
                + "/funnel?period=" + P + "&breakdown=broad-ethnicity&group=Black");
        assertNull(black.get("points.find { it.area == 'QMJ' }.value"));
        assertEquals(55, ((Number) black.get("points.find { it.area == 'QKK' }.numerator")).intValue());
        // No secondary suppression: Not known in QKK (11) is published rounded, its rate from that.
        JsonPath notKnown = get(publicCaller(), "/api/v1/indicators/" + MHA
                + "/funnel?period=" + P + "&breakdown=broad-ethnicity&group=Not known");
        assertEquals(pub(MHA, 11), ((Number) notKnown.get("points.find { it.area == 'QKK' }.numerator")).longValue());
        assertEquals(CrudeRate.of(pub(MHA, 11), 4_000, 100_000).value(),
                d(notKnown.get("points.find { it.area == 'QKK' }.value")), 1e-9);
        // Mixed in QKK (3) and in QMJ (9) are hidden with their positions and left out of the
        // average, which with no point shown is not given.
        JsonPath mixed = get(publicCaller(), "/api/v1/indicators/" + MHA
                + "/funnel?period=" + P + "&breakdown=broad-ethnicity&group=Mixed");
        assertNull(mixed.get("points.find { it.area == 'QKK' }.value"));
        assertNull(mixed.get("points.find { it.area == 'QKK' }.position"));
        assertNull(mixed.get("points.find { it.area == 'QMJ' }.value"));
        assertNull(mixed.get("average"));

        // In public the average is Σ published counts / Σ populations (QMJ's 246 as published).
        JsonPath pub = get(publicCaller(), "/api/v1/indicators/" + MHA + "/funnel?period=" + P);
        double published = ((double) pub(MHA, 246) + 260) / (1_125_000 + 872_000);
        assertEquals(published * 100_000, pub.getDouble("average"), 1e-9);
        assertFalse(Math.abs(a * 100_000 - pub.getDouble("average")) < 1e-9, "not the exact average");
        assertEquals(pub(MHA, 246), ((Number) pub.get("points.find { it.area == 'QMJ' }.numerator")).intValue());
        assertEquals(CrudeRate.of(pub(MHA, 246), 1_125_000, 100_000).value(),
                d(pub.get("points.find { it.area == 'QMJ' }.value")), 1e-9);
    }

    @Test
    void funnelRefusesWhatIsNotDefinedListingWhatIs() {
        publicCaller().when().get("/api/v1/indicators/" + MHA + "-dsr/funnel").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:uk:nhs:mhe:problem:funnel-not-defined"))
                .body("suggested", equalTo(MHA)).body("detail", containsString(MHA));
        publicCaller().when().get("/api/v1/indicators/" + MHA + "/funnel?areaType=PROVIDER").then().statusCode(400)
                .body("available", equalTo(List.of("REGION", "ICB")));
        publicCaller().when().get("/api/v1/indicators/" + MHA + "/funnel?breakdown=broad-ethnicity&group=Purple")
                .then().statusCode(400).body("available", hasItem("White"));
        publicCaller().when().get("/api/v1/indicators/" + MHA + "/funnel?period=2099-01").then().statusCode(404)
                .body("available", hasItem(P));
    }

    // ---- CSV -----------------------------------------------------------------------------

    @Test
    void everyEndpointAnswersCsvOnRequest() {
        String[] data = csvLines("/api/v1/indicators/" + MHA + "/data?area=QMJ&period=" + P + "&breakdown=broad-ethnicity");
        assertEquals(1 + 7, data.length);
        assertTrue(data[0].startsWith("indicator,area,period,breakdown,view,group,label,numerator,denominator,value,"), data[0]);
        assertTrue(data[0].contains(",vsReferenceRatio,"), data[0]);
        assertTrue(data[1].startsWith(MHA + ",QMJ," + P + ",broad-ethnicity,public,White,"), data[1]);
        String black = List.of(data).stream().filter(l -> l.contains(",Black,")).findFirst().orElseThrow();
        assertTrue(black.contains(",Black,Black,,"), "a suppressed count is an empty cell: " + black);
        assertTrue(black.endsWith(",true"), black);

        String[] tt = csvLines("/api/v1/indicators/" + TT + "/data?area=QMJ&period=" + P + "&breakdown=white-british");
        assertTrue(tt[0].contains(",vsReferenceDifference,"), tt[0]);

        assertEquals(1 + 6, csvLines("/api/v1/indicators/" + TT + "/trend?area=QKK").length);
        String[] funnel = csvLines("/api/v1/indicators/" + TT + "/funnel?period=" + P);
        assertEquals(1 + 2, funnel.length);
        assertTrue(funnel[0].contains("area,name,numerator,denominator,value,position"), funnel[0]);

        // Errors stay problem details whatever was asked for.
        given().accept("text/csv").when().get("/api/v1/indicators/" + MHA + "/data?period=2099-01").then()
                .statusCode(404).contentType("application/problem+json");
        // Without Accept, JSON.
        given().when().get("/api/v1/indicators/" + TT + "/trend?area=QKK").then().statusCode(200)
                .contentType("application/json");
    }

    private static String[] csvLines(String path) {
        Response r = given().accept("text/csv").when().get(path);
        r.then().statusCode(200).contentType(startsWith("text/csv"))
                .header("Content-Disposition", containsString(".csv"));
        List<String> lines = new ArrayList<>(List.of(r.asString().split("\r\n")));
        lines.removeIf(String::isEmpty);
        return lines.toArray(String[]::new);
    }
}
