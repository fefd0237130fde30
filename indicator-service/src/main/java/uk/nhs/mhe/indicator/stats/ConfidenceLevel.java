package uk.nhs.mhe.indicator.stats;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The two-sided confidence levels that every published value carries: 95% and 99.8%.
 *
 * <p>z is the standard normal quantile at {@code c + (1 - c) / 2}, computed with Apache Commons
 * Statistics rather than hard-coded: 1.959964 for 95%, 3.090232 for 99.8%. PHEindicatormethods
 * does the same with {@code qnorm(confidence + (1 - confidence) / 2)}; Fingertips uses these
 * two levels for its "95%" and "99.8%" intervals.
 */
public enum ConfidenceLevel {
    /** 95% two-sided, z = 1.959964. */
    NINETY_FIVE(0.95),
    /** 99.8% two-sided, z = 3.090232. */
    NINETY_NINE_POINT_EIGHT(0.998);

    private final double level;
    private final double z;

    ConfidenceLevel(double level) {
        this.level = level;
        this.z = NormalDistribution.of(0, 1).inverseCumulativeProbability(upperTailProbability(level));
    }

    private static double upperTailProbability(double level) {
        return level + (1 - level) / 2;
    }

    /** The confidence level as a fraction, e.g. 0.95. */
    public double level() {
        return level;
    }

    /** The standard normal quantile for this two-sided level, e.g. 1.959964 for 95%. */
    public double z() {
        return z;
    }

    /** Probability in each tail outside the interval: {@code (1 - c) / 2}, e.g. 0.025. */
    public double tailProbability() {
        return (1 - level) / 2;
    }

    /** Cumulative probability at the upper limit: {@code c + (1 - c) / 2}, e.g. 0.975. */
    public double upperProbability() {
        return upperTailProbability(level);
    }
}
