package uk.nhs.mhe.indicator.aggregate;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/**
 * The consumer's copy of the events on {@code mhe.submissions.v1}; the producer (ingest) owns
 * the schema, and a contract test reads the producer's sample events with these types.
 */
public final class SubmissionEvents {

    public static final String BATCH_TYPE = "uk.nhs.mhe.SubmissionBatch";
    public static final String COMMITTED_TYPE = "uk.nhs.mhe.SubmissionCommitted";

    private SubmissionEvents() {
    }

    /** Records are kept as JSON until the dataset says how to read them. */
    public record SubmissionBatch(UUID submissionId, int version, String dataset, String provider, String period,
            int batchSeq, int batchCount, JsonNode records) {
    }

    public record SubmissionCommitted(UUID submissionId, int version, String dataset, String provider, String period,
            int batchCount, long recordCount, String sha256, Instant acceptedAt) {
    }
}
