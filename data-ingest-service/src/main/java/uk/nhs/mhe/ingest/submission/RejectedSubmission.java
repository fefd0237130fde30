package uk.nhs.mhe.ingest.submission;

import uk.nhs.mhe.common.problem.FieldError;
import uk.nhs.mhe.ingest.validation.DataQuality;

import java.util.List;

/**
 * Thrown inside the submission's transaction when validation failed, so that everything
 * written so far is rolled back; the report it carries is then kept on its own.
 */
final class RejectedSubmission extends RuntimeException {

    final Envelope envelope;
    final List<FieldError> errors;
    final long errorCount;
    final long records;
    final long rejectedRecords;
    final DataQuality quality;

    RejectedSubmission(Envelope envelope, List<FieldError> errors, long errorCount, long records,
            long rejectedRecords, DataQuality quality) {
        super("Submission rejected with " + errorCount + " errors", null, false, false);
        this.envelope = envelope;
        this.errors = errors;
        this.errorCount = errorCount;
        this.records = records;
        this.rejectedRecords = rejectedRecords;
        this.quality = quality;
    }
}
