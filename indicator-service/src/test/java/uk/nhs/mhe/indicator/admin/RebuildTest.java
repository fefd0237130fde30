package uk.nhs.mhe.indicator.admin;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.mhe.indicator.aggregate.SubmissionEventProducer;
import uk.nhs.mhe.indicator.compute.IndicatorValue;
import uk.nhs.mhe.indicator.compute.IndicatorValueStore;
import uk.nhs.mhe.infra.InjectKafkaBootstrap;
import uk.nhs.mhe.infra.KafkaTestResource;
import uk.nhs.mhe.infra.PostgresTestResource;
import uk.nhs.mhe.infra.TestTokens;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /api/v1/admin/rebuild} replays {@code mhe.submissions.v1} (real broker) into
 * emptied tables (real PostgreSQL) and reproduces every value exactly, superseded versions and
 * duplicates included; only {@code ingest-admin} may run it.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class RebuildTest {

    private static final String POPULATION = """
            areaCode,ethnicCategory,ageBand,sex,population
            QMJ,A,20-24,1,300000
            QMJ,M,30-34,2,40000
            QKK,A,40-44,2,500000
            QKK,N,40-44,1,90000
            """;

    @InjectKafkaBootstrap
    String bootstrap;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void onlyTheIngestAdminMayRebuild() {
        given().when().post("/api/v1/admin/rebuild").then().statusCode(401);
        given().auth().oauth2(TestTokens.assurance()).when().post("/api/v1/admin/rebuild").then().statusCode(403);
        given().auth().oauth2(TestTokens.provider("RV5")).when().post("/api/v1/admin/rebuild").then().statusCode(403);
        given().auth().oauth2(TestTokens.withRoles("moderator", "moderator", "reader"))
                .when().post("/api/v1/admin/rebuild").then().statusCode(403);
    }

    @Test
    void rebuildFromTheTopicReproducesEveryValue() throws Exception {
        given().auth().oauth2(TestTokens.admin()).contentType("text/csv").body(POPULATION)
                .when().put("/api/v1/reference/population?year=2021").then().statusCode(200);
        UUID rv5 = UUID.randomUUID();
        UUID rv5Again = UUID.randomUUID();
        UUID rxt = UUID.randomUUID();
        UUID april = UUID.randomUUID();
        UUID rxtApril = UUID.randomUUID();
        try (SubmissionEventProducer events = new SubmissionEventProducer(bootstrap)) {
            events.submission(rv5, 1, "RV5", "2021-03", records("r", "QMJ", "A", 20, 1, "QKK", "N", 9, 2));
            events.submission(rxt, 1, "RXT", "2021-03", records("x", "QKK", "A", 15, 1, "QMJ", "M", 6, 1));
            // A resubmission in two batches replaces RV5's first version; a redelivered commit changes nothing.
            List<Map<String, Object>> second = records("s", "QMJ", "A", 12, 1, "QKK", "N", 4, 3);
            events.batch(rv5Again, 2, "RV5", "2021-03", 1, 2, second.subList(0, 10));
            events.batch(rv5Again, 2, "RV5", "2021-03", 2, 2, second.subList(10, second.size()));
            events.commit(rv5Again, 2, "RV5", "2021-03", 2, second.size());
            events.commit(rv5Again, 2, "RV5", "2021-03", 2, second.size());
            events.submission(april, 1, "RV5", "2021-04", records("a", "QMJ", "M", 7, 1, "QKK", "A", 3, 1));
            // As an outbox relay leaves it after losing the broker mid-send: the commit reached
            // the topic without its batch, then batch and commit were sent again (same event ids).
            List<Map<String, Object>> resent = records("t", "QKK", "M", 5, 1, "QMJ", "A", 2, 1);
            events.commit(rxtApril, 1, "RXT", "2021-04", 1, resent.size());
            events.submission(rxtApril, 1, "RXT", "2021-04", resent);
        }
        awaitCurrent(rxtApril);
        awaitCurrent(rv5Again);
        awaitCurrent(rxt);
        awaitCurrent(april);
        List<IndicatorValue> before = settledValues();
        long currentBefore = count("SELECT count(*) FROM current_submission");

        JsonPath first = rebuild();
        assertEquals(currentBefore, first.getLong("submissionsCurrent"));
        assertTrue(first.getLong("eventsReplayed") >= 10, "every event of the topic was replayed");
        assertEquals(before.size(), first.getLong("values"));
        assertEquals(0, first.getLong("valuesChanged"), "nothing had drifted");
        assertEquals(before, values(), "the rebuild reproduces every value exactly");
        assertEquals(currentBefore, count("SELECT count(*) FROM current_submission"));
        assertEquals(rv5Again, currentOf("RV5", "2021-03"), "the higher version is current again");
        assertEquals(rxtApril, currentOf("RXT", "2021-04"), "a commit sent again after its batch counts in the rebuild too");
        assertFalse(before.isEmpty() && count("SELECT count(*) FROM mhsds_record") == 0, "records were replayed");

        JsonPath again = rebuild();
        assertEquals(first.getLong("eventsReplayed"), again.getLong("eventsReplayed"));
        assertEquals(before, values(), "running it twice is harmless");
    }

    private static JsonPath rebuild() {
        return given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/admin/rebuild")
                .then().statusCode(200).extract().jsonPath();
    }

    private static List<Map<String, Object>> records(String prefix, String icb1, String ethnic1, int people1,
            int detentions1, String icb2, String ethnic2, int people2, int detentions2) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < people1; i++) {
            list.add(SubmissionEventProducer.record(prefix + "1-" + i, icb1, ethnic1, detentions1));
        }
        for (int i = 0; i < people2; i++) {
            list.add(SubmissionEventProducer.record(prefix + "2-" + i, icb2, ethnic2, detentions2));
        }
        return list;
    }

    private void awaitCurrent(UUID submissionId) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            if (count("SELECT count(*) FROM current_submission WHERE submission_id = '" + submissionId + "'") == 1) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("submission " + submissionId + " never became current");
    }

    /** The values once the consumer has nothing left to apply (two equal reads a second apart). */
    /**
     * The values once the worker has recalculated every requested period: a request disappears
     * only when the transaction that wrote its period's values commits.
     */
    private List<IndicatorValue> settledValues() throws Exception {
        for (int i = 0; i < 120 && count("SELECT count(*) FROM recalculation_request") > 0; i++) {
            Thread.sleep(500);
        }
        assertEquals(0, count("SELECT count(*) FROM recalculation_request"), "the worker caught up");
        return values();
    }

    private List<IndicatorValue> values() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            return IndicatorValueStore.all(c);
        }
    }

    private UUID currentOf(String provider, String period) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT submission_id FROM current_submission "
                     + "WHERE dataset = 'MHSDS' AND provider = ? AND period = ?")) {
            ps.setString(1, provider);
            ps.setString(2, period);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, UUID.class) : null;
            }
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
