package uk.nhs.mhe.indicator.stats;

import java.util.Objects;

/**
 * How a value compares with its benchmark (the API's {@code comparedToBenchmark}), by the
 * Fingertips rule: the benchmark inside the value's 95% interval (limits included) →
 * {@link #SIMILAR}; the whole interval above the benchmark → {@link #HIGHER}; below →
 * {@link #LOWER}; no value or no benchmark → {@link #NOT_COMPARED}.
 *
 * <p>{@link #assess(Polarity)} turns the comparison into the API's {@code assessment}
 * ({@link Assessment}): with {@link Polarity#HIGH_IS_GOOD}, higher is better; with
 * {@link Polarity#LOW_IS_GOOD}, higher is worse.
 *
 * <p>Source: Fingertips technical guidance, "Comparing indicator values with a benchmark"
 * (confidence-interval overlap with the benchmark value, 95% level); PHEindicatormethods has
 * no function for it. The same rule compares a ratio with 1 or a difference with 0 (see
 * {@link Disparity}).
 */
public enum BenchmarkComparison {
    /** The 95% interval lies wholly above the benchmark. */
    HIGHER,
    /** The benchmark lies inside the 95% interval. */
    SIMILAR,
    /** The 95% interval lies wholly below the benchmark. */
    LOWER,
    /** The value or the benchmark is not computed (or suppressed). */
    NOT_COMPARED;

    /**
     * Compares a value's 95% interval with a benchmark value.
     *
     * @param ci95 the value's 95% interval, or null when the value is not computed
     * @param benchmark the benchmark value, or null when it is not computed
     */
    public static BenchmarkComparison of(Interval ci95, Double benchmark) {
        if (ci95 == null || benchmark == null || benchmark.isNaN()) {
            return NOT_COMPARED;
        }
        if (ci95.lower() > benchmark) {
            return HIGHER;
        }
        if (ci95.upper() < benchmark) {
            return LOWER;
        }
        return SIMILAR;
    }

    /** The assessment of this comparison under {@code polarity}. */
    public Assessment assess(Polarity polarity) {
        Objects.requireNonNull(polarity, "polarity");
        return switch (this) {
            case SIMILAR -> Assessment.SIMILAR;
            case NOT_COMPARED -> Assessment.NOT_COMPARED;
            case HIGHER -> polarity == Polarity.HIGH_IS_GOOD ? Assessment.BETTER : Assessment.WORSE;
            case LOWER -> polarity == Polarity.HIGH_IS_GOOD ? Assessment.WORSE : Assessment.BETTER;
        };
    }
}
