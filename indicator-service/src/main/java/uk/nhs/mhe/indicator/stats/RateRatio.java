package uk.nhs.mhe.indicator.stats;

import java.util.Objects;
import java.util.Optional;

/**
 * Ratio of a group's rate to the reference group's rate, with 95% and 99.8% limits on the log
 * scale.
 *
 * <p>Crude rates r₁ = O₁/n₁ and r₀ = O₀/n₀:
 * <pre>
 *   RR = r₁ / r₀
 *   limits = exp(ln RR ∓ z·√(1/O₁ + 1/O₀))          not computed when O₁ or O₀ is 0
 * </pre>
 * Directly standardised rates, with SE(ln DSR) = √var / DSR for each:
 * <pre>
 *   limits = exp(ln RR ∓ z·√(SE₁² + SE₀²))          not computed when either DSR is not
 * </pre>
 *
 * <p>Source: the usual log-normal interval for a ratio of Poisson rates (Rothman KJ,
 * Modern Epidemiology; Fingertips technical guidance, "Comparing rates"). PHEindicatormethods
 * has no rate-ratio function; this follows the same style.
 *
 * <p>Worked example (indicators.md): 48 per 120,000 vs 210 per 1,500,000 → 2.857143, 95%:
 * 2.088105 to 3.909413.
 *
 * @param value RR
 * @param ci95 95% limits
 * @param ci998 99.8% limits
 */
public record RateRatio(double value, Interval ci95, Interval ci998) {

    /**
     * Ratio of the crude rate O₁/n₁ to the reference O₀/n₀; empty when either count is 0.
     *
     * @throws IllegalArgumentException if a count is negative or a denominator not positive
     */
    public static Optional<RateRatio> ofCrude(long o1, double n1, long o0, double n0) {
        validate(o1, n1);
        validate(o0, n0);
        if (o1 == 0 || o0 == 0) {
            return Optional.empty();
        }
        double ratio = (o1 / n1) / (o0 / n0);
        double se = Math.sqrt(1.0 / o1 + 1.0 / o0);
        return Optional.of(new RateRatio(ratio, logInterval(ratio, se, ConfidenceLevel.NINETY_FIVE),
                logInterval(ratio, se, ConfidenceLevel.NINETY_NINE_POINT_EIGHT)));
    }

    /**
     * Ratio of a group's DSR to the reference group's DSR (same multiplier). Pass the results of
     * {@link DirectlyStandardisedRate#of}; when either is empty (fewer than 10 events) the ratio
     * is not computed.
     */
    public static Optional<RateRatio> ofStandardised(Optional<DirectlyStandardisedRate> group,
                                                      Optional<DirectlyStandardisedRate> reference) {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(reference, "reference");
        if (group.isEmpty() || reference.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ofStandardised(group.get(), reference.get()));
    }

    /**
     * Ratio of a group's DSR to the reference group's DSR.
     *
     * @throws IllegalArgumentException if the two DSRs use different multipliers
     */
    public static RateRatio ofStandardised(DirectlyStandardisedRate group, DirectlyStandardisedRate reference) {
        if (group.multiplier() != reference.multiplier()) {
            throw new IllegalArgumentException("DSRs with different multipliers: "
                    + group.multiplier() + ", " + reference.multiplier());
        }
        double ratio = group.value() / reference.value();
        double se1 = group.standardErrorOfLog();
        double se0 = reference.standardErrorOfLog();
        double se = Math.sqrt(se1 * se1 + se0 * se0);
        return new RateRatio(ratio, logInterval(ratio, se, ConfidenceLevel.NINETY_FIVE),
                logInterval(ratio, se, ConfidenceLevel.NINETY_NINE_POINT_EIGHT));
    }

    private static Interval logInterval(double ratio, double seLog, ConfidenceLevel level) {
        double log = Math.log(ratio);
        double half = level.z() * seLog;
        return new Interval(Math.exp(log - half), Math.exp(log + half));
    }

    private static void validate(long count, double denominator) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + count);
        }
        if (!(denominator > 0) || Double.isInfinite(denominator)) {
            throw new IllegalArgumentException("denominator must be > 0: " + denominator);
        }
    }

    /** The interval for {@code level}. */
    public Interval interval(ConfidenceLevel level) {
        return level == ConfidenceLevel.NINETY_FIVE ? ci95 : ci998;
    }
}
