package uk.nhs.mhe.indicator.compute;

/**
 * One calculated value: an indicator for an area, period, breakdown and group, with its 95% and
 * 99.8% limits and its ratio to the breakdown's reference group (95%). Values and limits are
 * {@code null} when not computed (no population for the group, or no events for a ratio).
 */
public record IndicatorValue(String indicatorId, String area, String period, String breakdown, String group,
        long numerator, Double denominator, Double value, Double lower95, Double upper95, Double lower998,
        Double upper998, Double ratio, Double ratioLower95, Double ratioUpper95) {
}
