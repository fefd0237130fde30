package uk.nhs.mhe.indicator.stats;

/**
 * Byar's approximation to the exact Poisson confidence limits of an observed count x.
 *
 * <pre>
 *   lower = x · (1 − 1/(9x) − z/(3√x))³
 *   upper = (x + 1) · (1 − 1/(9(x + 1)) + z/(3√(x + 1)))³
 * </pre>
 *
 * <p>Source: PHEindicatormethods {@code byars_lower} / {@code byars_upper} (used by
 * {@code phe_rate} and {@code phe_dsr}); Breslow NE &amp; Day NE, Statistical Methods in Cancer
 * Research vol II (IARC, 1987); Fingertips technical guidance (Byar's method from 10 events).
 *
 * <p>x = 0 gives a lower limit of 0. Where the approximation would give a negative lower limit
 * (very small x at high confidence; PHEindicatormethods returns NA there) it is set to 0. Use
 * {@link PoissonCountInterval} to switch to the exact method below 10 events.
 *
 * <p>Worked example (indicators.md): x = 65, 95% → 50.163188 to 82.849139.
 */
public final class ByarInterval {

    private ByarInterval() {
    }

    /**
     * Byar's limits of the count x.
     *
     * @throws IllegalArgumentException if x &lt; 0
     */
    public static Interval of(long x, ConfidenceLevel level) {
        if (x < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + x);
        }
        double z = level.z();
        double lower = 0;
        if (x > 0) {
            double base = 1 - 1 / (9.0 * x) - z / (3 * Math.sqrt(x));
            lower = base <= 0 ? 0 : x * base * base * base;
        }
        double x1 = x + 1.0;
        double upperBase = 1 - 1 / (9 * x1) + z / (3 * Math.sqrt(x1));
        double upper = x1 * upperBase * upperBase * upperBase;
        return new Interval(lower, upper);
    }
}
