package uk.nhs.mhe.indicator.stats;

/**
 * Confidence limits of an observed count as Fingertips and PHEindicatormethods compute them
 * for crude rates: exact Poisson limits ({@link ExactPoissonInterval}) when x &lt; 10, Byar's
 * approximation ({@link ByarInterval}) when x &ge; 10.
 *
 * <p>Source: PHEindicatormethods {@code phe_rate} (method "byars" switches to exact below 10
 * events); Fingertips technical guidance, "Confidence intervals for counts and rates".
 */
public final class PoissonCountInterval {

    /** Counts below this use exact limits; counts at or above it use Byar's method. */
    public static final long EXACT_BELOW = 10;

    private PoissonCountInterval() {
    }

    /** Whether the count x is given exact limits (x &lt; 10) rather than Byar's. */
    public static boolean usesExactMethod(long x) {
        return x < EXACT_BELOW;
    }

    /**
     * Limits of the count x: exact when x &lt; 10, Byar otherwise.
     *
     * @throws IllegalArgumentException if x &lt; 0
     */
    public static Interval of(long x, ConfidenceLevel level) {
        return usesExactMethod(x) ? ExactPoissonInterval.of(x, level) : ByarInterval.of(x, level);
    }
}
