package uk.nhs.mhe.indicator.stats;

/**
 * Wilson score confidence interval for a proportion p = x / n.
 *
 * <pre>
 *   limits = (2x + z² ∓ z·√(z² + 4x(1 − x/n))) / (2(n + z²))
 * </pre>
 *
 * <p>Source: PHEindicatormethods {@code wilson_lower} / {@code wilson_upper} (used by
 * {@code phe_proportion}); Wilson EB (1927), J Am Stat Assoc 22:209–212; Newcombe RG &amp;
 * Altman DG in Statistics with Confidence (2nd edn, 2000), pp 46–48; Fingertips technical
 * guidance, "Proportions".
 *
 * <p>The limits are fractions (0 to 1). x = 0 gives a lower limit of exactly 0 and x = n an
 * upper limit of exactly 1 (the formula gives these up to rounding error).
 *
 * <p>Worked example (indicators.md): x = 65, n = 100, 95% → 0.552544 to 0.736358.
 */
public final class WilsonInterval {

    private WilsonInterval() {
    }

    /**
     * The Wilson score interval of x / n as fractions.
     *
     * @throws IllegalArgumentException if x &lt; 0, n &le; 0 or x &gt; n
     */
    public static Interval of(long x, double n, ConfidenceLevel level) {
        validate(x, n);
        double z = level.z();
        double z2 = z * z;
        double root = z * Math.sqrt(z2 + 4 * x * (1 - x / n));
        double denominator = 2 * (n + z2);
        double lower = x == 0 ? 0 : (2 * x + z2 - root) / denominator;
        double upper = x == n ? 1 : (2 * x + z2 + root) / denominator;
        return new Interval(clamp(lower), clamp(upper));
    }

    static void validate(long x, double n) {
        if (x < 0) {
            throw new IllegalArgumentException("numerator must be >= 0: " + x);
        }
        if (!(n > 0) || Double.isInfinite(n)) {
            throw new IllegalArgumentException("denominator must be > 0: " + n);
        }
        if (x > n) {
            throw new IllegalArgumentException("numerator " + x + " is above denominator " + n);
        }
    }

    private static double clamp(double value) {
        return Math.min(1, Math.max(0, value));
    }
}
