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
import uk.nhs.mhe.indicator.stats.CrudeRate;
import uk.nhs.mhe.indicator.stats.Disparity;
import uk.nhs.mhe.indicator.stats.FunnelLimits;
import uk.nhs.mhe.indicator.stats.Interval;
import uk.nhs.mhe.indicator.stats.Observation;
import uk.nhs.mhe.indicator.stats.Polarity;
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

    /** Every area and breakdown with values: the public view must not give away a count of 1–4. */
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
            // What a reader can work out: the total minus what the visible groups give away.
            Long total = readerCount(pubTotal.getMap("rows[0]"), rate);
            if (total != null) {
                long visible = 0;
                for (Map<String, Object> r : pub.<Map<String, Object>>getList("rows")) {
                    Long c = readerCount(r, rate);
                    visible += c == null ? 0 : c;
                }
                long left = total - visible;
                assertTrue(left == 0 || left >= 5, what + ": total − visible groups = " + left);
            }
            // And exactly: the hidden groups' unrounded counts add up to 0 or at least 5.
            for (String field : rate ? List.of("numerator") : List.of("numerator", "denominator")) {
                double hidden = 0;
                List<Map<String, Object>> rows = pub.getList("rows");
                for (int i = 0; i < rows.size(); i++) {
                    if (rows.get(i).get(field) == null) {
                        assertEquals(Boolean.TRUE, rows.get(i).get("suppressed"), what);
                        assertNull(rows.get(i).get("value"), what + ": a hidden count hides its value");
                        hidden += d(row(exact, (String) rows.get(i).get("group")).get(field));
                    }
                }
                assertTrue(hidden == 0 || hidden >= 5, what + ": hidden " + field + "s add up to " + hidden);
            }
        }
    }

    /** The count a reader recovers from a row: value × population for a rate, else the numerator. */
    private static Long readerCount(Map<String, Object> row, boolean rate) {
        if (rate && row.get("value") != null && row.get("denominator") != null) {
            return Math.round(d(row.get("value")) * d(row.get("denominator")) / 100_000);
        }
        return row.get("numerator") == null ? null : ((Number) row.get("numerator")).longValue();
    }

    private static void assertNoSmallCount(List<Object> counts, String what) {
        for (Object n : counts) {
            if (n != null) {
                double count = d(n);
                assertFalse(count > 0 && count < 5, what + ": count " + count + " published");
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
        JsonPath pub = get(publicCaller(), q);
        assertNull(row(pub, "Black").get("numerator"));
        assertEquals(Boolean.TRUE, row(pub, "Black").get("suppressed"));
        // Not stated (6) is the next smallest: hidden so that Black's 2 does not follow from the total.
        assertNull(row(pub, "Not stated").get("numerator"));
        assertNull(row(pub, "Not stated").get("value"));
        assertEquals(210, ((Number) row(pub, "White").get("numerator")).intValue(), "212 rounds to 210");
        assertEquals(CrudeRate.of(212, 900_000, 100_000).value(), d(row(pub, "White").get("value")), 1e-9,
                "rates from unrounded counts");
        // A ratio is suppressed when either input is.
        @SuppressWarnings("unchecked")
        Map<String, Object> vs = (Map<String, Object>) row(pub, "Black").get("vsReference");
        assertNull(vs.get("ratio"));
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
        JsonPath trend = get(publicCaller(), "/api/v1/indicators/" + TT + "/trend?area=QKK");
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

        // Ending earlier: the five months up to 2030-12.
        JsonPath earlier = get(publicCaller(), "/api/v1/indicators/" + TT + "/trend?area=QKK&to=2030-12");
        assertEquals(5, earlier.getList("points").size());
        RecentTrend expected = RecentTrend.forProportions(List.of(new Observation(190, 990),
                new Observation(210, 1000), new Observation(232, 1010), new Observation(251, 1020),
                new Observation(262, 1000)));
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

        // In public the span's ends are rounded out to multiples of 5, like the points' counts.
        JsonPath pub = get(publicCaller(), "/api/v1/indicators/" + TT + "/funnel?period=" + P);
        assertEquals(155.0, pub.getDouble("limits[0].denominator"), 1e-9);
        assertEquals(155.0, pub.getDouble("points.find { it.area == 'QMJ' }.denominator"), 1e-9);
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
        // Not known in QKK (11) is the next smallest after Mixed 3 and Other 1 (together 4): hidden.
        JsonPath notKnown = get(publicCaller(), "/api/v1/indicators/" + MHA
                + "/funnel?period=" + P + "&breakdown=broad-ethnicity&group=Not known");
        assertNull(notKnown.get("points.find { it.area == 'QKK' }.value"));
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
