package uk.nhs.mhe.indicator.stats;

import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.statistics.distribution.GammaDistribution;

/**
 * A funnel plot of a crude rate or a directly standardised rate over areas, as
 * PHEindicatormethods {@code calculate_funnel_limits} and {@code assign_funnel_significance}
 * with {@code statistic = "rate"} compute it (indicators.md, "Funnel plot limits").
 *
 * <p>Fingertips and PHEindicatormethods do not draw control limits around an expected count
 * a·N for rates. They ask instead whether each area's own rate, with its own confidence interval,
 * is compatible with the average, and draw the lines where an area with k events would only just
 * be. That is what readers of a Fingertips funnel are used to, and it is the only definition that
 * also works for a DSR, which has no single population of its own. Keeping PHE's definition
 * exactly (rather than a close cousin) lets the published test vectors check us row for row.
 *
 * <h2>Average</h2>
 * a = Σx / ΣD over the areas. D is the population for a crude rate; for a DSR it is PHE's
 * {@code denominator_derived} = x × multiplier / DSR, the population at which a crude rate equal
 * to the DSR would have x events. A DSR of 0 events has no derived population and counts only
 * through Σx ({@link #dsrObservation}).
 *
 * <h2>Significance of an area</h2>
 * The area's 95% and 99.8% limits of its count x ({@link PoissonCountInterval}: exact below 10
 * events, Byar's from 10, as PHE's {@code funnel_ratio_significance}), divided by its D, are
 * compared with a: a &lt; lower99.8/D is {@link FunnelSignificance#HIGH_0_001}, then 95%; a &gt;
 * upper99.8/D is {@link FunnelSignificance#LOW_0_001}, then 95%; otherwise not significant
 * (strict inequalities, in PHE's order). DSRs of fewer than 10 events are not assessed.
 *
 * <h2>Lines</h2>
 * For k events, the lower line passes through (P, k/P) where P = λ/a and λ is the mean at which
 * P(X &le; k | λ) = p, i.e. k's exact upper limit equals a·P ({@code poisson_funnel(k, p,
 * "high") / a}); the upper line through (P, k/P) with P(X &ge; k | λ) = p, k's exact lower
 * limit ({@code poisson_funnel(k, p, "low") / a}); p = 0.025 for 95%, 0.001 for 99.8%.
 * {@link #atEvents} gives PHE's row for one k, with PHE's own bisection and stopping rule, so
 * that it reproduces {@code calculate_funnel_limits}' table to its printed precision.
 *
 * <p>A plot with one denominator per point ({@link #at}) needs each line's value at a given
 * population N, and the four lines of one k lie at four different populations. So each line is
 * evaluated at N by solving for the real count k whose exact limit equals a·N: Q(k + 1, aN) = p
 * for the lower line, P(k, aN) = p for the upper (regularised incomplete gamma functions, the
 * continuous form of the Poisson tails). At whole k this is exactly PHE's point; between them it
 * follows the same curve rather than the straight segments PHE's plot draws between its 100
 * chosen counts. It is solved to double precision, so at PHE's populations it agrees with PHE's
 * rates to the about 2 × 10⁻⁷ relative error of PHE's bisection.
 *
 * <p>As in PHE, the lines use exact limits at every k while an area's significance uses Byar's
 * approximation from 10 events: a point drawn a hair inside a line can be flagged outside it (or
 * the reverse). The difference is largest at 10 events (Byar's 99.8% lower limit of 10 is 1.5%
 * below the exact one, its 95% lower limit 0.2%) and falls quickly with k (0.1% at 50 events).
 */
public final class RateFunnel {

    /** Stopping rule of PHE's {@code poisson_funnel}: bisect until the step on v is at most this. */
    private static final double PHE_BISECTION_STEP = 1e-7;

    private final double average;
    private final double multiplier;

    private RateFunnel(double average, double multiplier) {
        this.average = average;
        this.multiplier = multiplier;
    }

    /**
     * The funnel around an average rate.
     *
     * @param average a = Σx/ΣD, events per person, &ge; 0 and finite
     * @param multiplier e.g. 100,000; the rates of the lines and the baseline are per multiplier
     */
    public static RateFunnel of(double average, double multiplier) {
        if (!(average >= 0) || Double.isInfinite(average)) {
            throw new IllegalArgumentException("average rate must be finite and >= 0: " + average);
        }
        if (!(multiplier > 0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be > 0: " + multiplier);
        }
        return new RateFunnel(average, multiplier);
    }

    /**
     * The funnel around the average of {@code areas} (numerator x, denominator D; for DSRs see
     * {@link #dsrObservation}).
     */
    public static RateFunnel of(Collection<Observation> areas, double multiplier) {
        return of(FunnelLimits.average(areas), multiplier);
    }

    /**
     * PHE's {@code denominator_derived}: the population x × multiplier / rate at which a crude
     * rate equal to {@code rate} would have x events.
     *
     * @throws IllegalArgumentException unless x &gt; 0 and rate &gt; 0
     */
    public static double derivedPopulation(long events, double rate, double multiplier) {
        if (events <= 0) {
            throw new IllegalArgumentException("a derived population needs events > 0: " + events);
        }
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("a derived population needs a rate > 0: " + rate);
        }
        return events * multiplier / rate;
    }

    /**
     * A DSR area's contribution to the average: (x, x × multiplier / DSR), or empty when x = 0
     * (no derived population; Σx is unchanged without it) or the DSR is not computed.
     */
    public static Optional<Observation> dsrObservation(long events, Double dsr, double multiplier) {
        if (events <= 0 || dsr == null || !(dsr > 0)) {
            return Optional.empty();
        }
        return Optional.of(new Observation(events, derivedPopulation(events, dsr, multiplier)));
    }

    /** a, events per person. */
    public double average() {
        return average;
    }

    /** The multiplier of the rates. */
    public double multiplier() {
        return multiplier;
    }

    /** The average per multiplier: the funnel's centre line. */
    public double baseline() {
        return average * multiplier;
    }

    /**
     * Where an area of x events in population D lies: its own interval of x, divided by D,
     * against the average. For a crude rate D is the population (PHE derives it from the rate,
     * which gives the same number).
     */
    public FunnelSignificance significance(long events, double population) {
        if (events < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + events);
        }
        requirePositive(population);
        Interval c998 = PoissonCountInterval.of(events, ConfidenceLevel.NINETY_NINE_POINT_EIGHT);
        Interval c95 = PoissonCountInterval.of(events, ConfidenceLevel.NINETY_FIVE);
        if (average < c998.lower() / population) {
            return FunnelSignificance.HIGH_0_001;
        }
        if (average < c95.lower() / population) {
            return FunnelSignificance.HIGH_0_025;
        }
        if (average > c998.upper() / population) {
            return FunnelSignificance.LOW_0_001;
        }
        if (average > c95.upper() / population) {
            return FunnelSignificance.LOW_0_025;
        }
        return FunnelSignificance.NOT_SIGNIFICANT;
    }

    /**
     * Where a DSR of x events lies: not applicable below 10 events, otherwise
     * {@link #significance} at the derived population x × multiplier / DSR.
     *
     * @param dsr the DSR per multiplier (required from 10 events)
     */
    public FunnelSignificance significanceOfDsr(long events, Double dsr) {
        if (events < DirectlyStandardisedRate.MIN_OBSERVED) {
            return FunnelSignificance.NOT_APPLICABLE;
        }
        Objects.requireNonNull(dsr, "a DSR of 10 or more events has a value");
        return significance(events, derivedPopulation(events, dsr, multiplier));
    }

    /** One point of a line: the population (all years together) and the rate per multiplier. */
    public record LinePoint(double population, double rate) {
    }

    /**
     * PHE's row of {@code calculate_funnel_limits} for k events (before its division of the
     * populations by the years of data).
     */
    public record EventLimits(long events, LinePoint lower95, LinePoint upper95, LinePoint lower998,
            LinePoint upper998) {
    }

    /**
     * The points of the four lines for k events, exactly as PHE computes them.
     *
     * @param events k &ge; 1 (PHE's lines start at one event)
     * @throws IllegalStateException when the average is 0 (every line's population is infinite)
     */
    public EventLimits atEvents(long events) {
        if (events < 1) {
            throw new IllegalArgumentException("lines are drawn from one event: " + events);
        }
        if (!(average > 0)) {
            throw new IllegalStateException("a funnel around a zero average has no line populations");
        }
        return new EventLimits(events,
                linePoint(events, poissonFunnel(events, ConfidenceLevel.NINETY_FIVE.tailProbability(), Side.HIGH)),
                linePoint(events, poissonFunnel(events, ConfidenceLevel.NINETY_FIVE.tailProbability(), Side.LOW)),
                linePoint(events, poissonFunnel(events,
                        ConfidenceLevel.NINETY_NINE_POINT_EIGHT.tailProbability(), Side.HIGH)),
                linePoint(events, poissonFunnel(events,
                        ConfidenceLevel.NINETY_NINE_POINT_EIGHT.tailProbability(), Side.LOW)));
    }

    private LinePoint linePoint(long events, double lambda) {
        double population = lambda / average;
        return new LinePoint(population, events / population * multiplier);
    }

    /**
     * The four lines' rates (per multiplier) at population N: the rate k/N of the real count k
     * that lies on each line at N.
     *
     * @param population N &gt; 0
     */
    public FunnelLimits at(double population) {
        requirePositive(population);
        double lambda = average * population;
        double factor = multiplier / population;
        return new FunnelLimits(population, baseline(),
                lines(lambda, ConfidenceLevel.NINETY_FIVE, factor),
                lines(lambda, ConfidenceLevel.NINETY_NINE_POINT_EIGHT, factor));
    }

    private static Interval lines(double lambda, ConfidenceLevel level, double factor) {
        double p = level.tailProbability();
        return new Interval(lowerLineCount(lambda, p) * factor, upperLineCount(lambda, p) * factor);
    }

    /**
     * The real count k whose exact upper limit is λ: Q(k + 1, λ) = p, which rises with k; 0 when
     * even no event's upper limit (−ln p) reaches λ, where the lower line is at 0.
     */
    static double lowerLineCount(double lambda, double p) {
        if (Math.exp(-lambda) >= p) {
            return 0;
        }
        double lo = 1;
        double hi = lambda + 1;
        while (upperTail(hi, lambda) < p) {
            lo = hi;
            hi *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
            double mid = (lo + hi) / 2;
            if (upperTail(mid, lambda) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2 - 1;
    }

    /** The real count k whose exact lower limit is λ: P(k, λ) = p, which falls from 1 as k grows. */
    static double upperLineCount(double lambda, double p) {
        if (lambda == 0) {
            return 0;
        }
        double lo = 0;
        double hi = lambda + 1;
        while (lowerTail(hi, lambda) > p) {
            lo = hi;
            hi *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
            double mid = (lo + hi) / 2;
            if (lowerTail(mid, lambda) > p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** Regularised lower incomplete gamma P(s, λ): P(X &ge; s | λ) for whole s. */
    private static double lowerTail(double shape, double lambda) {
        return GammaDistribution.of(shape, 1).cumulativeProbability(lambda);
    }

    /** Regularised upper incomplete gamma Q(s, λ): P(X &le; s − 1 | λ) for whole s. */
    private static double upperTail(double shape, double lambda) {
        return GammaDistribution.of(shape, 1).survivalProbability(lambda);
    }

    enum Side { LOW, HIGH }

    /**
     * PHEindicatormethods {@code poisson_funnel(obs, p, side)}: the mean λ at which the count
     * sits at tail probability p; LOW finds P(X &ge; obs | λ) = p (obs's exact lower limit), HIGH
     * P(X &le; obs | λ) = p (its exact upper limit). Same bisection as PHE — on v ∈ (0, 1) with
     * λ = (1 + obs)·v/(1 − v), halving the step from 0.5 while it exceeds 10⁻⁷ — with the
     * Poisson tails summed by PHE's {@code poisson_cis} taken as incomplete gamma functions
     * instead (equal to about 10⁻¹⁰, far below the bisection's step).
     */
    static double poissonFunnel(long obs, double p, Side side) {
        if (obs < (side == Side.LOW ? 1 : 0)) {
            throw new IllegalArgumentException("poisson_funnel needs obs >= 1 (low) or >= 0 (high): " + obs);
        }
        double v = 0.5;
        double dv = 0.5;
        while (dv > PHE_BISECTION_STEP) {
            dv /= 2;
            double lambda = (1 + obs) * v / (1 - v);
            boolean tooHigh = side == Side.LOW
                    ? lowerTail(obs, lambda) > p           // P(X >= obs | λ) rises with λ
                    : upperTail(obs + 1.0, lambda) < p;    // P(X <= obs | λ) falls with λ
            v = tooHigh ? v - dv : v + dv;
        }
        return (1 + obs) * v / (1 - v);
    }

    private static void requirePositive(double population) {
        if (!(population > 0) || Double.isInfinite(population)) {
            throw new IllegalArgumentException("population must be > 0: " + population);
        }
    }
}
