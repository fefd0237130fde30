package uk.nhs.mhe.indicator.aggregate;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.nhs.mhe.indicator.compute.EmbeddedIndicatorDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The consumer's half of "what the door accepts, the consumer can apply": the batch events of
 * records generated at the edges of the dataset specifications, every one of which ingest's
 * validation accepted ({@code EdgeRecordsContractTest} there writes them), applied with the real
 * applier to a real PostgreSQL with this service's migrations, then recalculated. Every record
 * must be counted, none refused by a column type or a constraint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EdgeRecordsApplyTest {

    private static final Path CONTRACT = Path.of("../data-ingest-service/src/test/resources/contract");

    private EmbeddedIndicatorDatabase db;

    @BeforeAll
    void start() {
        db = new EmbeddedIndicatorDatabase("edge_records");
    }

    @AfterAll
    void stop() throws Exception {
        db.close();
    }

    @ParameterizedTest
    @CsvSource({"edge-batch-mhsds.json, mhsds_record", "edge-batch-talking-therapies.json, tt_record"})
    void everyRecordIngestAcceptsIsAppliedAndCounted(String file, String table) throws Exception {
        byte[] batch = Files.readAllBytes(CONTRACT.resolve(file));
        JsonNode event = EmbeddedIndicatorDatabase.JSON.readTree(batch);
        int records = event.get("records").size();
        assertTrue(records > 100, file + " holds " + records + " records");
        UUID submission = UUID.fromString(event.get("submissionId").asText());

        assertTrue(db.apply(UUID.randomUUID(), SubmissionEvents.BATCH_TYPE, batch), "batch applied");
        Map<String, Object> commit = new LinkedHashMap<>();
        for (String f : new String[] {"submissionId", "version", "dataset", "provider", "period", "batchCount"}) {
            commit.put(f, EmbeddedIndicatorDatabase.JSON.treeToValue(event.get(f), Object.class));
        }
        commit.put("recordCount", records);
        commit.put("sha256", "0".repeat(64));
        commit.put("acceptedAt", "2024-03-05T10:15:30Z");
        assertTrue(db.apply(UUID.randomUUID(), SubmissionEvents.COMMITTED_TYPE,
                EmbeddedIndicatorDatabase.JSON.writeValueAsBytes(commit)), "commit applied");
        assertTrue(db.recalculateRequested() > 0, "the month and its longer periods recalculated");
        try (Connection c = db.connection()) {
            assertEquals(records, count(c, "SELECT count(*) FROM " + table + " WHERE submission_id = ?", submission));
            assertEquals(1, count(c, "SELECT count(*) FROM current_submission WHERE submission_id = ?", submission));
            assertEquals(0, count(c, "SELECT count(*) FROM recalculation_request WHERE period = ?",
                    event.get("period").asText()), "the month recalculated");
        }
    }

    private static long count(Connection c, String sql, Object parameter) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
