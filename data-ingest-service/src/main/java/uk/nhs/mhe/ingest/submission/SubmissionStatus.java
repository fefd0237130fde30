package uk.nhs.mhe.ingest.submission;

/** Lifecycle of a submission (api.md). */
public enum SubmissionStatus {
    RECEIVED, VALIDATING, REJECTED, ACCEPTED, PUBLISHED
}
