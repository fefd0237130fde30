package uk.nhs.mhe.indicator.stats;

/**
 * A {@link BenchmarkComparison} read through the indicator's {@link Polarity} (the API's
 * {@code assessment}), as Fingertips colours its comparisons.
 */
public enum Assessment {
    /** Significantly better than the benchmark. */
    BETTER,
    /** Not significantly different from the benchmark. */
    SIMILAR,
    /** Significantly worse than the benchmark. */
    WORSE,
    /** The value or the benchmark is not computed. */
    NOT_COMPARED
}
