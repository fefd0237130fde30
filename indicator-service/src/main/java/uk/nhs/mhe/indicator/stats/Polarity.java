package uk.nhs.mhe.indicator.stats;

/**
 * Which direction of an indicator is better (Fingertips "polarity"). In this platform it names
 * the direction that is worse for equality: more detentions of a group is worse
 * ({@link #LOW_IS_GOOD}), less access or recovery is worse ({@link #HIGH_IS_GOOD}).
 */
public enum Polarity {
    /** Lower values are better, e.g. MHA detentions per 100,000. */
    LOW_IS_GOOD,
    /** Higher values are better, e.g. Talking Therapies recovery. */
    HIGH_IS_GOOD
}
