package uk.nhs.mhe.ingest.submission;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import uk.nhs.mhe.infra.KafkaTestResource;
import uk.nhs.mhe.infra.PostgresTestResource;
import uk.nhs.mhe.infra.TestTokens;
import uk.nhs.mhe.ingest.Submissions;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input never yields a 5xx: each case of this corpus is sent to {@code POST /api/v1/submissions}
 * and must answer its expected status with a problem+json of its expected {@code type}. Runs against
 * real embedded PostgreSQL, the in-process Kafka broker and the OIDC test server; the test profile
 * limits bodies to 16 MB and submissions to 250,000 records.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = true)
class MalformedInputCorpusTest {

    @org.junit.jupiter.api.BeforeEach
    void plainContentTypes() {
        uk.nhs.mhe.ingest.TestHttp.configure();
    }

    static final String JSON = "application/json";
    static final String NDJSON = "application/x-ndjson";
    static final String CSV = "text/csv";
    static final String MHSDS_Q = "?dataset=MHSDS&provider=RV5&period=2019-01";
    static final String HEADER = "personId,ethnicCategory,gender,ageYears,residenceIcb,imdDecile,inContact,detentions,ctos,restrictiveInterventions\n";
    static final String ROW = "P1,A,1,34,QMJ,3,Y,1,0,0\n";
    static final byte[] BAD_UTF8 = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF};

    /** One malformed request and what it must answer. */
    record Case(String name, String contentType, String encoding, String query, byte[] body, int status, String type,
            String token, String idempotencyKey) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case c(String name, String contentType, String query, String body, int status, String type) {
        return new Case(name, contentType, null, query, body.getBytes(StandardCharsets.UTF_8), status, type, "admin", null);
    }

    static Case c(String name, String contentType, String query, byte[] body, int status, String type) {
        return new Case(name, contentType, null, query, body, status, type, "admin", null);
    }

    static Case gz(String name, String contentType, String query, byte[] body, int status, String type) {
        return new Case(name, contentType, "gzip", query, body, status, type, "admin", null);
    }

    static String env(String dataset, String provider, String period, String records) {
        return "{\"dataset\":\"" + dataset + "\",\"provider\":\"" + provider + "\",\"period\":\"" + period
                + "\",\"records\":" + records + "}";
    }

    static byte[] concat(String a, byte[] b, String c) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] z = c.getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(x, x.length + b.length + z.length);
        System.arraycopy(b, 0, out, x.length, b.length);
        System.arraycopy(z, 0, out, x.length + b.length, z.length);
        return out;
    }

    static byte[] gzip(byte[] data) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream g = new GZIPOutputStream(out)) {
                g.write(data);
            }
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Case> corpus() {
        String validRecord = "{\"personId\":\"P1\",\"ethnicCategory\":\"A\",\"gender\":\"1\",\"ageYears\":34,\"residenceIcb\":\"QMJ\","
                + "\"imdDecile\":3,\"inContact\":\"Y\",\"detentions\":1,\"ctos\":0,\"restrictiveInterventions\":0}";
        List<Case> cases = new ArrayList<>(List.of(
                // JSON envelope: syntax
                c("json: lone brace", JSON, "", "{", 400, "malformed-json"),
                c("json: envelope cut after dataset", JSON, "", "{\"dataset\":\"MHSDS\"", 400, "malformed-json"),
                c("json: record cut mid-way", JSON, "", "{\"dataset\":\"MHSDS\",\"provider\":\"RV5\",\"period\":\"2019-01\",\"records\":[{\"personId\":", 400, "malformed-json"),
                c("json: records array not closed", JSON, "", "{\"dataset\":\"MHSDS\",\"provider\":\"RV5\",\"period\":\"2019-01\",\"records\":[" + validRecord, 400, "malformed-json"),
                c("json: trailing comma in record", JSON, "", env("MHSDS", "RV5", "2019-01", "[{\"personId\":\"x\",}]"), 400, "malformed-json"),
                c("json: single quotes", JSON, "", "{'dataset':'MHSDS'}", 400, "malformed-json"),
                c("json: unquoted key", JSON, "", "{dataset:\"MHSDS\"}", 400, "malformed-json"),
                c("json: NaN number", JSON, "", env("MHSDS", "RV5", "2019-01", "[{\"ageYears\":NaN}]"), 400, "malformed-json"),
                c("json: content after the envelope", JSON, "", env("MHSDS", "RV5", "2019-01", "[]") + " {}", 400, "malformed-json"),
                c("json: invalid UTF-8", JSON, "", concat("{\"dataset\":\"", BAD_UTF8, "\"}"), 400, "malformed-json"),
                c("json: control character in string", JSON, "", "{\"dataset\":\"MH\u0001SDS\"}", 400, "malformed-json"),
                // JSON envelope: shape
                c("json: empty body", JSON, "", "", 400, "malformed-submission"),
                c("json: top-level array", JSON, "", "[]", 400, "malformed-submission"),
                c("json: top-level string", JSON, "", "\"MHSDS\"", 400, "malformed-submission"),
                c("json: top-level number", JSON, "", "42", 400, "malformed-submission"),
                c("json: top-level null", JSON, "", "null", 400, "malformed-submission"),
                c("json: records an object", JSON, "", env("MHSDS", "RV5", "2019-01", "{}"), 400, "malformed-submission"),
                c("json: records a string", JSON, "", env("MHSDS", "RV5", "2019-01", "\"x\""), 400, "malformed-submission"),
                c("json: records of numbers", JSON, "", env("MHSDS", "RV5", "2019-01", "[1,2]"), 400, "validation-failed"),
                c("json: NUL in personId", JSON, "", env("MHSDS", "RV5", "2019-01", "[" + validRecord.replace("\"P1\"", "\"P\\u00001\"") + "]"), 400, "validation-failed"),
                c("json: line break in personId", JSON, "", env("MHSDS", "RV5", "2019-01", "[" + validRecord.replace("\"P1\"", "\"P\\n1\"") + "]"), 400, "validation-failed"),
                c("json: lone surrogate in personId", JSON, "", env("MHSDS", "RV5", "2019-01", "[" + validRecord.replace("\"P1\"", "\"P\\ud8001\"") + "]"), 400, "validation-failed"),
                c("json: detentions overflowing an integer", JSON, "", env("MHSDS", "RV5", "2019-01", "[" + validRecord.replace("\"detentions\":1", "\"detentions\":3000000000") + "]"), 400, "validation-failed"),
                c("json: detentions beyond one a day", JSON, "", env("MHSDS", "RV5", "2019-01", "[" + validRecord.replace("\"detentions\":1", "\"detentions\":32") + "]"), 400, "validation-failed"),
                c("csv: NUL in personId", CSV, MHSDS_Q, HEADER + "P\u00001,A,1,34,QMJ,3,Y,1,0,0\n", 400, "validation-failed"),
                c("csv: overflowing restrictive interventions", CSV, MHSDS_Q, HEADER + "P1,A,1,34,QMJ,3,Y,1,0,99999999999\n", 400, "validation-failed"),
                c("json: NUL in an unknown field's name", JSON, "", env("MHSDS", "RV5", "2019-01", "[" + validRecord.replace("}", ",\"x\\u0000y\":1}") + "]"), 400, "validation-failed"),
                c("json: a field given twice", JSON, "", env("MHSDS", "RV5", "2019-01", "[" + validRecord.replace("}", ",\"ctos\":5}") + "]"), 400, "malformed-json"),
                c("json: 100,000-character personId", JSON, "", env("MHSDS", "RV5", "2019-01", "[" + validRecord.replace("\"P1\"", "\"" + "P".repeat(100_000) + "\"") + "]"), 400, "validation-failed"),
                c("json: records nested 5,000 deep", JSON, "", env("MHSDS", "RV5", "2019-01", "[" + "[".repeat(5000) + "]".repeat(5000) + "]"), 400, "malformed-json"),
                c("csv: NUL in a code", CSV, MHSDS_Q, HEADER + "P1,A\u0000,1,34,QMJ,3,Y,1,0,0\n", 400, "validation-failed"),
                c("csv: ANSI escape in personId", CSV, MHSDS_Q, HEADER + "\u001b[2JP1,A,1,34,QMJ,3,Y,1,0,0\n", 400, "validation-failed"),
                c("csv: negative detentions", CSV, MHSDS_Q, HEADER + "P1,A,1,34,QMJ,3,Y,-1,0,0\n", 400, "validation-failed"),
                c("json: huge number", JSON, "", env("MHSDS", "RV5", "2019-01", "[" + validRecord.replace("34", "1e400") + "]"), 400, "validation-failed"),
                c("json: nested value for a code", JSON, "", env("MHSDS", "RV5", "2019-01", "[" + validRecord.replace("\"A\"", "{\"a\":[1]}") + "]"), 400, "validation-failed"),
                // JSON envelope: what it is for
                c("json: unknown dataset", JSON, "", env("MHSDX", "RV5", "2019-01", "[]"), 400, "unknown-dataset"),
                c("json: month 13", JSON, "", env("MHSDS", "RV5", "2019-13", "[]"), 400, "bad-period"),
                c("json: two-digit year", JSON, "", env("MHSDS", "RV5", "19-01", "[]"), 400, "bad-period"),
                c("json: single-digit month", JSON, "", env("MHSDS", "RV5", "2019-1", "[]"), 400, "bad-period"),
                c("json: a date, not a month", JSON, "", env("MHSDS", "RV5", "2019-01-01", "[]"), 400, "bad-period"),
                c("json: future period", JSON, "", env("MHSDS", "RV5", "2099-01", "[]"), 400, "future-period"),
                c("json: unknown provider", JSON, "", env("MHSDS", "ZZZ", "2019-01", "[]"), 400, "unknown-provider"),
                c("json: provider closed in the period", JSON, "", env("MHSDS", "RRP", "2024-11", "[]"), 400, "provider-not-open"),
                c("json: no dataset", JSON, "", "{\"provider\":\"RV5\",\"period\":\"2019-01\",\"records\":[]}", 400, "missing-envelope"),
                c("json: no records member", JSON, "", "{\"dataset\":\"MHSDS\",\"provider\":\"RV5\",\"period\":\"2019-01\"}", 400, "missing-envelope"),
                c("json: envelope in the query", JSON, MHSDS_Q, env("MHSDS", "RV5", "2019-01", "[]"), 400, "bad-parameter"),
                // NDJSON
                c("ndjson: unclosed object", NDJSON, MHSDS_Q, "{\"personId\":\"a\"", 400, "malformed-ndjson"),
                c("ndjson: not JSON", NDJSON, MHSDS_Q, "personId=a\n", 400, "malformed-ndjson"),
                c("ndjson: second line broken", NDJSON, MHSDS_Q, validRecord + "\n{bad}\n", 400, "malformed-ndjson"),
                c("ndjson: invalid UTF-8", NDJSON, MHSDS_Q, concat("{\"personId\":\"", BAD_UTF8, "\"}\n"), 400, "malformed-ndjson"),
                c("ndjson: a line that is an array", NDJSON, MHSDS_Q, "[1,2]\n", 400, "validation-failed"),
                c("ndjson: no query", NDJSON, "", validRecord + "\n", 400, "missing-envelope"),
                c("ndjson: bad period", NDJSON, "?dataset=MHSDS&provider=RV5&period=2019-00", validRecord + "\n", 400, "bad-period"),
                // CSV
                c("csv: empty body", CSV, MHSDS_Q, "", 400, "malformed-csv"),
                c("csv: blank lines only", CSV, MHSDS_Q, "\n\n\n", 400, "bad-csv-header"),
                c("csv: unterminated quote", CSV, MHSDS_Q, HEADER + "\"P1,A,1,34,QMJ,3,Y,1,0,0\n", 400, "malformed-csv"),
                c("csv: invalid UTF-8", CSV, MHSDS_Q, concat(HEADER + "P", BAD_UTF8, ",A,1,34,QMJ,3,Y,1,0,0\n"), 400, "malformed-csv"),
                c("csv: unknown column", CSV, MHSDS_Q, HEADER.replace("ctos", "cots") + ROW, 400, "bad-csv-header"),
                c("csv: missing required column", CSV, MHSDS_Q, "personId,ethnicCategory\nP1,A\n", 400, "bad-csv-header"),
                c("csv: duplicate column", CSV, MHSDS_Q, HEADER.replace("ctos", "detentions") + ROW, 400, "bad-csv-header"),
                c("csv: data row as header", CSV, MHSDS_Q, ROW + ROW, 400, "bad-csv-header"),
                c("csv: semicolon separated", CSV, MHSDS_Q, HEADER.replace(',', ';') + ROW.replace(',', ';'), 400, "bad-csv-header"),
                c("csv: unknown dataset", CSV, "?dataset=MHSDSX&provider=RV5&period=2019-01", HEADER + ROW, 400, "unknown-dataset"),
                c("csv: unknown provider", CSV, "?dataset=MHSDS&provider=R%20V5&period=2019-01", HEADER + ROW, 400, "unknown-provider"),
                c("csv: future period", CSV, "?dataset=MHSDS&provider=RV5&period=2999-12", HEADER + ROW, 400, "future-period"),
                c("csv: no query", CSV, "", HEADER + ROW, 400, "missing-envelope"),
                c("csv: a row too short", CSV, MHSDS_Q, HEADER + "P1,A,1\n", 400, "validation-failed"),
                c("csv: a row too long", CSV, MHSDS_Q, HEADER + ROW.trim() + ",extra\n", 400, "validation-failed"),
                c("csv: decimal where a whole number is due", CSV, MHSDS_Q, HEADER + ROW.replace("34", "34.5"), 400, "validation-failed"),
                // Media types and encodings
                c("xml", "application/xml", MHSDS_Q, "<submission/>", 415, "unsupported-media-type"),
                c("plain text", "text/plain", MHSDS_Q, HEADER + ROW, 415, "unsupported-media-type"),
                c("octet stream", "application/octet-stream", MHSDS_Q, HEADER + ROW, 415, "unsupported-media-type"),
                c("yaml", "application/yaml", MHSDS_Q, "dataset: MHSDS", 415, "unsupported-media-type"),
                c("csv in latin-1", "text/csv; charset=ISO-8859-1", MHSDS_Q, HEADER + ROW, 415, "unsupported-charset"),
                new Case("brotli encoding", CSV, "br", MHSDS_Q, (HEADER + ROW).getBytes(StandardCharsets.UTF_8), 415, "unsupported-content-encoding", "admin", null),
                new Case("deflate encoding", CSV, "deflate", MHSDS_Q, (HEADER + ROW).getBytes(StandardCharsets.UTF_8), 415, "unsupported-content-encoding", "admin", null),
                gz("gzip header on a plain body", CSV, MHSDS_Q, (HEADER + ROW).getBytes(StandardCharsets.UTF_8), 400, "malformed-gzip"),
                gz("truncated gzip", CSV, MHSDS_Q, Arrays.copyOf(gzip(Submissions.mhsdsCsv(2000, "T", "\n").getBytes(StandardCharsets.UTF_8)), 200), 400, "malformed-gzip"),
                gz("gzip of malformed JSON", JSON, "", gzip("{\"dataset\":".getBytes(StandardCharsets.UTF_8)), 400, "malformed-json"),
                // Parameters and headers
                c("invalidRows=maybe", CSV, MHSDS_Q + "&invalidRows=maybe", HEADER + ROW, 400, "bad-parameter"),
                c("dryRun=perhaps", CSV, MHSDS_Q + "&dryRun=perhaps", HEADER + ROW, 400, "bad-parameter"),
                new Case("idempotency key too long", CSV, null, MHSDS_Q, (HEADER + ROW).getBytes(StandardCharsets.UTF_8), 400, "bad-idempotency-key", "admin", "k".repeat(201)),
                // Limits (test profile: 16 MB, 250,000 records)
                gz("gzip bomb past the body limit", CSV, MHSDS_Q, gzip(new byte[17 * 1024 * 1024]), 413, "decompression-ratio-exceeded"),
                gz("gzip bomb within the body limit", CSV, MHSDS_Q, gzip(concat(HEADER, new byte[8 * 1024 * 1024], "")), 413, "decompression-ratio-exceeded"),
                c("plain body past the body limit", CSV, MHSDS_Q, new byte[16 * 1024 * 1024 + 10], 413, "payload-too-large"),
                gz("too many records", CSV, MHSDS_Q, gzip(Submissions.mhsdsCsv(250_001, "M", "\n").getBytes(StandardCharsets.UTF_8)), 413, "too-many-records"),
                // Identity
                new Case("no token", CSV, null, MHSDS_Q, (HEADER + ROW).getBytes(StandardCharsets.UTF_8), 401, "unauthorized", null, null),
                new Case("another provider's month", CSV, null, "?dataset=MHSDS&provider=RXT&period=2019-01", (HEADER + ROW).getBytes(StandardCharsets.UTF_8), 403, "forbidden", "RV5", null),
                new Case("another provider in the JSON body", JSON, null, "", env("MHSDS", "RXT", "2019-01", "[]").getBytes(StandardCharsets.UTF_8), 403, "forbidden", "RV5", null)));
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void badInputIsAProblemWithItsOwnType(Case c) {
        RequestSpecification request = given().contentType(c.contentType()).body(c.body());
        if ("admin".equals(c.token())) {
            request = request.auth().oauth2(TestTokens.admin());
        } else if (c.token() != null) {
            request = request.auth().oauth2(TestTokens.provider(c.token()));
        }
        if (c.encoding() != null) {
            request = request.header("Content-Encoding", c.encoding());
        }
        if (c.idempotencyKey() != null) {
            request = request.header("Idempotency-Key", c.idempotencyKey());
        }
        Response response = request.when().post("/api/v1/submissions" + c.query());
        String body = response.asString();
        assertTrue(response.statusCode() < 500, c.name() + " answered " + response.statusCode() + ": " + body);
        assertEquals(c.status(), response.statusCode(), c.name() + ": " + body);
        assertTrue(response.contentType().startsWith("application/problem+json"), c.name() + ": " + response.contentType());
        assertEquals("urn:uk:nhs:mhe:problem:" + c.type(), response.path("type"), c.name() + ": " + body);
    }

    @org.junit.jupiter.api.Test
    void aBodyOverTheHttpLayersOwnLimitIsAProblemToo() throws Exception {
        // Refused by Vert.x from the Content-Length alone, before any resource runs.
        try (var socket = new java.net.Socket("localhost", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/v1/submissions" + MHSDS_Q + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: text/csv\r\nContent-Length: 99999999999\r\n\r\n" + HEADER).getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            // Read until the problem's closing brace (the connection may stay open).
            StringBuilder read = new StringBuilder();
            var in = socket.getInputStream();
            try {
                for (int b; !read.toString().contains("\r\n\r\n") || !read.toString().endsWith("}"); ) {
                    if ((b = in.read()) < 0) {
                        break;
                    }
                    read.append((char) b);
                }
            } catch (java.net.SocketTimeoutException e) {
                // what arrived is checked below
            }
            String answer = read.toString();
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.toLowerCase(java.util.Locale.ROOT).contains("content-type: application/problem+json"), answer);
            assertTrue(answer.contains("\"type\":\"urn:uk:nhs:mhe:problem:payload-too-large\""), answer);
        }
    }

    @org.junit.jupiter.api.Test
    void theCorpusHasAtLeastFiftyCases() {
        assertTrue(corpus().size() >= 50, "corpus of " + corpus().size());
        assertTrue(corpus().size() + hostileValues().size() >= 200, "corpus of " + (corpus().size() + hostileValues().size()));
    }

    /** One hostile value put in one field of an otherwise valid one-record JSON submission. */
    record HostileValue(String dataset, String field, String label, String json) {
        @Override
        public String toString() {
            return dataset + "." + field + " = " + label;
        }
    }

    /** Valid records to put a hostile value in, one per dataset. */
    static final java.util.Map<String, String> VALID = java.util.Map.of(
            "MHSDS", "{\"personId\":\"P1\",\"ethnicCategory\":\"A\",\"gender\":\"1\",\"ageYears\":34,"
                    + "\"residenceIcb\":\"QMJ\",\"imdDecile\":3,\"inContact\":\"Y\",\"detentions\":1,\"ctos\":0,"
                    + "\"restrictiveInterventions\":0}",
            "TALKING_THERAPIES", "{\"referralId\":\"R1\",\"personId\":\"P1\",\"ethnicCategory\":\"A\",\"gender\":\"1\","
                    + "\"ageYears\":34,\"residenceIcb\":\"QMJ\",\"imdDecile\":3,\"sexualOrientation\":\"1\","
                    + "\"referralDate\":\"2019-01-10\",\"enteredTreatment\":\"Y\",\"finishedCourse\":\"Y\","
                    + "\"casenessAtStart\":\"Y\",\"casenessAtEnd\":\"N\",\"reliableImprovement\":\"Y\","
                    + "\"daysToFirstTreatment\":12}");

    /**
     * Every field of both datasets × every kind of hostile value: control characters and NUL,
     * noncharacters and lone surrogates, huge strings, overflowing, negative and fractional
     * numbers, wrong JSON types and deep nesting.
     */
    static List<HostileValue> hostileValues() {
        // One of each kind (the structural corpus above and RecordValidatorTest hold the variants).
        String[][] values = {
                {"NUL", "\"a\\u0000b\""}, {"ANSI escape", "\"\\u001b[31mred\""}, {"U+FFFE", "\"a\\ufffeb\""},
                {"lone surrogate", "\"a\\udc00b\""}, {"100,000 characters", "\"" + "x".repeat(100_000) + "\""},
                {"blank", "\"  \""}, {"-1", "-1"}, {"3e9", "3000000000"}, {"1e400", "1e400"}, {"1.5", "1.5"},
                {"true", "true"}, {"nested 200 deep", "[".repeat(200) + "]".repeat(200)}};
        List<HostileValue> cases = new ArrayList<>();
        for (String dataset : List.of("MHSDS", "TALKING_THERAPIES")) {
            var spec = uk.nhs.mhe.ingest.dataset.Datasets.find(dataset).orElseThrow();
            for (var field : spec.fields()) {
                for (String[] v : values) {
                    cases.add(new HostileValue(dataset, field.name(), v[0], v[1]));
                }
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileValues")
    void aHostileValueIsRefusedNamingItsFieldAndRow(HostileValue c) throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var record = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(VALID.get(c.dataset()));
        String placeholder = "\"@@hostile@@\"";
        record.put(c.field(), "@@hostile@@");
        String body = env(c.dataset(), "RV5", "2019-01", "[" + mapper.writeValueAsString(record).replace(placeholder, c.json()) + "]");
        Response response = given().auth().oauth2(TestTokens.admin()).contentType(JSON).body(body.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/submissions");
        String answer = response.asString();
        assertEquals(400, response.statusCode(), c + ": " + answer);
        assertTrue(response.contentType().startsWith("application/problem+json"), c + ": " + response.contentType());
        assertEquals("urn:uk:nhs:mhe:problem:validation-failed", response.path("type"), c + ": " + answer);
        assertEquals(c.field(), response.path("errors[0].field"), c + ": " + answer);
        assertEquals(Integer.valueOf(1), response.path("errors[0].row"), c + ": " + answer);
    }
}
