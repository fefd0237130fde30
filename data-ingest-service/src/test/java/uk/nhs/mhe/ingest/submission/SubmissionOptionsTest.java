package uk.nhs.mhe.ingest.submission;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.mhe.infra.KafkaTestResource;
import uk.nhs.mhe.infra.PostgresTestResource;
import uk.nhs.mhe.infra.TestTokens;
import uk.nhs.mhe.ingest.Submissions;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Invalid-row policy, dry run, Idempotency-Key, async submissions with progress, the CSV error
 * report and history, against real embedded PostgreSQL, the in-process Kafka broker and the
 * OIDC test server.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = true)
class SubmissionOptionsTest {

    @org.junit.jupiter.api.BeforeEach
    void plainContentTypes() {
        uk.nhs.mhe.ingest.TestHttp.configure();
    }

    @Inject
    AgroalDataSource dataSource;

    private static String badCsv(String prefix) {
        return Submissions.mhsdsCsv(5, prefix, "\n").replace(prefix + "2,A", prefix + "2,Q").replace(prefix + "4,A,1,34", prefix + "4,A,1,200");
    }

    @Test
    void skipAcceptsTheValidRowsAndReportsTheOthers() throws Exception {
        String id = given().auth().oauth2(TestTokens.provider("RV5")).contentType("text/csv").body(badCsv("S"))
                .when().post("/api/v1/submissions?dataset=MHSDS&provider=RV5&period=2020-01&invalidRows=skip")
                .then().statusCode(201).body("status", equalTo("ACCEPTED")).body("records", equalTo(5))
                .body("rejectedRecords", equalTo(2)).body("errorCount", equalTo(2)).body("invalidRows", equalTo("skip"))
                .extract().path("id");
        given().auth().oauth2(TestTokens.provider("RV5")).when().get("/api/v1/submissions/" + id + "/errors")
                .then().statusCode(200).body("items", hasSize(2)).body("items[0].row", equalTo(2))
                .body("items[1].row", equalTo(4));
        assertEquals(1, count("SELECT count(*) FROM outbox WHERE kind = 'BATCH' AND submission_id = '" + id + "'"));
        // The same file under the default policy is rejected whole.
        given().auth().oauth2(TestTokens.provider("RV5")).contentType("text/csv").body(badCsv("S"))
                .when().post("/api/v1/submissions?dataset=MHSDS&provider=RV5&period=2020-01")
                .then().statusCode(400).body("errors", hasSize(2));
    }

    @Test
    void skipStillRejectsWhenNoRowIsValid() {
        given().auth().oauth2(TestTokens.provider("RV5")).contentType("text/csv")
                .body("personId,ethnicCategory,gender,ageYears,residenceIcb,imdDecile,inContact,detentions,ctos,restrictiveInterventions\nX,Q,1,1,QMJ,,Y,0,0,0\n")
                .when().post("/api/v1/submissions?dataset=MHSDS&provider=RV5&period=2020-02&invalidRows=skip")
                .then().statusCode(400);
    }

    @Test
    void dryRunValidatesAndReportsButStoresNothing() throws Exception {
        long before = count("SELECT count(*) FROM submission");
        given().auth().oauth2(TestTokens.provider("RV5")).contentType("text/csv").body(badCsv("D"))
                .when().post("/api/v1/submissions?dataset=MHSDS&provider=RV5&period=2020-03&dryRun=true")
                .then().statusCode(200).body("dryRun", equalTo(true)).body("wouldBeAccepted", equalTo(false))
                .body("errorCount", equalTo(2)).body("errors[0].row", equalTo(2))
                .body("dataQuality.ethnicCategory.invalid", equalTo(1));
        given().auth().oauth2(TestTokens.provider("RV5")).contentType("text/csv").body(Submissions.mhsdsCsv(3, "D", "\n"))
                .when().post("/api/v1/submissions?dataset=MHSDS&provider=RV5&period=2020-03&dryRun=true")
                .then().statusCode(200).body("wouldBeAccepted", equalTo(true)).body("records", equalTo(3));
        assertEquals(before, count("SELECT count(*) FROM submission"));
        assertEquals(0, count("SELECT count(*) FROM submission WHERE period = '2020-03'"));
    }

    @Test
    void idempotencyKeyReplaysTheFirstAnswerAndRefusesADifferentBody() throws Exception {
        Map<String, Object> body = Submissions.mhsds("RV5", "2020-04", Submissions.records(2, "I"));
        String first = given().auth().oauth2(TestTokens.provider("RV5")).contentType(ContentType.JSON)
                .header("Idempotency-Key", "month-2020-04").body(body)
                .when().post("/api/v1/submissions").then().statusCode(201).extract().path("id");
        String again = given().auth().oauth2(TestTokens.provider("RV5")).contentType(ContentType.JSON)
                .header("Idempotency-Key", "month-2020-04").body(body)
                .when().post("/api/v1/submissions").then().statusCode(201).extract().path("id");
        assertEquals(first, again);
        assertEquals(1, count("SELECT count(*) FROM submission WHERE period = '2020-04'"));
        given().auth().oauth2(TestTokens.provider("RV5")).contentType(ContentType.JSON)
                .header("Idempotency-Key", "month-2020-04")
                .body(Submissions.mhsds("RV5", "2020-04", Submissions.records(3, "I")))
                .when().post("/api/v1/submissions").then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:uk:nhs:mhe:problem:idempotency-key-reused"));
        // Another client's identical key is its own.
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .header("Idempotency-Key", "month-2020-04").body(body)
                .when().post("/api/v1/submissions").then().statusCode(201).body("version", equalTo(2));
    }

    @Test
    void twoConcurrentFirstUsesOfAKeyMakeOneSubmission() throws Exception {
        // Large enough that both requests are under way before either commits.
        Map<String, Object> body = Submissions.mhsds("RV5", "2020-10", Submissions.records(20_000, "R"));
        String token = TestTokens.provider("RV5");
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<io.restassured.response.Response>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                answers.add(two.submit(() -> {
                    start.await();
                    return given().auth().oauth2(token).contentType(ContentType.JSON)
                            .header("Idempotency-Key", "race-2020-10").body(body)
                            .when().post("/api/v1/submissions");
                }));
            }
            start.countDown();
            io.restassured.response.Response a = answers.get(0).get();
            io.restassured.response.Response b = answers.get(1).get();
            assertEquals(201, a.statusCode(), a.asString());
            assertEquals(201, b.statusCode(), b.asString());
            assertEquals(a.path("id").toString(), b.path("id").toString(), "the second is a replay of the first");
        } finally {
            two.shutdownNow();
        }
        assertEquals(1, count("SELECT count(*) FROM submission WHERE period = '2020-10'"), "one version, not two");
    }

    @Test
    void idempotencyKeyReplaysARejection() {
        String csv = badCsv("J");
        String first = given().auth().oauth2(TestTokens.provider("RV5")).contentType("text/csv")
                .header("Idempotency-Key", "bad-file").body(csv)
                .when().post("/api/v1/submissions?dataset=MHSDS&provider=RV5&period=2020-05")
                .then().statusCode(400).extract().path("submissionId");
        given().auth().oauth2(TestTokens.provider("RV5")).contentType("text/csv")
                .header("Idempotency-Key", "bad-file").body(csv)
                .when().post("/api/v1/submissions?dataset=MHSDS&provider=RV5&period=2020-05")
                .then().statusCode(400).body("submissionId", equalTo(first)).body("errors", hasSize(2));
    }

    @Test
    void versionsAndHistoryCarryShaClientAndTime() {
        for (int v = 1; v <= 3; v++) {
            given().auth().oauth2(TestTokens.provider("RXT")).contentType("text/csv").body(Submissions.mhsdsCsv(v, "H", "\n"))
                    .when().post("/api/v1/submissions?dataset=MHSDS&provider=RXT&period=2020-06")
                    .then().statusCode(201).body("version", equalTo(v));
        }
        given().auth().oauth2(TestTokens.provider("RXT"))
                .when().get("/api/v1/submissions?provider=RXT&dataset=MHSDS&period=2020-06")
                .then().statusCode(200).body("$", hasSize(3))
                .body("version", equalTo(List.of(3, 2, 1)))
                .body("[0].records", equalTo(3))
                .body("[0].clientId", equalTo("service-account-provider-rxt"))
                .body("[0].sha256", notNullValue())
                .body("[0].receivedAt", notNullValue());
    }

    @Test
    void errorReportIsAvailableAsCsv() {
        String csv = badCsv("C").replace("C4,A,1,200", "C4,A,1,200,\"x,y\"");
        String id = given().auth().oauth2(TestTokens.provider("RV5")).contentType("text/csv").body(csv)
                .when().post("/api/v1/submissions?dataset=MHSDS&provider=RV5&period=2020-07")
                .then().statusCode(400).extract().path("submissionId");
        String report = given().auth().oauth2(TestTokens.provider("RV5")).accept("text/csv")
                .when().get("/api/v1/submissions/" + id + "/errors")
                .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asString();
        String[] lines = report.split("\r\n");
        assertEquals("row,field,code,message", lines[0]);
        assertTrue(lines[1].startsWith("2,ethnicCategory,NOT_IN_CODE_LIST,"), lines[1]);
        assertTrue(lines[2].startsWith("4,,COLUMN_COUNT,"), lines[2]);
        assertEquals(3, lines.length);
    }

    @Test
    void asyncSubmissionAnswers202AndShowsProgressWhileValidating() throws Exception {
        int n = 200_000;
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(Submissions.mhsdsCsv(n, "A", "\n").getBytes(StandardCharsets.UTF_8));
        }
        Response accepted = given().auth().oauth2(TestTokens.provider("RV5")).contentType("text/csv")
                .header("Content-Encoding", "gzip").header("Prefer", "respond-async").body(gz.toByteArray())
                .when().post("/api/v1/submissions?dataset=MHSDS&provider=RV5&period=2020-08");
        assertEquals(202, accepted.statusCode(), accepted.asString());
        String location = accepted.header("Location");
        assertTrue(location.endsWith("/api/v1/submissions/" + accepted.path("id")), location);
        long midway = -1;
        String status = null;
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            Response r = given().auth().oauth2(TestTokens.provider("RV5")).when().get(location);
            status = r.path("status");
            long read = ((Number) r.path("progress.recordsRead")).longValue();
            if ("VALIDATING".equals(status) && read > 0 && read < n) {
                midway = read;
            }
            if ("ACCEPTED".equals(status) || "PUBLISHED".equals(status) || "REJECTED".equals(status)) {
                break;
            }
            Thread.sleep(40);
        }
        assertNotEquals("REJECTED", status);
        assertTrue(midway > 0, "progress was seen while validating");
        given().auth().oauth2(TestTokens.provider("RV5")).when().get(location)
                .then().body("records", equalTo(n)).body("progress.percent", equalTo(100));
    }

    @Test
    void asyncRejectionKeepsItsReport() throws Exception {
        String location = given().auth().oauth2(TestTokens.provider("RV5")).contentType("text/csv")
                .header("Prefer", "respond-async").body(badCsv("B"))
                .when().post("/api/v1/submissions?dataset=MHSDS&provider=RV5&period=2020-09")
                .then().statusCode(202).extract().header("Location");
        String status = null;
        for (int i = 0; i < 200 && !"REJECTED".equals(status); i++) {
            Thread.sleep(50);
            status = given().auth().oauth2(TestTokens.provider("RV5")).when().get(location).then().extract().path("status");
        }
        assertEquals("REJECTED", status);
        given().auth().oauth2(TestTokens.provider("RV5")).when().get(location + "/errors")
                .then().body("total", equalTo(2));
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
