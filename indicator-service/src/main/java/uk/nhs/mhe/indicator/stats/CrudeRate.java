package uk.nhs.mhe.indicator.stats;

/**
 * A crude rate r = x / n × multiplier with 95% and 99.8% limits.
 *
 * <pre>
 *   r = x / n × multiplier
 *   limits = (limits of the count x) / n × multiplier
 * </pre>
 * where the limits of the count are exact Poisson below 10 events and Byar's from 10
 * ({@link PoissonCountInterval}). Rates for a period are not annualised.
 *
 * <p>Source: PHEindicatormethods {@code phe_rate} (method "byars"); Fingertips technical
 * guidance, "Crude rates".
 *
 * <p>Worked example (indicators.md): x = 1, n = 100, per 100, exact 95% → 0.025318 to
 * 5.571643.
 *
 * @param count x
 * @param denominator n, the population
 * @param multiplier e.g. 100,000
 * @param value x / n × multiplier
 * @param ci95 95% limits per multiplier
 * @param ci998 99.8% limits per multiplier
 */
public record CrudeRate(long count, double denominator, double multiplier, double value,
                        Interval ci95, Interval ci998) {

    /** The usual multiplier: per 100,000 population. */
    public static final double PER_100_000 = 100_000;

    /**
     * The crude rate of x events in a population n, per {@code multiplier}.
     *
     * @throws IllegalArgumentException if x &lt; 0, n &le; 0 or multiplier &le; 0
     */
    public static CrudeRate of(long x, double n, double multiplier) {
        if (x < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + x);
        }
        if (!(n > 0) || Double.isInfinite(n)) {
            throw new IllegalArgumentException("denominator must be > 0: " + n);
        }
        if (!(multiplier > 0)) {
            throw new IllegalArgumentException("multiplier must be > 0: " + multiplier);
        }
        double factor = multiplier / n;
        return new CrudeRate(x, n, multiplier, x * factor,
                PoissonCountInterval.of(x, ConfidenceLevel.NINETY_FIVE).scale(factor),
                PoissonCountInterval.of(x, ConfidenceLevel.NINETY_NINE_POINT_EIGHT).scale(factor));
    }

    /** The crude rate per 100,000. */
    public static CrudeRate per100k(long x, double n) {
        return of(x, n, PER_100_000);
    }

    /** The interval for {@code level}. */
    public Interval interval(ConfidenceLevel level) {
        return level == ConfidenceLevel.NINETY_FIVE ? ci95 : ci998;
    }

    /** Whether the limits came from the exact method (x &lt; 10) rather than Byar's. */
    public boolean exactLimits() {
        return PoissonCountInterval.usesExactMethod(count);
    }
}
