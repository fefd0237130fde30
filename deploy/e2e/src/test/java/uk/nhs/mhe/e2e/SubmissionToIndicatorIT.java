package uk.nhs.mhe.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end, as a provider system, the national data team and a regional assurance user would
 * use the platform: the packaged services against real PostgreSQL, a real Kafka broker and real
 * Keycloak (realm file of deploy/keycloak), with real OIDC tokens. A held-back submission goes
 * in through the ingest API and its indicator values come out of the indicator API, checked
 * against the formulas of indicators.md computed here, by hand, from the records.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubmissionToIndicatorIT {

    private static final double Z95 = 1.959964;
    private static final double Z998 = 3.090232;
    private static final double FOUR_DP = 5e-5;
    private static final String MHA = "mha-detention-rate";

    private static final String POPULATION_2022 = """
            areaCode,ethnicCategory,ageBand,sex,population
            QMJ,A,20-24,1,250000
            QMJ,A,20-24,2,250000
            QMJ,M,30-34,1,60000
            QMJ,N,30-34,2,50000
            QKK,A,40-44,1,400000
            QKK,N,40-44,2,80000
            QYG,A,50-54,1,700000
            QYG,H,50-54,2,90000
            """;

    private Platform platform;
    private Api api;

    @BeforeAll
    void start() throws Exception {
        platform = new Platform();
        api = new Api(platform.keycloak.tokenEndpoint());
        Api.Response population = api.putCsv(platform.indicatorUrl + "/api/v1/reference/population?year=2022",
                api.clientToken("mhe-admin"), POPULATION_2022);
        assertEquals(200, population.status(), String.valueOf(population.body()));
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    /** {@code people} records resident in {@code icb} with ethnic category {@code ethnic}, each with {@code detentions}. */
    private static void add(List<Map<String, Object>> records, String icb, String ethnic, int people, int detentions) {
        for (int i = 0; i < people; i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("personId", "E2E-" + icb + "-" + ethnic + "-" + records.size());
            r.put("ethnicCategory", ethnic);
            r.put("gender", i % 2 == 0 ? "1" : "2");
            r.put("ageYears", 20 + i);
            r.put("residenceIcb", icb);
            r.put("imdDecile", 1 + i % 10);
            r.put("inContact", "Y");
            r.put("detentions", detentions);
            r.put("ctos", 0);
            r.put("restrictiveInterventions", 0);
            records.add(r);
        }
    }

    private static Map<String, Object> submission(String provider, String period, List<Map<String, Object>> records) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dataset", "MHSDS");
        body.put("provider", provider);
        body.put("period", period);
        body.put("records", records);
        return body;
    }

    private JsonNode awaitIndicator(String token, String query, long englandTotal) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        String period = query.replaceAll(".*period=([^&]+).*", "$1");
        while (System.currentTimeMillis() < deadline) {
            Api.Response total = api.get(platform.indicatorUrl + "/api/v1/indicators/mha-detention-rate/data?period="
                    + period, token);
            if (total.status() == 200 && total.body().at("/rows/0/numerator").asLong() == englandTotal) {
                return api.get(platform.indicatorUrl + "/api/v1/indicators/mha-detention-rate/data?" + query, token).body();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("indicator values for " + period + " did not arrive");
    }

    private static JsonNode row(JsonNode data, String group) {
        for (JsonNode row : data.get("rows")) {
            if (row.get("group").asText().equals(group)) {
                return row;
            }
        }
        throw new AssertionError("no row " + group + " in " + data);
    }

    /** Limits of a count, indicators.md: exact Poisson below 10, Byar otherwise. */
    private static double[] countLimits(long x, double z, double confidence) {
        if (x < 10) {
            double lower = x == 0 ? 0 : ChiSquaredDistribution.of(2 * x).inverseCumulativeProbability((1 - confidence) / 2) / 2;
            double upper = ChiSquaredDistribution.of(2 * x + 2)
                    .inverseCumulativeProbability(confidence + (1 - confidence) / 2) / 2;
            return new double[] {lower, upper};
        }
        double lower = x * Math.pow(1 - 1.0 / (9 * x) - z / (3 * Math.sqrt(x)), 3);
        double upper = (x + 1) * Math.pow(1 - 1.0 / (9 * (x + 1)) + z / (3 * Math.sqrt(x + 1)), 3);
        return new double[] {lower, upper};
    }

    private static void assertRate(JsonNode row, long x, double n) {
        assertEquals(x, row.get("numerator").asLong(), "numerator of " + row.get("group"));
        assertEquals(n, row.get("denominator").asDouble(), "denominator of " + row.get("group"));
        assertEquals(x / n * 100_000, row.get("value").asDouble(), FOUR_DP);
        double[] ci95 = countLimits(x, Z95, 0.95);
        double[] ci998 = countLimits(x, Z998, 0.998);
        assertEquals(ci95[0] / n * 100_000, row.get("lowerCi95").asDouble(), FOUR_DP);
        assertEquals(ci95[1] / n * 100_000, row.get("upperCi95").asDouble(), FOUR_DP);
        assertEquals(ci998[0] / n * 100_000, row.get("lowerCi998").asDouble(), FOUR_DP);
        assertEquals(ci998[1] / n * 100_000, row.get("upperCi998").asDouble(), FOUR_DP);
    }

    @Test
    void heldBackSubmissionGivesTheRatesLimitsAndRateRatioOfIndicatorsMd() throws Exception {
        List<Map<String, Object>> records = new ArrayList<>();
        add(records, "QMJ", "A", 25, 1);
        add(records, "QMJ", "M", 6, 2);
        add(records, "QMJ", "N", 4, 1);
        add(records, "QKK", "A", 10, 1);
        add(records, "QKK", "N", 9, 1);
        add(records, "QKK", "N", 5, 0);
        add(records, "QYG", "A", 7, 1);
        add(records, "QYG", "H", 3, 1);
        add(records, "QKK", "Z", 2, 1);
        add(records, "QMJ", "99", 1, 1);
        Api.Response accepted = api.postJson(platform.ingestUrl + "/api/v1/submissions", api.clientToken("provider-rv5"),
                submission("RV5", "2022-09", records));
        assertEquals(201, accepted.status(), String.valueOf(accepted.body()));
        assertEquals(72, accepted.body().get("records").asInt());

        String assurance = api.userToken("assurance.london");
        JsonNode england = awaitIndicator(assurance, "area=ENGLAND&period=2022-09&breakdown=broad-ethnicity", 73);
        assertEquals("exact", england.get("view").asText());
        JsonNode total = api.get(platform.indicatorUrl
                + "/api/v1/indicators/mha-detention-rate/data?area=ENGLAND&period=2022-09&breakdown=none", assurance).body();
        assertRate(row(total, "All"), 73, 1_880_000);

        assertRate(row(england, "White"), 42, 1_600_000);
        assertRate(row(england, "Black"), 25, 190_000);
        assertRate(row(england, "Asian"), 3, 90_000); // exact Poisson limits below 10 events
        assertEquals(2, row(england, "Not stated").get("numerator").asLong());
        assertTrue(row(england, "Not stated").get("value").isNull(), "no population for not stated");
        assertEquals(1, row(england, "Not known").get("numerator").asLong());

        // Rate ratio, Black to White, with its 95% interval.
        double rr = (25 / 190_000.0) / (42 / 1_600_000.0);
        double se = Math.sqrt(1.0 / 25 + 1.0 / 42);
        JsonNode vs = row(england, "Black").get("vsReference");
        assertEquals("White", vs.get("group").asText());
        assertEquals(rr, vs.get("ratio").asDouble(), FOUR_DP);
        assertEquals(rr * Math.exp(-Z95 * se), vs.get("lower").asDouble(), FOUR_DP);
        assertEquals(rr * Math.exp(Z95 * se), vs.get("upper").asDouble(), FOUR_DP);
        assertTrue(vs.get("disparity").asBoolean(), "Black people detained significantly more: a disparity");
        assertTrue(row(england, "White").get("vsReference").isNull());

        // England's rows are compared with England's total.
        double englandRate = 73 / 1_880_000.0 * 100_000;
        assertEquals(englandRate, row(england, "Black").get("benchmarkValue").asDouble(), FOUR_DP);
        assertEquals("HIGHER", row(england, "Black").get("comparedToBenchmark").asText());
        assertEquals("WORSE", row(england, "Black").get("assessment").asText());

        // London: QMJ and QKK, with the same group in England as benchmark.
        JsonNode london = api.get(platform.indicatorUrl
                + "/api/v1/indicators/mha-detention-rate/data?area=Y56&period=2022-09&breakdown=ethnicity", assurance).body();
        assertRate(row(london, "N"), 13, 130_000);
        assertRate(row(london, "M"), 12, 60_000);

        // Without a token: the public view, every count randomly rounded to a multiple of 5 and
        // 1-4 suppressed, and the rate and its limits calculated from the rounded count, never
        // from the exact one.
        JsonNode publicLondon = api.get(platform.indicatorUrl
                + "/api/v1/indicators/mha-detention-rate/data?area=Y56&period=2022-09&breakdown=ethnicity", null).body();
        assertEquals("public", publicLondon.get("view").asText());
        assertRate(row(publicLondon, "N"), PublicCount.of(MHA, 13), 130_000);
        assertRate(row(publicLondon, "M"), PublicCount.of(MHA, 12), 60_000);
        JsonNode notStated = row(publicLondon, "Z");
        assertTrue(notStated.get("suppressed").asBoolean());
        assertTrue(notStated.get("numerator").isNull());

        // England is rounded too (White 42, total 73); the ratio and the benchmark in public come
        // from those published counts.
        JsonNode publicEngland = api.get(platform.indicatorUrl
                + "/api/v1/indicators/mha-detention-rate/data?area=ENGLAND&period=2022-09&breakdown=broad-ethnicity",
                null).body();
        long white = PublicCount.of(MHA, 42);
        assertRate(row(publicEngland, "White"), white, 1_600_000);
        assertRate(row(publicEngland, "Black"), 25, 190_000);
        assertTrue(row(publicEngland, "Asian").get("suppressed").asBoolean(), "3 is suppressed");
        assertTrue(row(publicEngland, "Asian").get("value").isNull());
        assertEquals(PublicCount.of(MHA, 73) / 1_880_000.0 * 100_000,
                row(publicEngland, "Black").get("benchmarkValue").asDouble(), FOUR_DP);
        double publicRr = (25 / 190_000.0) / (white / 1_600_000.0);
        double publicSe = Math.sqrt(1.0 / 25 + 1.0 / white);
        JsonNode publicVs = row(publicEngland, "Black").get("vsReference");
        assertEquals(publicRr, publicVs.get("ratio").asDouble(), FOUR_DP);
        assertEquals(publicRr * Math.exp(-Z95 * publicSe), publicVs.get("lower").asDouble(), FOUR_DP);
        assertEquals(publicRr * Math.exp(Z95 * publicSe), publicVs.get("upper").asDouble(), FOUR_DP);
    }

    /** {@code finished} referrals of one ethnic category that finished a course at caseness, {@code recovered} of them recovering. */
    private static void addReferrals(List<Map<String, Object>> records, String ethnic, int finished, int recovered) {
        for (int i = 0; i < finished; i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("referralId", "TT-" + ethnic + "-" + records.size());
            r.put("personId", "TTP-" + ethnic + "-" + i);
            r.put("ethnicCategory", ethnic);
            r.put("gender", i % 2 == 0 ? "1" : "2");
            r.put("ageYears", 25 + i % 40);
            r.put("residenceIcb", i % 2 == 0 ? "QMJ" : "QKK");
            r.put("imdDecile", 1 + i % 10);
            r.put("sexualOrientation", "1");
            r.put("referralDate", "2022-06-" + String.format("%02d", 1 + i % 28));
            r.put("enteredTreatment", "Y");
            r.put("finishedCourse", "Y");
            r.put("casenessAtStart", "Y");
            r.put("casenessAtEnd", i < recovered ? "N" : "Y");
            r.put("reliableImprovement", i < recovered ? "Y" : "N");
            r.put("daysToFirstTreatment", 10 + i % 60);
            records.add(r);
        }
    }

    /** Wilson score limits as percentages (indicators.md), computed here independently of the service. */
    private static double[] wilson(long x, double n, double z) {
        double centre = 2 * x + z * z;
        double spread = z * Math.sqrt(z * z + 4 * x * (1 - x / n));
        double denominator = 2 * (n + z * z);
        return new double[] {(centre - spread) / denominator * 100, (centre + spread) / denominator * 100};
    }

    @Test
    void talkingTherapiesRecoveryByEthnicityWithWilsonLimits() throws Exception {
        List<Map<String, Object>> records = new ArrayList<>();
        addReferrals(records, "A", 100, 65); // the worked example of indicators.md: 65 of 100
        addReferrals(records, "M", 40, 16);
        addReferrals(records, "Z", 3, 1);
        // Referrals that do not count: not entered treatment, or not at caseness at the start.
        for (int i = 0; i < 5; i++) {
            Map<String, Object> waiting = new LinkedHashMap<>(records.get(i));
            waiting.put("referralId", "TT-waiting-" + i);
            waiting.put("enteredTreatment", "N");
            waiting.put("finishedCourse", "N");
            waiting.put("casenessAtStart", null);
            waiting.put("casenessAtEnd", null);
            waiting.put("reliableImprovement", null);
            waiting.put("daysToFirstTreatment", null);
            records.add(waiting);
            Map<String, Object> belowCaseness = new LinkedHashMap<>(records.get(i));
            belowCaseness.put("referralId", "TT-below-" + i);
            belowCaseness.put("casenessAtStart", "N");
            belowCaseness.put("casenessAtEnd", "N");
            records.add(belowCaseness);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dataset", "TALKING_THERAPIES");
        body.put("provider", "RV5");
        body.put("period", "2022-06");
        body.put("records", records);
        Api.Response accepted = api.postJson(platform.ingestUrl + "/api/v1/submissions", api.clientToken("provider-rv5"), body);
        assertEquals(201, accepted.status(), String.valueOf(accepted.body()));

        String assurance = api.userToken("assurance.london");
        String url = platform.indicatorUrl + "/api/v1/indicators/tt-recovery/data?area=ENGLAND&period=2022-06&breakdown=ethnicity";
        JsonNode data = null;
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            Api.Response r = api.get(url, assurance);
            if (r.status() == 200 && row(r.body(), "A").get("denominator").asDouble() == 100) {
                data = r.body();
                break;
            }
            Thread.sleep(250);
        }
        assertTrue(data != null, "tt-recovery values for 2022-06 did not arrive");
        JsonNode white = row(data, "A");
        assertEquals(65, white.get("numerator").asLong());
        assertEquals(65.0, white.get("value").asDouble(), FOUR_DP);
        assertEquals(55.2544, white.get("lowerCi95").asDouble(), FOUR_DP, "worked example of indicators.md");
        assertEquals(73.6358, white.get("upperCi95").asDouble(), FOUR_DP, "worked example of indicators.md");
        double[] white998 = wilson(65, 100, Z998);
        assertEquals(white998[0], white.get("lowerCi998").asDouble(), FOUR_DP);
        assertEquals(white998[1], white.get("upperCi998").asDouble(), FOUR_DP);

        JsonNode caribbean = row(data, "M");
        assertEquals(16, caribbean.get("numerator").asLong());
        assertEquals(40, caribbean.get("denominator").asDouble());
        double[] caribbean95 = wilson(16, 40, Z95);
        assertEquals(40.0, caribbean.get("value").asDouble(), FOUR_DP);
        assertEquals(caribbean95[0], caribbean.get("lowerCi95").asDouble(), FOUR_DP);
        assertEquals(caribbean95[1], caribbean.get("upperCi95").asDouble(), FOUR_DP);
        // Difference to White British in percentage points, Newcombe's hybrid score interval.
        double[] w95 = wilson(65, 100, Z95);
        double d = 40.0 - 65.0;
        double lower = d - Math.hypot(40.0 - caribbean95[0], w95[1] - 65.0);
        double upper = d + Math.hypot(caribbean95[1] - 40.0, 65.0 - w95[0]);
        JsonNode vs = caribbean.get("vsReference");
        assertEquals("A", vs.get("group").asText());
        assertEquals(d, vs.get("difference").asDouble(), FOUR_DP);
        assertEquals(lower, vs.get("lower").asDouble(), FOUR_DP);
        assertEquals(upper, vs.get("upper").asDouble(), FOUR_DP);
        assertTrue(vs.get("disparity").asBoolean(), "Caribbean referrals recover significantly less: a disparity");

        // The public view hides the three not-stated referrals, and calculates the rest from the
        // rounded counts: Caribbean's 16 of 40 as published, its limits and its difference to
        // White British (65 of 100, already multiples of 5) from those.
        JsonNode publicView = api.get(url, null).body();
        JsonNode notStated = row(publicView, "Z");
        assertTrue(notStated.get("suppressed").asBoolean());
        assertTrue(notStated.get("numerator").isNull() && notStated.get("value").isNull());
        JsonNode publicCaribbean = row(publicView, "M");
        long recovered = PublicCount.of("tt-recovery", 16);
        double percent = recovered * 100.0 / 40;
        assertEquals(recovered, publicCaribbean.get("numerator").asLong());
        assertEquals(40, publicCaribbean.get("denominator").asDouble());
        assertEquals(percent, publicCaribbean.get("value").asDouble(), FOUR_DP);
        double[] published95 = wilson(recovered, 40, Z95);
        assertEquals(published95[0], publicCaribbean.get("lowerCi95").asDouble(), FOUR_DP);
        assertEquals(published95[1], publicCaribbean.get("upperCi95").asDouble(), FOUR_DP);
        double publicD = percent - 65.0;
        JsonNode publicVs = publicCaribbean.get("vsReference");
        assertEquals(publicD, publicVs.get("difference").asDouble(), FOUR_DP);
        assertEquals(publicD - Math.hypot(percent - published95[0], w95[1] - 65.0), publicVs.get("lower").asDouble(),
                FOUR_DP);
        assertEquals(publicD + Math.hypot(published95[1] - percent, 65.0 - w95[0]), publicVs.get("upper").asDouble(),
                FOUR_DP);
        // The provider's own view: RV5 as a provider area.
        JsonNode provider = api.get(platform.indicatorUrl
                + "/api/v1/indicators/tt-recovery/data?area=RV5&period=2022-06&breakdown=none", assurance).body();
        assertEquals(82, row(provider, "All").get("numerator").asLong());
        assertEquals(143, row(provider, "All").get("denominator").asDouble());
    }

    @Test
    void resubmissionReplacesTheEarlierVersion() throws Exception {
        String token = api.clientToken("provider-rxt");
        List<Map<String, Object>> first = new ArrayList<>();
        add(first, "QMJ", "A", 20, 1);
        List<Map<String, Object>> second = new ArrayList<>();
        add(second, "QMJ", "A", 12, 1);
        Api.Response v1 = api.postJson(platform.ingestUrl + "/api/v1/submissions", token, submission("RXT", "2022-10", first));
        assertEquals(1, v1.body().get("version").asInt());
        String assurance = api.userToken("assurance.london");
        awaitIndicator(assurance, "period=2022-10", 20);
        Api.Response v2 = api.postJson(platform.ingestUrl + "/api/v1/submissions", token, submission("RXT", "2022-10", second));
        assertEquals(2, v2.body().get("version").asInt());
        JsonNode replaced = awaitIndicator(assurance, "area=ENGLAND&period=2022-10&breakdown=none", 12);
        assertRate(row(replaced, "All"), 12, 1_880_000);
    }

    @Test
    void aNulAnOverflowAndAGzipBombAreRefusedAtTheDoorAndACleanSubmissionRightAfterIsCounted() throws Exception {
        String url = platform.ingestUrl + "/api/v1/submissions";
        String token = api.clientToken("provider-rxt");
        List<Map<String, Object>> nul = new ArrayList<>();
        add(nul, "QMJ", "A", 3, 1);
        nul.get(1).put("personId", "nul\u0000inside");
        Api.Response refusedNul = api.postJson(url, token, submission("RXT", "2022-12", nul));
        assertEquals(400, refusedNul.status(), String.valueOf(refusedNul.body()));
        assertTrue(refusedNul.contentType().startsWith("application/problem+json"));
        assertEquals("INVALID_CHARACTER", refusedNul.body().at("/errors/0/code").asText(), String.valueOf(refusedNul.body()));
        assertEquals("personId", refusedNul.body().at("/errors/0/field").asText());
        assertEquals(2, refusedNul.body().at("/errors/0/row").asInt());

        List<Map<String, Object>> overflow = new ArrayList<>();
        add(overflow, "QMJ", "A", 2, 1);
        overflow.get(0).put("detentions", 3_000_000_000L);
        Api.Response refusedOverflow = api.postJson(url, token, submission("RXT", "2022-12", overflow));
        assertEquals(400, refusedOverflow.status(), String.valueOf(refusedOverflow.body()));
        assertEquals("detentions", refusedOverflow.body().at("/errors/0/field").asText());
        assertEquals(1, refusedOverflow.body().at("/errors/0/row").asInt());

        java.io.ByteArrayOutputStream bomb = new java.io.ByteArrayOutputStream();
        try (var gz = new java.util.zip.GZIPOutputStream(bomb)) {
            gz.write(("personId,ethnicCategory,gender,ageYears,residenceIcb,imdDecile,inContact,detentions,ctos,"
                    + "restrictiveInterventions\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 256; i++) {
                gz.write(zeros); // 256 MiB of zeros: a few hundred KiB sent
            }
        }
        Api.Response refusedBomb = api.postBytes(url + "?dataset=MHSDS&provider=RXT&period=2022-12", token, "text/csv",
                "gzip", bomb.toByteArray());
        assertEquals(413, refusedBomb.status(), String.valueOf(refusedBomb.body()));
        assertEquals("urn:uk:nhs:mhe:problem:decompression-ratio-exceeded", refusedBomb.body().get("type").asText());

        List<Map<String, Object>> clean = new ArrayList<>();
        add(clean, "QKK", "A", 12, 1);
        long sent = System.nanoTime();
        Api.Response accepted = api.postJson(url, token, submission("RXT", "2022-12", clean));
        assertEquals(201, accepted.status(), String.valueOf(accepted.body()));
        String id = accepted.body().get("id").asText();
        JsonNode seen = accepted.body();
        long deadline = System.currentTimeMillis() + 30_000;
        while (!"COUNTED".equals(seen.get("status").asText()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            seen = api.get(url + "/" + id, token).body();
        }
        assertEquals("COUNTED", seen.get("status").asText(), String.valueOf(seen));
        assertTrue(seen.hasNonNull("countedAt"), String.valueOf(seen));
        System.out.printf("Clean submission after hostile ones: COUNTED %.1f s after it was sent%n",
                (System.nanoTime() - sent) / 1e9);
    }

    @Test
    void refusalsWithRealTokens() throws Exception {
        List<Map<String, Object>> records = new ArrayList<>();
        add(records, "QMJ", "A", 2, 1);
        String url = platform.ingestUrl + "/api/v1/submissions";

        Api.Response anonymous = api.postJson(url, null, submission("RV5", "2022-11", records));
        assertEquals(401, anonymous.status());
        assertEquals("application/problem+json", anonymous.contentType());

        Api.Response otherProvider = api.postJson(url, api.clientToken("provider-rxt"), submission("RV5", "2022-11", records));
        assertEquals(403, otherProvider.status());
        assertEquals("urn:uk:nhs:mhe:problem:forbidden", otherProvider.body().get("type").asText());

        Api.Response commissioner = api.postJson(url, api.userToken("commissioner"), submission("RV5", "2022-11", records));
        assertEquals(403, commissioner.status());

        records.get(1).put("residenceIcb", "Q99");
        Api.Response invalid = api.postJson(url, api.clientToken("provider-rv5"), submission("RV5", "2022-11", records));
        assertEquals(400, invalid.status());
        JsonNode error = invalid.body().get("errors").get(0);
        assertEquals(2, error.get("row").asInt());
        assertEquals("residenceIcb", error.get("field").asText());
        Api.Response history = api.get(url + "?period=2022-11", api.clientToken("provider-rv5"));
        assertEquals(1, history.body().size());
        assertEquals("REJECTED", history.body().get(0).get("status").asText());

        Api.Response population = api.putCsv(platform.indicatorUrl + "/api/v1/reference/population?year=2022",
                api.clientToken("provider-rv5"), POPULATION_2022);
        assertEquals(403, population.status());
    }

    @Test
    void libraryKnowsTheCallerFromTheToken() throws Exception {
        Api.Response me = api.get(platform.libraryUrl + "/api/v1/me", api.userToken("contributor.rv5"));
        assertEquals(200, me.status());
        assertEquals("RV5", me.body().get("organisation").asText());
        assertTrue(me.body().get("roles").toString().contains("contributor"));
        assertEquals(401, api.get(platform.libraryUrl + "/api/v1/me", null).status());
        assertEquals("UP", api.get(platform.libraryUrl + "/q/health/ready", null).body().get("status").asText());
    }
}
