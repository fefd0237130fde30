package uk.nhs.mhe.ingest.submission;

/**
 * Lifecycle of a submission (api.md): RECEIVED and VALIDATING while it is read; REJECTED or
 * ACCEPTED by validation; PUBLISHED once Kafka holds its events; COUNTED once the indicator
 * service applied it, or FAILED with the reason it could not (from mhe.submission-outcomes.v1).
 */
public enum SubmissionStatus {
    RECEIVED, VALIDATING, REJECTED, ACCEPTED, PUBLISHED, COUNTED, FAILED
}
