package uk.nhs.mhe.ingest.submission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import uk.nhs.mhe.infra.InjectKafkaBootstrap;
import uk.nhs.mhe.infra.KafkaTestResource;
import uk.nhs.mhe.infra.PostgresTestResource;
import uk.nhs.mhe.ingest.KafkaEvents;
import uk.nhs.mhe.ingest.Submissions;
import uk.nhs.mhe.infra.TestTokens;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The submission API against a real embedded PostgreSQL, a real in-process Kafka broker (KRaft)
 * and signed tokens from the OIDC test server.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = true)
class SubmissionResourceTest {

    @InjectKafkaBootstrap
    String bootstrap;

    @Inject
    AgroalDataSource dataSource;

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void acceptsAValidSubmissionAndPublishesBatchesThenTheCommit() throws Exception {
        String id = given().auth().oauth2(TestTokens.provider("RV5")).contentType(ContentType.JSON)
                .body(Submissions.mhsds("RV5", "2022-01", Submissions.records(2500, "A")))
                .when().post("/api/v1/submissions")
                .then().statusCode(201)
                .header("Location", notNullValue())
                .body("status", equalTo("ACCEPTED"))
                .body("version", equalTo(1))
                .body("records", equalTo(2500))
                .body("batchCount", equalTo(3))
                .body("dataQuality.ethnicCategory.valid", equalTo(2500))
                .extract().path("id");

        List<ConsumerRecord<String, byte[]>> events = eventsOf(id, 4);
        assertEquals(4, events.size(), "three batches then the commit");
        for (int i = 0; i < 3; i++) {
            JsonNode batch = mapper.readTree(events.get(i).value());
            assertEquals("MHSDS|RV5|2022-01", events.get(i).key());
            assertEquals("uk.nhs.mhe.SubmissionBatch", header(events.get(i), "ce_type"));
            assertEquals(i + 1, batch.get("batchSeq").asInt());
            assertEquals(3, batch.get("batchCount").asInt());
        }
        assertEquals(1000, mapper.readTree(events.get(0).value()).get("records").size());
        assertEquals(500, mapper.readTree(events.get(2).value()).get("records").size());
        JsonNode commit = mapper.readTree(events.get(3).value());
        assertEquals("uk.nhs.mhe.SubmissionCommitted", header(events.get(3), "ce_type"));
        assertEquals(2500, commit.get("recordCount").asInt());
        assertEquals(3, commit.get("batchCount").asInt());
        assertEquals(64, commit.get("sha256").asText().length());

        awaitStatus(id, "PUBLISHED");
    }

    @Test
    void theIndicatorServicesOutcomeBecomesTheStatusCountedOrFailedWithTheReason() throws Exception {
        String counted = given().auth().oauth2(TestTokens.provider("RV5")).contentType(ContentType.JSON)
                .body(Submissions.mhsds("RV5", "2022-08", Submissions.records(3, "A")))
                .when().post("/api/v1/submissions").then().statusCode(201).extract().path("id");
        String failed = given().auth().oauth2(TestTokens.provider("RV5")).contentType(ContentType.JSON)
                .body(Submissions.mhsds("RV5", "2022-09", Submissions.records(3, "A")))
                .when().post("/api/v1/submissions").then().statusCode(201).extract().path("id");
        awaitStatus(counted, "PUBLISHED");
        awaitStatus(failed, "PUBLISHED");

        // As the indicator service sends them: an outcome for another version changes nothing, an
        // unreadable one goes to the dead-letter topic, and neither holds back the ones behind it.
        outcome("MHSDS|RV5|2022-08", "{\"submissionId\":\"" + counted + "\",\"version\":7,\"outcome\":\"FAILED\","
                + "\"reason\":\"not this version\",\"at\":\"2026-01-01T00:00:00Z\"}");
        outcome("MHSDS|RV5|2022-08", "{\"submissionId\": [");
        outcome("MHSDS|RV5|2022-08", "{\"submissionId\":\"" + counted + "\",\"version\":1,\"outcome\":\"COUNTED\","
                + "\"reason\":null,\"at\":\"2026-11-30T09:15:00.123Z\"}");
        outcome("MHSDS|RV5|2022-09", "{\"submissionId\":\"" + failed + "\",\"version\":1,\"outcome\":\"FAILED\","
                + "\"reason\":\"Refused by the database (SQLState 22021)\",\"at\":\"2026-11-30T09:15:00Z\"}");
        // A second FAILED (a later event of the same submission, failing because of the first) keeps the first reason.
        outcome("MHSDS|RV5|2022-09", "{\"submissionId\":\"" + failed + "\",\"version\":1,\"outcome\":\"FAILED\","
                + "\"reason\":\"incomplete\",\"at\":\"2026-11-30T09:15:01Z\"}");

        awaitStatus(counted, "COUNTED");
        given().auth().oauth2(TestTokens.provider("RV5")).when().get("/api/v1/submissions/" + counted)
                .then().statusCode(200).body("countedAt", equalTo("2026-11-30T09:15:00.123Z"))
                .body("reason", equalTo(null)).body("publishedAt", notNullValue());
        awaitStatus(failed, "FAILED");
        given().auth().oauth2(TestTokens.provider("RV5")).when().get("/api/v1/submissions/" + failed)
                .then().statusCode(200).body("reason", equalTo("Refused by the database (SQLState 22021)"))
                .body("countedAt", equalTo(null));
        // The history shows the outcome too.
        given().auth().oauth2(TestTokens.provider("RV5"))
                .when().get("/api/v1/submissions?provider=RV5&dataset=MHSDS&period=2022-08")
                .then().statusCode(200).body("[0].status", equalTo("COUNTED"));

        String reason = null;
        for (ConsumerRecord<String, byte[]> r : KafkaEvents.all(bootstrap, "mhe.submission-outcomes.v1.dlq")) {
            if (new String(r.value(), StandardCharsets.UTF_8).equals("{\"submissionId\": [")) {
                reason = KafkaEvents.header(r, "dead-letter-reason");
            }
        }
        assertTrue(reason != null && reason.contains("Unreadable SubmissionOutcome"), "reason: " + reason);
    }

    private void outcome(String key, String json) throws Exception {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic("mhe.submission-outcomes.v1", 3, (short) 1)))
                    .all().get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw e;
            }
        }
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(Map.of(
                "bootstrap.servers", bootstrap),
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("mhe.submission-outcomes.v1", key,
                    json.getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    @Test
    void theSubmissionsTopicKeepsEventsForEverSoItCanBeReplayed() throws Exception {
        given().auth().oauth2(TestTokens.provider("RV5")).contentType(ContentType.JSON)
                .body(Submissions.mhsds("RV5", "2022-12", Submissions.records(1, "K")))
                .when().post("/api/v1/submissions").then().statusCode(201);
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            var resource = new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "mhe.submissions.v1");
            long deadline = System.currentTimeMillis() + 30_000;
            String retention = null;
            while (System.currentTimeMillis() < deadline && !"-1".equals(retention)) {
                try {
                    retention = admin.describeConfigs(java.util.List.of(resource)).all().get().get(resource)
                            .get("retention.ms").value();
                } catch (java.util.concurrent.ExecutionException e) {
                    Thread.sleep(200); // the relay has not created the topic yet
                }
            }
            assertEquals("-1", retention);
        }
    }

    @Test
    void resubmissionGetsTheNextVersion() {
        for (int version = 1; version <= 2; version++) {
            given().auth().oauth2(TestTokens.provider("RXT")).contentType(ContentType.JSON)
                    .body(Submissions.mhsds("RXT", "2022-02", Submissions.records(3, "V" + version)))
                    .when().post("/api/v1/submissions")
                    .then().statusCode(201).body("version", equalTo(version));
        }
        given().auth().oauth2(TestTokens.provider("RXT"))
                .when().get("/api/v1/submissions?provider=RXT&dataset=MHSDS&period=2022-02")
                .then().statusCode(200).body("$", hasSize(2)).body("[0].version", equalTo(2));
    }

    @Test
    void rejectedSubmissionNamesRowAndFieldAndLeavesNothingBehind() throws Exception {
        List<Map<String, Object>> records = Submissions.records(5, "R");
        records.get(3).put("ethnicCategory", "Q");
        records.get(4).put("ageYears", 200);
        String reportLocation = given().auth().oauth2(TestTokens.provider("RV5")).contentType(ContentType.JSON)
                .body(Submissions.mhsds("RV5", "2022-03", records))
                .when().post("/api/v1/submissions")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:uk:nhs:mhe:problem:validation-failed"))
                .body("errors", hasSize(2))
                .body("errors[0].row", equalTo(4))
                .body("errors[0].field", equalTo("ethnicCategory"))
                .body("errors[0].code", equalTo("NOT_IN_CODE_LIST"))
                .body("errors[1].row", equalTo(5))
                .body("errors[1].field", equalTo("ageYears"))
                .extract().header("Location");
        String id = given().auth().oauth2(TestTokens.provider("RV5")).when().get(reportLocation)
                .then().statusCode(200).body("total", equalTo(2)).body("items", hasSize(2))
                .extract().path("submissionId");
        given().auth().oauth2(TestTokens.provider("RV5")).when().get("/api/v1/submissions/" + id)
                .then().statusCode(200).body("status", equalTo("REJECTED")).body("version", equalTo(null))
                .body("records", equalTo(5)).body("rejectedRecords", equalTo(2));
        assertEquals(0, count("SELECT count(*) FROM outbox WHERE submission_id = '" + id + "'"));

        // A later accepted submission is relayed after anything the rejected one could have left.
        String later = given().auth().oauth2(TestTokens.provider("RV5")).contentType(ContentType.JSON)
                .body(Submissions.mhsds("RV5", "2022-04", Submissions.records(1, "L")))
                .when().post("/api/v1/submissions").then().statusCode(201).extract().path("id");
        eventsOf(later, 2);
        assertTrue(allEvents().stream().noneMatch(e -> new String(e.value(), StandardCharsets.UTF_8).contains(id)),
                "a rejected submission publishes nothing");
    }

    @Test
    void refusesCallersWithoutAToken() {
        given().contentType(ContentType.JSON).body(Submissions.mhsds("RV5", "2022-01", Submissions.records(1, "U")))
                .when().post("/api/v1/submissions")
                .then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("urn:uk:nhs:mhe:problem:unauthorized"))
                .header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void refusesAProviderSubmittingForAnother() throws Exception {
        given().auth().oauth2(TestTokens.provider("RXT")).contentType(ContentType.JSON)
                .body(Submissions.mhsds("RV5", "2022-05", Submissions.records(1, "F")))
                .when().post("/api/v1/submissions")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:uk:nhs:mhe:problem:forbidden"));
        assertEquals(0, count("SELECT count(*) FROM submission WHERE provider = 'RV5' AND period = '2022-05'"));
    }

    @Test
    void refusesRolesOtherThanSubmitterAndAdmin() {
        given().auth().oauth2(TestTokens.withRoles("commissioner", "reader")).contentType(ContentType.JSON)
                .body(Submissions.mhsds("RV5", "2022-05", Submissions.records(1, "F")))
                .when().post("/api/v1/submissions")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aSubmitterTokenWithoutAnOrganisationSeesNoSubmissionsAndMayNotSubmit() {
        given().auth().oauth2(TestTokens.provider("RV5")).contentType(ContentType.JSON)
                .body(Submissions.mhsds("RV5", "2022-09", Submissions.records(1, "K")))
                .when().post("/api/v1/submissions").then().statusCode(201);
        String orphan = TestTokens.withRoles("service-account-provider-unknown", "submitter");
        given().auth().oauth2(orphan).when().get("/api/v1/submissions")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("organisation"));
        given().auth().oauth2(orphan).when().get("/api/v1/submissions?provider=RV5")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(orphan).contentType(ContentType.JSON)
                .body(Submissions.mhsds("RV5", "2022-09", Submissions.records(1, "L")))
                .when().post("/api/v1/submissions")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void anAsyncSubmissionForAnotherOrganisationIsRefusedAtOnce() throws Exception {
        // The provider is inside the JSON body: read before answering, not after a 202.
        given().auth().oauth2(TestTokens.provider("RXT")).contentType(ContentType.JSON)
                .header("Prefer", "respond-async")
                .body(Submissions.mhsds("RV5", "2022-11", Submissions.records(2, "Q")))
                .when().post("/api/v1/submissions")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:uk:nhs:mhe:problem:forbidden"));
        // Nothing was filed: before, the body was spooled and filed under the caller's organisation.
        assertEquals(0, count("SELECT count(*) FROM submission WHERE period = '2022-11'"));
        // Its own organisation's is accepted for later validation.
        given().auth().oauth2(TestTokens.provider("RXT")).contentType(ContentType.JSON)
                .header("Prefer", "respond-async")
                .body(Submissions.mhsds("RXT", "2022-11", Submissions.records(2, "Q")))
                .when().post("/api/v1/submissions")
                .then().statusCode(202);
    }

    @Test
    void ingestAdminMaySubmitForAnyProvider() {
        given().auth().oauth2(TestTokens.withRoles("service-account-mhe-admin", "ingest-admin")).contentType(ContentType.JSON)
                .body(Submissions.mhsds("RXT", "2022-06", Submissions.records(2, "M")))
                .when().post("/api/v1/submissions")
                .then().statusCode(201).body("provider", equalTo("RXT"));
    }

    @Test
    void anotherProvidersSubmissionIsNotFound() {
        String id = given().auth().oauth2(TestTokens.provider("RV5")).contentType(ContentType.JSON)
                .body(Submissions.mhsds("RV5", "2022-07", Submissions.records(1, "N")))
                .when().post("/api/v1/submissions").then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.provider("RXT")).when().get("/api/v1/submissions/" + id)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.provider("RV5")).when().get("/api/v1/submissions/" + id)
                .then().statusCode(200);
    }

    @Test
    void envelopeErrorsAreNamedByField() {
        given().auth().oauth2(TestTokens.withRoles("service-account-mhe-admin", "ingest-admin")).contentType(ContentType.JSON)
                .body(Map.of("dataset", "MHSDS", "provider", "ZZZ", "period", "2022-13", "records", List.of()))
                .when().post("/api/v1/submissions")
                .then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("period", "provider"))
                .body("errors[0].row", equalTo(null));
    }

    @Test
    void malformedJsonIsAProblemNotAServerError() throws Exception {
        given().auth().oauth2(TestTokens.provider("RV5")).contentType(ContentType.JSON)
                .body("{\"dataset\":\"MHSDS\",\"provider\":\"RV5\",\"period\":\"2022-08\",\"records\":[{\"personId\":")
                .when().post("/api/v1/submissions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:uk:nhs:mhe:problem:malformed-json"));
        assertEquals(0, count("SELECT count(*) FROM submission WHERE period = '2022-08'"));
    }

    @Test
    void unsupportedContentTypeIs415() {
        given().auth().oauth2(TestTokens.provider("RV5")).contentType("application/xml").body("<x/>")
                .when().post("/api/v1/submissions")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void datasetSpecificationsArePublic() {
        given().when().get("/api/v1/datasets").then().statusCode(200)
                .body("[0].id", equalTo("MHSDS"))
                .body("[0].fields.find { it.name == 'ethnicCategory' }.permittedValues", hasSize(18));
    }

    private void awaitStatus(String id, String status) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        String seen = null;
        while (System.currentTimeMillis() < deadline) {
            seen = given().auth().oauth2(TestTokens.provider("RV5")).when().get("/api/v1/submissions/" + id)
                    .then().extract().path("status");
            if (status.equals(seen)) {
                return;
            }
            Thread.sleep(200);
        }
        assertEquals(status, seen);
    }

    private List<ConsumerRecord<String, byte[]>> eventsOf(String submissionId, int expected) {
        return KafkaEvents.of(bootstrap, submissionId, expected, 30);
    }

    private List<ConsumerRecord<String, byte[]>> allEvents() {
        return KafkaEvents.all(bootstrap);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return KafkaEvents.header(record, name);
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
