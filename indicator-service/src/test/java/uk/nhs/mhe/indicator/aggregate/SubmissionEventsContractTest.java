package uk.nhs.mhe.indicator.aggregate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The consumer's side of the {@code mhe.submissions.v1} contract: the producer's published sample
 * events (owned by data-ingest-service) read with this service's own event types, strictly.
 */
class SubmissionEventsContractTest {

    private static final Path SAMPLES = Path.of("../data-ingest-service/src/test/resources/contract");
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void readsTheProducersBatchEvent() throws Exception {
        SubmissionEvents.SubmissionBatch batch = mapper.readValue(
                Files.readAllBytes(SAMPLES.resolve("submission-batch.json")), SubmissionEvents.SubmissionBatch.class);
        assertEquals(2, batch.version());
        assertEquals(1, batch.batchCount());
        MhsdsRecord second = mapper.treeToValue(batch.records().get(1), MhsdsRecord.class);
        assertEquals("99", second.ethnicCategory());
        assertNull(second.imdDecile());
        assertEquals(3, second.restrictiveInterventions());
    }

    @Test
    void readsTheProducersCommittedEvent() throws Exception {
        SubmissionEvents.SubmissionCommitted commit = mapper.readValue(
                Files.readAllBytes(SAMPLES.resolve("submission-committed.json")), SubmissionEvents.SubmissionCommitted.class);
        assertEquals(2, commit.recordCount());
        assertEquals(Instant.parse("2024-04-05T10:15:30Z"), commit.acceptedAt());
        assertEquals(64, commit.sha256().length());
    }
}
