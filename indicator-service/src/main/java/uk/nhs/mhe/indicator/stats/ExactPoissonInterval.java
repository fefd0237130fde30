package uk.nhs.mhe.indicator.stats;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Exact Poisson confidence limits of an observed count x (limits of the count, not of a rate).
 *
 * <pre>
 *   lower = χ²⁻¹((1 − c)/2; 2x) / 2          (0 when x = 0)
 *   upper = χ²⁻¹(c + (1 − c)/2; 2x + 2) / 2
 * </pre>
 *
 * <p>Source: PHEindicatormethods {@code phe_rate} (method "exact", {@code qchisq}); Fingertips
 * technical guidance, "Confidence intervals for counts and rates" (exact method, used below
 * 10 events). Quantiles from Apache Commons Statistics {@link ChiSquaredDistribution}.
 *
 * <p>Worked example (indicators.md): x = 1, 95% → 0.025318 to 5.571643 (as the limits of a
 * rate per 100 with n = 100).
 */
public final class ExactPoissonInterval {

    private ExactPoissonInterval() {
    }

    /**
     * Exact limits of the count x.
     *
     * @throws IllegalArgumentException if x &lt; 0
     */
    public static Interval of(long x, ConfidenceLevel level) {
        if (x < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + x);
        }
        double lower = x == 0 ? 0
                : ChiSquaredDistribution.of(2.0 * x).inverseCumulativeProbability(level.tailProbability()) / 2;
        double upper = ChiSquaredDistribution.of(2.0 * x + 2)
                .inverseCumulativeProbability(level.upperProbability()) / 2;
        return new Interval(lower, upper);
    }
}
