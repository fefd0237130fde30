package uk.nhs.mhe.indicator.stats;

/**
 * A confidence interval or control limits: {@code lower <= upper}, both finite.
 *
 * @param lower the lower limit
 * @param upper the upper limit
 */
public record Interval(double lower, double upper) {

    public Interval {
        if (!Double.isFinite(lower) || !Double.isFinite(upper)) {
            throw new IllegalArgumentException("interval limits must be finite: " + lower + ", " + upper);
        }
        if (lower > upper) {
            throw new IllegalArgumentException("lower limit " + lower + " is above upper limit " + upper);
        }
    }

    /** True when {@code value} lies inside the interval, limits included. */
    public boolean contains(double value) {
        return value >= lower && value <= upper;
    }

    /** True when {@code value} lies strictly outside the interval. */
    public boolean excludes(double value) {
        return !contains(value);
    }

    /** The interval with both limits multiplied by a positive {@code factor}. */
    public Interval scale(double factor) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("scale factor must be positive: " + factor);
        }
        return new Interval(lower * factor, upper * factor);
    }
}
