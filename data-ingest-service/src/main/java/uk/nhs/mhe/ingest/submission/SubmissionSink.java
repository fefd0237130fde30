package uk.nhs.mhe.ingest.submission;

import uk.nhs.mhe.common.problem.FieldError;
import uk.nhs.mhe.ingest.dataset.DatasetSpecification;
import uk.nhs.mhe.ingest.validation.RawRecord;

import java.util.List;

/**
 * Receives a submission as a reader streams it: the envelope once, then each record in order.
 * The JSON, NDJSON and CSV readers all feed the same sink, so they share every rule after parsing.
 */
interface SubmissionSink {

    /** Checks the envelope (throwing the rejection when it is wrong) and returns its dataset's specification. */
    DatasetSpecification begin(Envelope envelope);

    /** One record, in a slot structure the reader reuses for the next record. */
    void record(RawRecord record);

    /** Problems with the file as a whole (e.g. a CSV header): the submission is rejected with them. */
    void rejectFile(List<FieldError> errors);

    /** Called after the last record; {@code sawRecords} is false when the body had no records member. */
    void end(boolean sawRecords);
}
