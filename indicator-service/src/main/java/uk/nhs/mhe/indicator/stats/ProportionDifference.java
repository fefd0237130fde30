package uk.nhs.mhe.indicator.stats;

/**
 * Difference of two proportions d = p₁ − p₀ (a group minus the reference group) with
 * Newcombe's hybrid score interval (method 10).
 *
 * <p>With Wilson limits (l₁, u₁) of p₁ and (l₀, u₀) of p₀ ({@link WilsonInterval}):
 * <pre>
 *   lower = d − √((p₁ − l₁)² + (u₀ − p₀)²)
 *   upper = d + √((u₁ − p₁)² + (p₀ − l₀)²)
 * </pre>
 * Values and limits are fractions; multiply by 100 for percentage points.
 *
 * <p>Source: Newcombe RG (1998), "Interval estimation for the difference between independent
 * proportions: comparison of eleven methods", Stat Med 17:873–890, method 10; Newcombe &amp;
 * Altman in Statistics with Confidence (2nd edn, 2000). PHEindicatormethods has no function for
 * it; it reuses that package's Wilson limits ({@code wilson_lower} / {@code wilson_upper}).
 *
 * <p>Worked example (indicators.md): 56/70 vs 48/80 → 0.2, 95%: 0.052431 to 0.333873.
 *
 * @param value d = p₁ − p₀ (fraction)
 * @param ci95 95% limits (fractions)
 * @param ci998 99.8% limits (fractions)
 */
public record ProportionDifference(double value, Interval ci95, Interval ci998) {

    /**
     * The difference x₁/n₁ − x₀/n₀ with Newcombe's method-10 interval.
     *
     * @throws IllegalArgumentException if either proportion is invalid (x &lt; 0, n &le; 0, x &gt; n)
     */
    public static ProportionDifference of(long x1, double n1, long x0, double n0) {
        WilsonInterval.validate(x1, n1);
        WilsonInterval.validate(x0, n0);
        double p1 = x1 / n1;
        double p0 = x0 / n0;
        return new ProportionDifference(p1 - p0,
                newcombe(x1, n1, p1, x0, n0, p0, ConfidenceLevel.NINETY_FIVE),
                newcombe(x1, n1, p1, x0, n0, p0, ConfidenceLevel.NINETY_NINE_POINT_EIGHT));
    }

    private static Interval newcombe(long x1, double n1, double p1, long x0, double n0, double p0,
                                     ConfidenceLevel level) {
        Interval w1 = WilsonInterval.of(x1, n1, level);
        Interval w0 = WilsonInterval.of(x0, n0, level);
        double d = p1 - p0;
        double lower = d - Math.hypot(p1 - w1.lower(), w0.upper() - p0);
        double upper = d + Math.hypot(w1.upper() - p1, p0 - w0.lower());
        return new Interval(lower, upper);
    }

    /** The interval for {@code level}. */
    public Interval interval(ConfidenceLevel level) {
        return level == ConfidenceLevel.NINETY_FIVE ? ci95 : ci998;
    }
}
