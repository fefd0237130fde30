package uk.nhs.mhe.ingest.submission;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The submission resource served at {@code /api/v1/submissions/{id}}; {@code countedAt} is set
 * when COUNTED, {@code reason} says why when FAILED.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SubmissionView(UUID id, String dataset, String provider, String period, Integer version,
        SubmissionStatus status, Instant receivedAt, Instant acceptedAt, Instant publishedAt, Instant countedAt,
        String reason, long records,
        long rejectedRecords, long errorCount, int batchCount, String sha256, String clientId,
        @JsonRawValue String dataQuality, Map<String, Object> progress, String format, String invalidRows) {
}
