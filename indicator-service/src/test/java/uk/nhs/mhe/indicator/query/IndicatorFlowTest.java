package uk.nhs.mhe.indicator.query;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.mhe.infra.TestTokens;
import uk.nhs.mhe.indicator.aggregate.SubmissionEventProducer;
import uk.nhs.mhe.indicator.stats.ConfidenceLevel;
import uk.nhs.mhe.indicator.stats.CrudeRate;
import uk.nhs.mhe.indicator.stats.DisclosureControl;
import uk.nhs.mhe.indicator.stats.PoissonCountInterval;
import uk.nhs.mhe.infra.InjectKafkaBootstrap;
import uk.nhs.mhe.infra.KafkaTestResource;
import uk.nhs.mhe.infra.PostgresTestResource;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Submission events through a real in-process Kafka broker into the indicator service (real
 * embedded PostgreSQL, OIDC test-server tokens), then the values through the API.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class IndicatorFlowTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** QMJ (North Central London) and QKK (South East London) are both in London (Y56). */
    private static final String POPULATION = """
            areaCode,ethnicCategory,ageBand,sex,population
            QMJ,A,20-24,1,300000
            QMJ,A,20-24,2,300000
            QMJ,M,30-34,1,40000
            QMJ,M,30-34,2,40000
            QKK,A,40-44,2,500000
            QKK,N,40-44,1,90000
            """;

    @InjectKafkaBootstrap
    String bootstrap;

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    private SubmissionEventProducer events;

    @BeforeEach
    void producer() {
        // Read decimals as doubles: the values are checked to far more than float precision.
        io.restassured.RestAssured.config = io.restassured.RestAssured.config().jsonConfig(
                io.restassured.config.JsonConfig.jsonConfig().numberReturnType(
                        io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE));
        events = new SubmissionEventProducer(bootstrap);
        given().auth().oauth2(TestTokens.admin()).contentType("text/csv").body(POPULATION)
                .when().put("/api/v1/reference/population?year=2019").then().statusCode(200);
    }

    private static List<Map<String, Object>> records(String prefix, String icb, String ethnic, int people, int detentionsEach) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            list.add(SubmissionEventProducer.record(prefix + i, icb, ethnic, detentionsEach));
        }
        return list;
    }

    private JsonPath awaitData(String token, String query, long expectedEnglandCount) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        JsonPath json = null;
        while (System.currentTimeMillis() < deadline) {
            var response = given().auth().oauth2(token).when().get("/api/v1/indicators/mha-detention-rate/data?" + query);
            if (response.statusCode() == 200) {
                json = response.jsonPath();
                JsonPath total = given().auth().oauth2(token)
                        .when().get("/api/v1/indicators/mha-detention-rate/data?area=ENGLAND&breakdown=none&"
                                + query.replaceAll(".*(period=[^&]+).*", "$1")).jsonPath();
                if (total.getLong("rows[0].numerator") == expectedEnglandCount) {
                    return json;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("values did not arrive: " + (json == null ? "none" : json.prettify()));
    }

    private static Map<String, Object> row(JsonPath json, String group) {
        return json.getMap("rows.find { it.group == '" + group + "' }");
    }

    @Test
    void computesRatesLimitsAndRateRatioFromTheRecords() throws Exception {
        UUID id = UUID.randomUUID();
        List<Map<String, Object>> recs = new ArrayList<>();
        recs.addAll(records("w", "QMJ", "A", 30, 1));   // 30 White British detentions in QMJ
        recs.addAll(records("wk", "QKK", "A", 10, 1));  // 10 in QKK
        recs.addAll(records("c", "QMJ", "M", 6, 2));    // 12 Caribbean detentions
        recs.addAll(records("a", "QKK", "N", 7, 1));    // 7 African
        recs.addAll(records("z", "QKK", "Z", 3, 1));    // 3 not stated
        events.submission(id, 1, "RV5", "2020-01", recs);

        JsonPath london = awaitData(TestTokens.assurance(), "area=Y56&period=2020-01&breakdown=broad-ethnicity", 62);
        assertEquals("exact", london.getString("view"));
        Map<String, Object> black = row(london, "Black");
        assertEquals(19, ((Number) black.get("numerator")).intValue());
        assertEquals(170_000.0, ((Number) black.get("denominator")).doubleValue());
        double rate = 19 / 170_000.0 * 100_000;
        assertEquals(rate, ((Number) black.get("value")).doubleValue(), 1e-9);
        var ci = PoissonCountInterval.of(19, ConfidenceLevel.NINETY_FIVE);
        assertEquals(ci.lower() / 170_000 * 100_000, ((Number) black.get("lowerCi95")).doubleValue(), 1e-4);
        assertEquals(ci.upper() / 170_000 * 100_000, ((Number) black.get("upperCi95")).doubleValue(), 1e-4);
        double rr = rate / (40 / 1_100_000.0 * 100_000);
        @SuppressWarnings("unchecked")
        Map<String, Object> vs = (Map<String, Object>) black.get("vsReference");
        assertEquals("White", vs.get("group"));
        assertEquals(rr, ((Number) vs.get("ratio")).doubleValue(), 1e-4);
        assertEquals(rr * Math.exp(-1.959964 * Math.sqrt(1 / 19.0 + 1 / 40.0)), ((Number) vs.get("lower")).doubleValue(), 1e-4);
        assertEquals(Boolean.TRUE, vs.get("disparity"));
        assertNull(row(london, "White").get("vsReference"));
        Map<String, Object> notStated = row(london, "Not stated");
        assertEquals(3, ((Number) notStated.get("numerator")).intValue());
        assertNull(notStated.get("value"));
        assertEquals("NOT_COMPARED", notStated.get("comparedToBenchmark"));
        assertTrue(london.getString("rows.group").contains("Not known"), "every group is listed, even when empty");
    }

    @Test
    void publicViewSuppressesSmallCountsAndRoundsSubNationalCounts() throws Exception {
        String mha = "mha-detention-rate";
        List<Map<String, Object>> recs = new ArrayList<>();
        recs.addAll(records("pw", "QMJ", "A", 50, 1));
        recs.addAll(records("pc", "QMJ", "M", 3, 1));
        // 12 African: no longer hidden with the 3; published rounded, which leaves the 3 uncertain.
        recs.addAll(records("pn", "QMJ", "N", 12, 1));
        events.submission(UUID.randomUUID(), 1, "RXT", "2020-02", recs);
        awaitData(TestTokens.assurance(), "area=QMJ&period=2020-02&breakdown=ethnicity", 65);

        JsonPath publicView = given().when()
                .get("/api/v1/indicators/mha-detention-rate/data?area=QMJ&period=2020-02&breakdown=ethnicity")
                .then().statusCode(200).extract().jsonPath();
        assertEquals("public", publicView.getString("view"));
        Map<String, Object> caribbean = row(publicView, "M");
        assertEquals(Boolean.TRUE, caribbean.get("suppressed"));
        assertNull(caribbean.get("numerator"));
        assertNull(caribbean.get("value"));
        assertNull(caribbean.get("lowerCi95"));
        Map<String, Object> african = row(publicView, "N");
        assertEquals(Boolean.FALSE, african.get("suppressed"), "no secondary suppression");
        long africanPublished = DisclosureControl.publishCount(mha, 12);
        assertEquals(africanPublished, ((Number) african.get("numerator")).longValue(), "12 is published rounded");
        Map<String, Object> white = row(publicView, "A");
        assertEquals(50, ((Number) white.get("numerator")).intValue(), "a multiple of 5 is published as it is");
        double population = ((Number) white.get("denominator")).doubleValue();
        CrudeRate published = CrudeRate.of(50, population, 100_000);
        assertEquals(published.value(), ((Number) white.get("value")).doubleValue(), 1e-9,
                "the rate of the published count");
        assertEquals(published.ci95().lower(), ((Number) white.get("lowerCi95")).doubleValue(), 1e-9);
        assertEquals(published.ci95().upper(), ((Number) white.get("upperCi95")).doubleValue(), 1e-9);
        // Rates × populations give back only the published counts.
        for (Map<String, Object> r : publicView.<Map<String, Object>>getList("rows")) {
            if (r.get("value") != null) {
                double derived = ((Number) r.get("value")).doubleValue() * ((Number) r.get("denominator")).doubleValue()
                        / 100_000;
                assertEquals(((Number) r.get("numerator")).doubleValue(), derived, 1e-6, "group " + r.get("group"));
            }
        }
        // No count of 1–9 leaves the public view, and every count is a multiple of 5.
        for (Object n : publicView.getList("rows.numerator")) {
            if (n != null) {
                long count = ((Number) n).longValue();
                assertTrue(count == 0 || count >= 10, "count " + count + " published");
                assertEquals(0, count % 5, "count " + count + " published");
            }
        }
        // The total minus the visible groups does not give the hidden 3 back.
        JsonPath total = given().when()
                .get("/api/v1/indicators/mha-detention-rate/data?area=QMJ&period=2020-02&breakdown=none")
                .then().statusCode(200).extract().jsonPath();
        long left = ((Number) total.get("rows[0].numerator")).longValue() - 50 - africanPublished;
        assertTrue(left != 3, "total − visible groups = " + left);

        // A breakdown of fewer than 20 events is withheld whole; its total is still shown.
        List<Map<String, Object>> small = new ArrayList<>();
        small.addAll(records("sw", "QMJ", "A", 12, 1));
        small.addAll(records("sn", "QMJ", "N", 5, 1));
        events.submission(UUID.randomUUID(), 1, "RXT", "2020-11", small);
        awaitData(TestTokens.assurance(), "area=QMJ&period=2020-11&breakdown=ethnicity", 17);
        JsonPath withheld = given().when()
                .get("/api/v1/indicators/mha-detention-rate/data?area=QMJ&period=2020-11&breakdown=ethnicity")
                .then().statusCode(200).extract().jsonPath();
        for (Map<String, Object> r : withheld.<Map<String, Object>>getList("rows")) {
            assertEquals(Boolean.TRUE, r.get("suppressed"), "group " + r.get("group") + " of a table of 17");
            assertNull(r.get("numerator"));
            assertNull(r.get("value"));
        }
        JsonPath smallTotal = given().when()
                .get("/api/v1/indicators/mha-detention-rate/data?area=QMJ&period=2020-11&breakdown=none")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(DisclosureControl.publishCount(mha, 17), ((Number) smallTotal.get("rows[0].numerator")).longValue());
    }

    @Test
    void redeliveryChangesNothingAndAHigherVersionReplacesTheEarlier() throws Exception {
        UUID first = UUID.randomUUID();
        List<Map<String, Object>> v1 = records("r", "QMJ", "A", 20, 1);
        events.submission(first, 1, "RV5", "2020-03", v1);
        awaitData(TestTokens.assurance(), "area=ENGLAND&period=2020-03&breakdown=none", 20);

        events.submission(first, 1, "RV5", "2020-03", v1); // redelivered: same event ids
        UUID second = UUID.randomUUID();
        events.submission(second, 2, "RV5", "2020-03", records("r", "QMJ", "A", 15, 1));
        awaitData(TestTokens.assurance(), "area=ENGLAND&period=2020-03&breakdown=none", 15);

        // A late, lower version (e.g. delayed) is ignored.
        UUID late = UUID.randomUUID();
        events.submission(late, 1, "RV5", "2020-03", records("late", "QMJ", "A", 50, 1));
        // Another provider's month adds to the same period; waiting for it proves the late one was processed.
        UUID other = UUID.randomUUID();
        events.submission(other, 1, "RXT", "2020-03", records("x", "QKK", "A", 5, 1));
        awaitData(TestTokens.assurance(), "area=ENGLAND&period=2020-03&breakdown=none", 20);

        // Each provider learns its outcome on mhe.submission-outcomes.v1, keyed by its month.
        Map<UUID, ConsumerRecord<String, byte[]>> outcomes = outcomes(Set.of(first, second, late, other));
        assertEquals("COUNTED", field(outcomes.get(first), "outcome"));
        assertEquals("COUNTED", field(outcomes.get(second), "outcome"));
        assertEquals("COUNTED", field(outcomes.get(other), "outcome"));
        assertEquals("MHSDS|RXT|2020-03", outcomes.get(other).key());
        assertEquals("uk.nhs.mhe.SubmissionOutcome", header(outcomes.get(other), "ce_type"));
        assertNotNull(java.time.Instant.parse(field(outcomes.get(other), "at")));
        assertEquals("FAILED", field(outcomes.get(late), "outcome"));
        assertTrue(field(outcomes.get(late), "reason").contains("Version 2 of this month is already counted"),
                field(outcomes.get(late), "reason"));
    }

    @Test
    void aPartlyReceivedSubmissionIsNeverVisible() throws Exception {
        UUID id = UUID.randomUUID();
        events.batch(id, 1, "RV5", "2020-04", 1, 2, records("p", "QMJ", "A", 10, 1));
        // Batch 2 and the commit have not arrived; a complete submission for another month has.
        events.submission(UUID.randomUUID(), 1, "RV5", "2020-05", records("q", "QMJ", "A", 4, 1));
        awaitData(TestTokens.assurance(), "area=ENGLAND&period=2020-05&breakdown=none", 4);
        // In public, England's total of 4 is suppressed, and so is every comparison with it.
        given().when().get("/api/v1/indicators/mha-detention-rate/data?period=2020-05&breakdown=broad-ethnicity")
                .then().statusCode(200)
                .body("rows.find { it.group == 'White' }.suppressed", equalTo(true))
                .body("rows.find { it.group == 'White' }.benchmarkValue", equalTo(null))
                .body("rows.find { it.group == 'White' }.comparedToBenchmark", equalTo("NOT_COMPARED"));
        given().auth().oauth2(TestTokens.assurance())
                .when().get("/api/v1/indicators/mha-detention-rate/data?period=2020-04")
                .then().statusCode(404).body("type", equalTo("urn:uk:nhs:mhe:problem:unknown-period"))
                .body("available", hasItem("2020-05"));
    }

    @Test
    void anUnreadableEventGoesToTheDeadLetterTopicWithItsReasonAndLeavesNoTrace() throws Exception {
        UUID poison = UUID.randomUUID();
        events.raw(poison, "uk.nhs.mhe.SubmissionBatch", "MHSDS|RV5|2020-06", "{\"submissionId\": [".getBytes());
        // Events behind it on the topic are still applied.
        events.submission(UUID.randomUUID(), 1, "RV5", "2020-06", records("d", "QMJ", "A", 6, 1));
        awaitData(TestTokens.assurance(), "area=ENGLAND&period=2020-06&breakdown=none", 6);

        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(Map.of(
                "bootstrap.servers", bootstrap, "group.id", "dlq-" + UUID.randomUUID(), "auto.offset.reset", "earliest"),
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.subscribe(List.of("mhe.submissions.v1.dlq"));
            String reason = null;
            long deadline = System.currentTimeMillis() + 20_000;
            while (reason == null && System.currentTimeMillis() < deadline) {
                for (var r : consumer.poll(java.time.Duration.ofMillis(500))) {
                    var id = r.headers().lastHeader("ce_id");
                    var why = r.headers().lastHeader("dead-letter-reason");
                    if (id != null && new String(id.value()).equals(poison.toString()) && why != null) {
                        reason = new String(why.value());
                    }
                }
            }
            assertTrue(reason != null && reason.contains("Unreadable SubmissionBatch"), "reason: " + reason);
        }
        // The failed event's transaction was rolled back: it is not in the inbox, so a corrected
        // replay under the same id would still be applied.
        try (var c = dataSource.getConnection();
             var ps = c.prepareStatement("SELECT count(*) FROM inbox WHERE event_id = ?")) {
            ps.setObject(1, poison);
            try (var rs = ps.executeQuery()) {
                rs.next();
                assertEquals(0, rs.getLong(1));
            }
        }
    }

    @Test
    void aRecordTheDatabaseRefusesIsParkedAtOnceAndTheEventsBehindItAreApplied() throws Exception {
        // A NUL in a person id: PostgreSQL refuses it in text (SQLState 22021) on every attempt.
        UUID refused = UUID.randomUUID();
        List<Map<String, Object>> bad = records("n", "QMJ", "A", 3, 1);
        bad.get(1).put("personId", "nul\u0000inside");
        events.batch(refused, 1, "RV5", "2020-07", 1, 1, bad); // the same key, so the same partition
        events.submission(UUID.randomUUID(), 1, "RV5", "2020-07", records("c", "QMJ", "A", 7, 1));
        awaitData(TestTokens.assurance(), "area=ENGLAND&period=2020-07&breakdown=none", 7);

        UUID batchEvent = UUID.nameUUIDFromBytes((refused + ":batch:1").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String reason = deadLetterReason(batchEvent);
        assertTrue(reason != null && reason.contains("22021"), "reason: " + reason);

        // The provider is told: FAILED with the reason, on its month's key.
        ConsumerRecord<String, byte[]> outcome = outcomes(Set.of(refused)).get(refused);
        assertEquals("FAILED", field(outcome, "outcome"));
        assertEquals("MHSDS|RV5|2020-07", outcome.key());
        assertTrue(field(outcome, "reason").contains("22021"), field(outcome, "reason"));
        // And readiness names the parked event.
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'pipeline' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'pipeline' }.data.parkedEvents", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
    }

    /** The first outcome of each of {@code ids} on mhe.submission-outcomes.v1, waiting up to 30 s. */
    private Map<UUID, ConsumerRecord<String, byte[]>> outcomes(Set<UUID> ids) throws Exception {
        Map<UUID, ConsumerRecord<String, byte[]>> found = new java.util.HashMap<>();
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(Map.of(
                "bootstrap.servers", bootstrap, "group.id", "outcomes-" + UUID.randomUUID(), "auto.offset.reset", "earliest",
                "metadata.max.age.ms", "1000"),
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.subscribe(List.of("mhe.submission-outcomes.v1"));
            long deadline = System.currentTimeMillis() + 30_000;
            while (found.size() < ids.size() && System.currentTimeMillis() < deadline) {
                for (var r : consumer.poll(java.time.Duration.ofMillis(500))) {
                    UUID id = UUID.fromString(JSON.readTree(r.value()).get("submissionId").asText());
                    if (ids.contains(id)) {
                        found.putIfAbsent(id, r);
                    }
                }
            }
        }
        assertEquals(ids, found.keySet(), "outcomes received");
        return found;
    }

    private static String field(ConsumerRecord<String, byte[]> r, String name) throws java.io.IOException {
        return JSON.readTree(r.value()).path(name).asText(null);
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aSetAsidePeriodIsNamedInTheReadinessCheck() throws Exception {
        try (var c = dataSource.getConnection(); var st = c.createStatement()) {
            st.execute("INSERT INTO recalculation_request (dataset, period, priority, attempts) "
                    + "VALUES ('MHSDS', '1999-13', 0, " + uk.nhs.mhe.indicator.compute.Recalculation.MAX_ATTEMPTS + ")");
        }
        try {
            given().when().get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'recalculation' }.status", equalTo("UP"))
                    .body("checks.find { it.name == 'recalculation' }.data.setAsidePeriods", equalTo(1))
                    .body("checks.find { it.name == 'recalculation' }.data.setAside", equalTo("MHSDS 1999-13"));
            given().when().get("/q/metrics").then().statusCode(200)
                    .body(org.hamcrest.Matchers.matchesPattern("(?s).*\\nmhe_recalculation_set_aside(\\{[^}]*\\})? 1\\.0\\n.*"));
        } finally {
            try (var c = dataSource.getConnection(); var st = c.createStatement()) {
                st.execute("DELETE FROM recalculation_request WHERE period = '1999-13'");
            }
        }
    }

    private String deadLetterReason(UUID eventId) {
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(Map.of(
                "bootstrap.servers", bootstrap, "group.id", "dlq-" + UUID.randomUUID(), "auto.offset.reset", "earliest"),
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.subscribe(List.of("mhe.submissions.v1.dlq"));
            long deadline = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < deadline) {
                for (var r : consumer.poll(java.time.Duration.ofMillis(500))) {
                    var id = r.headers().lastHeader("ce_id");
                    var why = r.headers().lastHeader("dead-letter-reason");
                    if (id != null && new String(id.value()).equals(eventId.toString()) && why != null) {
                        return new String(why.value());
                    }
                }
            }
        }
        return null;
    }

    @Test
    void populationUploadNeedsTheIngestAdminRole() {
        given().contentType("text/csv").body(POPULATION).when().put("/api/v1/reference/population?year=2019")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.withRoles("provider-rv5", "submitter")).contentType("text/csv").body(POPULATION)
                .when().put("/api/v1/reference/population?year=2019")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.admin()).contentType("text/csv").body("areaCode,ethnicCategory,ageBand,sex,population\nQMJ,A,20-24,9,1\n")
                .when().put("/api/v1/reference/population?year=2019")
                .then().statusCode(400).body("errors[0].row", equalTo(1)).body("errors[0].field", equalTo("sex"));
    }

    @Test
    void unknownIndicatorBreakdownOrAreaListsWhatIsAvailable() {
        given().when().get("/api/v1/indicators/no-such/data").then().statusCode(404)
                .body("available", hasItem("mha-detention-rate"));
        given().when().get("/api/v1/indicators/mha-detention-rate/data?breakdown=shoe-size").then().statusCode(400)
                .body("available", hasItem("broad-ethnicity"));
        given().when().get("/api/v1/indicators/mha-detention-rate/data?area=RV5").then().statusCode(400)
                .body("type", equalTo("urn:uk:nhs:mhe:problem:area-not-available"));
        given().when().get("/api/v1/indicators/mha-detention-rate/data?area=NOWHERE").then().statusCode(404);
    }

    @Test
    void catalogueAndAreasArePublic() {
        given().when().get("/api/v1/indicators").then().statusCode(200)
                .body("find { it.id == 'mha-detention-rate' }.polarity", equalTo("LOW_IS_GOOD"));
        given().when().get("/api/v1/areas?type=REGION").then().statusCode(200).body("size()", equalTo(7));
        given().when().get("/api/v1/areas?type=ICB").then().statusCode(200).body("size()", equalTo(42))
                .body("find { it.code == 'QMJ' }.parent", equalTo("Y56"));
        given().when().get("/api/v1/areas?type=PROVIDER").then().statusCode(200)
                .body("find { it.code == 'RV5' }.type", equalTo("PROVIDER"));
        given().when().get("/api/v1/areas?type=PLANET").then().statusCode(400);
    }
}
