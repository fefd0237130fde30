package uk.nhs.mhe.ingest.submission;

/**
 * How a submission was sent: its format, the envelope given in the query (NDJSON and CSV), the
 * invalid-row policy, dry run, gzip and the {@code Idempotency-Key}.
 */
public record SubmissionRequest(SubmissionFormat format, String contentType, Envelope query, boolean dryRun,
        boolean skipInvalid, boolean gzip, String idempotencyKey) {

    public String invalidRows() {
        return skipInvalid ? "skip" : "reject";
    }

    /** The same request with a body that is no longer compressed (after spooling). */
    SubmissionRequest decoded() {
        return new SubmissionRequest(format, contentType, query, dryRun, skipInvalid, false, idempotencyKey);
    }
}
