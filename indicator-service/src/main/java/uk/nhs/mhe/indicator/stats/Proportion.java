package uk.nhs.mhe.indicator.stats;

/**
 * A proportion with its 95% and 99.8% Wilson score limits, expressed per {@code multiplier}
 * (100 for a percentage, as indicators.md reports proportions).
 *
 * <p>Source: PHEindicatormethods {@code phe_proportion} (value {@code x / n * multiplier},
 * limits by {@link WilsonInterval}).
 *
 * @param numerator x
 * @param denominator n
 * @param multiplier 1 for fractions, 100 for percentages
 * @param value x / n × multiplier
 * @param ci95 95% Wilson limits × multiplier
 * @param ci998 99.8% Wilson limits × multiplier
 */
public record Proportion(long numerator, double denominator, double multiplier, double value,
                         Interval ci95, Interval ci998) {

    /** Multiplier for a percentage. */
    public static final double PERCENT = 100;

    /**
     * The proportion x / n with Wilson limits, per {@code multiplier}.
     *
     * @throws IllegalArgumentException if x &lt; 0, n &le; 0, x &gt; n or multiplier &le; 0
     */
    public static Proportion of(long x, double n, double multiplier) {
        WilsonInterval.validate(x, n);
        if (!(multiplier > 0)) {
            throw new IllegalArgumentException("multiplier must be > 0: " + multiplier);
        }
        return new Proportion(x, n, multiplier, x / n * multiplier,
                WilsonInterval.of(x, n, ConfidenceLevel.NINETY_FIVE).scale(multiplier),
                WilsonInterval.of(x, n, ConfidenceLevel.NINETY_NINE_POINT_EIGHT).scale(multiplier));
    }

    /** The proportion as a percentage. */
    public static Proportion percentage(long x, double n) {
        return of(x, n, PERCENT);
    }

    /** The interval for {@code level}. */
    public Interval interval(ConfidenceLevel level) {
        return level == ConfidenceLevel.NINETY_FIVE ? ci95 : ci998;
    }
}
