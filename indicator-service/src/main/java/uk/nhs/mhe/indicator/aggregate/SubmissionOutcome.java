package uk.nhs.mhe.indicator.aggregate;

import java.util.UUID;

/**
 * The event on {@code mhe.submission-outcomes.v1} (api.md), key {@code DATASET|PROVIDER|PERIOD}:
 * whether the indicator service counted a submission ({@code COUNTED}, with the time) or could not
 * ({@code FAILED}, with the reason). The ingest service shows it to the provider, so that
 * "accepted but never counted" cannot go unnoticed.
 */
public record SubmissionOutcome(UUID submissionId, int version, String outcome, String reason, String at) {

    /** The CloudEvents {@code ce_type}. */
    public static final String TYPE = "uk.nhs.mhe.SubmissionOutcome";
    public static final String COUNTED = "COUNTED";
    public static final String FAILED = "FAILED";

    /** The Kafka key, the same as the submission's own events: a month's outcomes stay in order. */
    public static String key(String dataset, String provider, String period) {
        return dataset + '|' + provider + '|' + period;
    }
}
