package uk.nhs.mhe.indicator.stats;

/**
 * A numerator and denominator for one area, group or period: the input of funnel plots and
 * recent trends.
 *
 * @param numerator the count of events or people, {@code >= 0}
 * @param denominator the population or the count of people at risk, {@code >= 0} and finite
 */
public record Observation(long numerator, double denominator) {

    public Observation {
        if (numerator < 0) {
            throw new IllegalArgumentException("numerator must be >= 0: " + numerator);
        }
        if (!(denominator >= 0) || Double.isInfinite(denominator)) {
            throw new IllegalArgumentException("denominator must be finite and >= 0: " + denominator);
        }
    }
}
