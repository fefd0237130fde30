package uk.nhs.mhe.indicator.stats;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether a group shows a disparity against the reference group: its ratio (rates) or
 * difference (proportions) to the reference is significant — the 95% interval excludes 1 for a
 * ratio, 0 for a difference — in the direction that the indicator's polarity calls worse.
 *
 * <ul>
 *   <li>{@link Polarity#LOW_IS_GOOD} (e.g. detentions): a disparity when the 95% interval lies
 *       wholly above 1 (or 0).</li>
 *   <li>{@link Polarity#HIGH_IS_GOOD} (e.g. recovery, access): a disparity when it lies wholly
 *       below 1 (or 0).</li>
 * </ul>
 * A limit equal to 1 (or 0) does not exclude it, as with {@link BenchmarkComparison}. A ratio
 * or difference that is not computed is never a disparity. The groups found here are named in
 * indicator-change events ({@code disparityGroups}).
 *
 * <p>Source: indicators.md, "Comparison with the benchmark"; the significance test is the
 * Fingertips confidence-interval rule applied with the null value as benchmark.
 */
public final class Disparity {

    private Disparity() {
    }

    /**
     * Whether an interval excludes {@code nullValue} in the direction that {@code polarity} calls
     * worse.
     *
     * @param ci95 the 95% interval of the ratio or difference, or null when not computed
     * @param nullValue 1 for a ratio, 0 for a difference
     */
    public static boolean isDisparity(Interval ci95, double nullValue, Polarity polarity) {
        return BenchmarkComparison.of(ci95, nullValue).assess(polarity) == Assessment.WORSE;
    }

    /** Whether a rate ratio to the reference group (empty: not computed) is a disparity. */
    public static boolean isDisparity(Optional<RateRatio> ratio, Polarity polarity) {
        Objects.requireNonNull(ratio, "ratio");
        return ratio.isPresent() && isDisparity(ratio.get().ci95(), 1, polarity);
    }

    /** Whether a difference of proportions to the reference group is a disparity. */
    public static boolean isDisparity(ProportionDifference difference, Polarity polarity) {
        return difference != null && isDisparity(difference.ci95(), 0, polarity);
    }

    /**
     * The direction of a ratio or difference against the reference group
     * ({@link BenchmarkComparison#HIGHER}, {@code SIMILAR}, {@code LOWER} or
     * {@code NOT_COMPARED}), for the API's {@code vsReference}.
     */
    public static BenchmarkComparison versusReference(Interval ci95, double nullValue) {
        return BenchmarkComparison.of(ci95, nullValue);
    }
}
