package uk.nhs.mhe.ingest.submission;

import com.fasterxml.jackson.databind.JsonNode;

/** Receives a submission as a reader streams it: the envelope once, then each record in order. */
interface SubmissionSink {

    void begin(Envelope envelope);

    void record(JsonNode record);

    /** Called after the last record; {@code sawRecords} is false when the body had no records member. */
    void end(boolean sawRecords);
}
