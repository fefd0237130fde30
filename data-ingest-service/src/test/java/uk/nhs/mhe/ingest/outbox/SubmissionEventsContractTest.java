package uk.nhs.mhe.ingest.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import uk.nhs.mhe.ingest.dataset.Datasets;
import uk.nhs.mhe.ingest.validation.RecordValidator;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The producer's side of the {@code mhe.submissions.v1} contract: the events this service writes
 * are exactly the published samples (which the indicator-service's contract test reads).
 */
class SubmissionEventsContractTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final SubmissionEvents events = new SubmissionEvents(mapper);
    private final SubmissionEvents.Header header = new SubmissionEvents.Header(
            UUID.fromString("6f1c2a3e-8d4b-4c5a-9e7f-0a1b2c3d4e5f"), 2, "MHSDS", "RV5", "2024-03", 1, 2,
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", Instant.parse("2024-04-05T10:15:30Z"));

    private String sample(String name) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/contract/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    @Test
    void batchEventMatchesTheSample() throws Exception {
        // The records as the validator normalises them, then as the outbox stores them (gzip'd array).
        RecordValidator validator = new RecordValidator(Datasets.find("MHSDS").orElseThrow());
        List<ObjectNode> normalised = new ArrayList<>();
        for (var record : mapper.readTree(sample("submission-batch.json")).get("records")) {
            ObjectNode valid = validator.validate(normalised.size() + 1, record, new ArrayList<>());
            assertNotNull(valid, "the sample's records are valid");
            normalised.add(valid);
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(mapper.writeValueAsBytes(normalised));
        }
        String written = new String(events.batch(header, 1, gz.toByteArray()), StandardCharsets.UTF_8);
        assertEquals(sample("submission-batch.json"), written);
    }

    @Test
    void committedEventMatchesTheSample() throws Exception {
        assertEquals(sample("submission-committed.json"), new String(events.committed(header), StandardCharsets.UTF_8));
    }
}
