package uk.nhs.mhe.ingest.submission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import uk.nhs.mhe.infra.InjectKafkaBootstrap;
import uk.nhs.mhe.infra.KafkaTestResource;
import uk.nhs.mhe.infra.PostgresTestResource;
import uk.nhs.mhe.infra.TestTokens;
import uk.nhs.mhe.ingest.KafkaEvents;
import uk.nhs.mhe.ingest.Submissions;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * NDJSON, CSV (RFC 4180, BOM, CRLF/LF) and gzip bodies, and the Talking Therapies dataset, against
 * real embedded PostgreSQL, the in-process Kafka broker and the OIDC test server.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = true)
class SubmissionFormatsTest {

    @org.junit.jupiter.api.BeforeEach
    void plainContentTypes() {
        uk.nhs.mhe.ingest.TestHttp.configure();
    }

    @InjectKafkaBootstrap
    String bootstrap;

    private final ObjectMapper mapper = new ObjectMapper();

    private static byte[] gzip(String s) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private String csvSubmission(String period, byte[] body, int expected) {
        return given().auth().oauth2(TestTokens.provider("RV5")).contentType("text/csv").body(body)
                .when().post("/api/v1/submissions?dataset=MHSDS&provider=RV5&period=" + period)
                .then().statusCode(expected).extract().asString();
    }

    @Test
    void acceptsCsvWithBomCrlfQuotedCellsAndColumnsInAnyOrder() throws Exception {
        String csv = "\uFEFFinContact,personId,ethnicCategory,gender,ageYears,residenceIcb,imdDecile,detentions,ctos,restrictiveInterventions\r\n"
                + "Y,\"P,1\",A,1,34,QMJ,,1,0,0\r\n"
                + "N,\"P \"\"2\"\"\",99,X,71,QKK,2,0,1,3\r\n"
                + "Y,\"P;3\",Z,2,50,QKK,10,0,0,0\r\n";
        String body = csvSubmission("2021-01", csv.getBytes(StandardCharsets.UTF_8), 201);
        JsonNode s = mapper.readTree(body);
        assertEquals(3, s.get("records").asInt());
        assertEquals("CSV", s.get("format").asText());
        assertEquals(1, s.get("dataQuality").get("imdDecile").get("missing").asInt());
        assertEquals(1, s.get("dataQuality").get("ethnicCategory").get("other").asInt());
        List<ConsumerRecord<String, byte[]>> events = KafkaEvents.of(bootstrap, s.get("id").asText(), 2, 30);
        JsonNode records = mapper.readTree(events.get(0).value()).get("records");
        assertEquals("P,1", records.get(0).get("personId").asText());
        assertEquals("P \"2\"", records.get(1).get("personId").asText());
        assertEquals("P;3", records.get(2).get("personId").asText());
        assertEquals(34, records.get(0).get("ageYears").asInt(), "numbers are parsed from text");
        assertEquals(true, records.get(0).get("imdDecile").isNull(), "an empty cell is an unknown value");
        assertEquals("personId", records.get(0).fieldNames().next(), "records carry the specification's field order");
    }

    @Test
    void aQuotedLineBreakIsOneCellAndRefusedInAnIdentifier() throws Exception {
        // The quoted CRLF keeps the row whole (no column-count error), and an identifier may not
        // hold a line break (nor any control character).
        String csv = "personId,ethnicCategory,gender,ageYears,residenceIcb,imdDecile,inContact,detentions,ctos,restrictiveInterventions\r\n"
                + "\"P\r\n3\",Z,2,50,QKK,10,Y,0,0,0\r\n";
        JsonNode report = mapper.readTree(csvSubmission("2021-01", csv.getBytes(StandardCharsets.UTF_8), 400));
        JsonNode error = report.get("errors").get(0);
        assertEquals(1, error.get("row").asInt());
        assertEquals("personId", error.get("field").asText());
        assertEquals("INVALID_CHARACTER", error.get("code").asText());
        assertEquals(1, report.get("errors").size());
    }

    @Test
    void acceptsCsvWithLfAndGzip() throws Exception {
        given().auth().oauth2(TestTokens.provider("RV5")).contentType("text/csv").header("Content-Encoding", "gzip")
                .body(gzip(Submissions.mhsdsCsv(1500, "G", "\n")))
                .when().post("/api/v1/submissions?dataset=MHSDS&provider=RV5&period=2021-02")
                .then().statusCode(201).body("records", equalTo(1500)).body("batchCount", equalTo(2));
    }

    @Test
    void csvErrorsNameTheRowAfterTheHeader() {
        String csv = Submissions.mhsdsCsv(3, "E", "\n").replace("E2,A,1,34", "E2,A,1,abc").replace("E3,A,1,34,QMJ,3,Y,1,0,0", "E3,A,1");
        given().auth().oauth2(TestTokens.provider("RV5")).contentType("text/csv").body(csv)
                .when().post("/api/v1/submissions?dataset=MHSDS&provider=RV5&period=2021-03")
                .then().statusCode(400)
                .body("type", equalTo("urn:uk:nhs:mhe:problem:validation-failed"))
                .body("errors[0].row", equalTo(2)).body("errors[0].field", equalTo("ageYears"))
                .body("errors[0].code", equalTo("WRONG_TYPE"))
                .body("errors[1].row", equalTo(3)).body("errors[1].code", equalTo("COLUMN_COUNT"));
    }

    @Test
    void acceptsNdjson() throws Exception {
        StringBuilder nd = new StringBuilder();
        for (Map<String, Object> r : Submissions.records(3, "N")) {
            nd.append(mapper.writeValueAsString(r)).append("\n\n");
        }
        given().auth().oauth2(TestTokens.provider("RV5")).contentType("application/x-ndjson").body(nd.toString())
                .when().post("/api/v1/submissions?dataset=MHSDS&provider=RV5&period=2021-04")
                .then().statusCode(201).body("records", equalTo(3)).body("format", equalTo("NDJSON"));
    }

    @Test
    void acceptsTalkingTherapiesAndPublishesItsRecordsWithTheContractFieldNames() throws Exception {
        List<Map<String, Object>> records = List.of(Submissions.referral("T1", "2021-05-03"),
                Submissions.referral("T2", "2021-05-31"));
        String id = given().auth().oauth2(TestTokens.provider("RV5")).contentType("application/json")
                .body(Map.of("dataset", "TALKING_THERAPIES", "provider", "RV5", "period", "2021-05", "records", records))
                .when().post("/api/v1/submissions")
                .then().statusCode(201).body("dataset", equalTo("TALKING_THERAPIES"))
                .body("dataQuality.sexualOrientation.valid", equalTo(2)).extract().path("id");
        List<ConsumerRecord<String, byte[]>> events = KafkaEvents.of(bootstrap, id, 2, 30);
        assertEquals("TALKING_THERAPIES|RV5|2021-05", events.get(0).key());
        JsonNode published = mapper.readTree(events.get(0).value()).get("records").get(0);
        assertEquals(mapper.valueToTree(records.get(0)), published);
    }

    @Test
    void talkingTherapiesRulesRejectARowInCsv() {
        String header = "referralId,personId,ethnicCategory,gender,ageYears,residenceIcb,imdDecile,sexualOrientation,"
                + "referralDate,enteredTreatment,finishedCourse,casenessAtStart,casenessAtEnd,reliableImprovement,daysToFirstTreatment\n";
        String csv = header + "T1,P1,A,1,40,QKK,,1,2021-06-02,N,Y,,,,\n";
        given().auth().oauth2(TestTokens.provider("RV5")).contentType("text/csv").body(csv)
                .when().post("/api/v1/submissions?dataset=TALKING_THERAPIES&provider=RV5&period=2021-06")
                .then().statusCode(400)
                .body("errors[0].code", equalTo("CROSS_FIELD_RULE"))
                .body("errors[0].field", equalTo("finishedCourse"));
    }

    @Test
    void datasetsServeBothSpecificationsWithRules() {
        given().when().get("/api/v1/datasets").then().statusCode(200)
                .body("[1].id", equalTo("TALKING_THERAPIES"))
                .body("[1].rules.size()", equalTo(6))
                .body("[1].rules[1].then.expect", equalTo("PRESENT"))
                .body("[0].fields.find { it.name == 'ethnicCategory' }.otherValues", equalTo(List.of("Z")))
                .body("[0].fields.find { it.name == 'ethnicCategory' }.defaultValues", equalTo(List.of("99")));
    }
}
