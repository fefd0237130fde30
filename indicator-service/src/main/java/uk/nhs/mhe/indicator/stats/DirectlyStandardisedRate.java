package uk.nhs.mhe.indicator.stats;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Directly standardised rate (DSR) with Dobson confidence limits.
 *
 * <p>Over strata i with counts xᵢ, populations nᵢ and standard weights wᵢ:
 * <pre>
 *   DSR = Σ(xᵢ·wᵢ/nᵢ) / Σwᵢ × multiplier
 *   var = Σ xᵢ·(wᵢ/nᵢ)² / (Σwᵢ)²                  (variance of the rate per 1)
 *   O   = Σxᵢ
 *   limits = DSR + √(var/O) · (O_L − O) × multiplier   and likewise with O_U
 * </pre>
 * where O_L and O_U are Byar's limits of O ({@link ByarInterval}). The DSR is not computed
 * (reported as not applicable) when O &lt; 10.
 *
 * <p>A stratum with no population (nᵢ = 0) is left out of every sum, its weight and its count
 * included: the rate, the variance and O then all describe the same strata, which Dobson's
 * method needs. Weights are usually ESP2013 ({@link Esp2013}).
 *
 * <p>Source: PHEindicatormethods {@code phe_dsr} / {@code calculate_dsr} (Dobson method);
 * Dobson AJ et al. (1991), Stat Med 10:457–462; Fingertips technical guidance, "Directly
 * standardised rates".
 *
 * <p>Worked example (indicators.md, PHEindicatormethods test data) → 10430.247991, 95%:
 * 9717.709068 to 11178.940915.
 *
 * @param observed O = Σxᵢ over the strata with a population
 * @param multiplier e.g. 100,000
 * @param value the DSR per multiplier
 * @param variance the variance of the DSR on the multiplier scale (var × multiplier²)
 * @param ci95 95% Dobson limits per multiplier
 * @param ci998 99.8% Dobson limits per multiplier
 */
public record DirectlyStandardisedRate(long observed, double multiplier, double value, double variance,
                                       Interval ci95, Interval ci998) {

    /** A DSR needs at least this many events; below it the value is not applicable. */
    public static final long MIN_OBSERVED = 10;

    /**
     * One stratum (e.g. an age band × sex).
     *
     * @param count xᵢ, the events, {@code >= 0}
     * @param population nᵢ, {@code >= 0}; 0 means the stratum has no population and is left out
     * @param weight wᵢ, the standard population weight, {@code >= 0}
     */
    public record Stratum(long count, double population, double weight) {
        public Stratum {
            if (count < 0) {
                throw new IllegalArgumentException("stratum count must be >= 0: " + count);
            }
            if (!(population >= 0) || Double.isInfinite(population)) {
                throw new IllegalArgumentException("stratum population must be finite and >= 0: " + population);
            }
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("stratum weight must be finite and >= 0: " + weight);
            }
        }
    }

    /**
     * The DSR over {@code strata} per {@code multiplier}, or empty when O &lt; 10 (not
     * applicable), which includes having no stratum with a population.
     *
     * @throws IllegalArgumentException if multiplier &le; 0
     */
    public static Optional<DirectlyStandardisedRate> of(List<Stratum> strata, double multiplier) {
        Objects.requireNonNull(strata, "strata");
        if (!(multiplier > 0)) {
            throw new IllegalArgumentException("multiplier must be > 0: " + multiplier);
        }
        double weightedRates = 0;
        double weightedVariance = 0;
        double totalWeight = 0;
        long observed = 0;
        for (Stratum stratum : strata) {
            if (stratum.population() == 0) {
                continue;
            }
            double w = stratum.weight() / stratum.population();
            weightedRates += stratum.count() * w;
            weightedVariance += stratum.count() * w * w;
            totalWeight += stratum.weight();
            observed += stratum.count();
        }
        if (observed < MIN_OBSERVED || totalWeight == 0) {
            return Optional.empty();
        }
        double rate = weightedRates / totalWeight;
        double variance = weightedVariance / (totalWeight * totalWeight);
        return Optional.of(new DirectlyStandardisedRate(observed, multiplier, rate * multiplier,
                variance * multiplier * multiplier,
                dobson(rate, variance, observed, ConfidenceLevel.NINETY_FIVE, multiplier),
                dobson(rate, variance, observed, ConfidenceLevel.NINETY_NINE_POINT_EIGHT, multiplier)));
    }

    /** The DSR per 100,000, or empty when O &lt; 10. */
    public static Optional<DirectlyStandardisedRate> per100k(List<Stratum> strata) {
        return of(strata, CrudeRate.PER_100_000);
    }

    private static Interval dobson(double rate, double variance, long observed, ConfidenceLevel level,
                                   double multiplier) {
        Interval byar = ByarInterval.of(observed, level);
        double scale = Math.sqrt(variance / observed);
        return new Interval((rate + scale * (byar.lower() - observed)) * multiplier,
                (rate + scale * (byar.upper() - observed)) * multiplier);
    }

    /** The interval for {@code level}. */
    public Interval interval(ConfidenceLevel level) {
        return level == ConfidenceLevel.NINETY_FIVE ? ci95 : ci998;
    }

    /**
     * Standard error of ln DSR: √var / DSR (scale-free), used by
     * {@link RateRatio#ofStandardised}.
     */
    public double standardErrorOfLog() {
        return Math.sqrt(variance) / value;
    }
}
