package uk.nhs.mhe.indicator.stats;

import java.util.Collection;
import java.util.Objects;

/**
 * Funnel plot control limits (95% and 99.8%) around the overall average, for one denominator N.
 *
 * <h2>Proportions (PHE)</h2>
 * With a = Σx/Σn over the areas and q = z²:
 * <pre>
 *   A = a(N/q + 1)
 *   D = √(64A² − 64(1/q + 1/N)·a·(N(a(N/q + 2) − 1) + q(a − 1)))
 *   limit = ((A ∓ D/8) / (1/q + 1/N)) / N,  × 100, clipped to [0, 100]
 * </pre>
 * Source: PHEindicatormethods {@code sigma_adjustment} (used by {@code phe_funnels} /
 * {@code calculate_funnel_limits}, statistic "proportion"); Fingertips technical guidance,
 * "Funnel plots".
 *
 * <h2>Rates</h2>
 * The four lines of {@link RateFunnel} (PHEindicatormethods, {@code statistic = "rate"}) evaluated
 * at N: the rate k/N of the real count k that lies on each line there. Rates are not control
 * limits around the expected count a·N, and an area's position is decided by its own interval
 * ({@link RateFunnel#significance}), not by these lines; see {@link RateFunnel} for why.
 *
 * @param denominator N
 * @param baseline the average a × multiplier
 * @param ci95 the 95% (two-sided, 0.025 each side) limits × multiplier
 * @param ci998 the 99.8% (0.001 each side) limits × multiplier
 */
public record FunnelLimits(double denominator, double baseline, Interval ci95, Interval ci998) {

    /**
     * The average Σx / Σn of the areas: the funnel's baseline before the multiplier. For a DSR
     * funnel n is each area's derived population ({@link RateFunnel#dsrObservation}), as in
     * PHEindicatormethods.
     *
     * @throws IllegalArgumentException if there is no area or Σn = 0
     */
    public static double average(Collection<Observation> areas) {
        Objects.requireNonNull(areas, "areas");
        long events = 0;
        double denominators = 0;
        for (Observation area : areas) {
            events += area.numerator();
            denominators += area.denominator();
        }
        if (!(denominators > 0)) {
            throw new IllegalArgumentException("funnel needs a positive total denominator");
        }
        return (double) events / denominators;
    }

    /**
     * Proportion limits, as percentages, for denominator N around the average proportion a.
     *
     * @param average a = Σx/Σn, between 0 and 1
     * @param denominator N &gt; 0
     */
    public static FunnelLimits forProportions(double average, double denominator) {
        if (!(average >= 0 && average <= 1)) {
            throw new IllegalArgumentException("average proportion must be within [0, 1]: " + average);
        }
        requirePositive(denominator);
        return new FunnelLimits(denominator, average * Proportion.PERCENT,
                proportionLimits(average, denominator, ConfidenceLevel.NINETY_FIVE),
                proportionLimits(average, denominator, ConfidenceLevel.NINETY_NINE_POINT_EIGHT));
    }

    /** Proportion limits for denominator N around the average of {@code areas}. */
    public static FunnelLimits forProportions(Collection<Observation> areas, double denominator) {
        return forProportions(average(areas), denominator);
    }

    /**
     * The rate funnel's lines per {@code multiplier} at denominator N around the average rate a
     * ({@link RateFunnel#at}).
     *
     * @param average a = Σx/Σn (events per person), &ge; 0
     * @param denominator N &gt; 0
     * @param multiplier e.g. 100,000
     */
    public static FunnelLimits forRates(double average, double denominator, double multiplier) {
        return RateFunnel.of(average, multiplier).at(denominator);
    }

    /** Rate limits per 100,000 for denominator N around the average of {@code areas}. */
    public static FunnelLimits forRates(Collection<Observation> areas, double denominator) {
        return forRates(average(areas), denominator, CrudeRate.PER_100_000);
    }

    /** The interval for {@code level}. */
    public Interval interval(ConfidenceLevel level) {
        return level == ConfidenceLevel.NINETY_FIVE ? ci95 : ci998;
    }

    /**
     * Where a value (in the limits' units) lies against these limits, strictly outside counting
     * as outside — PHEindicatormethods {@code assign_funnel_significance}'s rule for proportions,
     * where the area's proportion is compared with the limits at its own denominator. (Clipping
     * the limits to [0, 100] changes nothing here: no proportion lies beyond them.) Not the rule
     * for rates, which compare the area's own interval with the average:
     * {@link RateFunnel#significance}.
     */
    public FunnelSignificance significance(double value) {
        if (value < ci998.lower()) {
            return FunnelSignificance.LOW_0_001;
        }
        if (value < ci95.lower()) {
            return FunnelSignificance.LOW_0_025;
        }
        if (value > ci998.upper()) {
            return FunnelSignificance.HIGH_0_001;
        }
        if (value > ci95.upper()) {
            return FunnelSignificance.HIGH_0_025;
        }
        return FunnelSignificance.NOT_SIGNIFICANT;
    }

    private static Interval proportionLimits(double a, double n, ConfidenceLevel level) {
        double q = level.z() * level.z();
        double bigA = a * (n / q + 1);
        double last = 1 / q + 1 / n;
        double radicand = 64 * bigA * bigA - 64 * last * a * (n * (a * (n / q + 2) - 1) + q * (a - 1));
        double d = Math.sqrt(Math.max(0, radicand));
        double lower = (bigA - d / 8) / last / n * Proportion.PERCENT;
        double upper = (bigA + d / 8) / last / n * Proportion.PERCENT;
        return new Interval(clipPercent(lower), clipPercent(upper));
    }

    private static double clipPercent(double value) {
        return Math.min(Proportion.PERCENT, Math.max(0, value));
    }

    private static void requirePositive(double denominator) {
        if (!(denominator > 0) || Double.isInfinite(denominator)) {
            throw new IllegalArgumentException("denominator must be > 0: " + denominator);
        }
    }
}
