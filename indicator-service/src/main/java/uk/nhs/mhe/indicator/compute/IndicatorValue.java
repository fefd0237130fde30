package uk.nhs.mhe.indicator.compute;

/**
 * One calculated value: an indicator for an area, period, breakdown and group, with its 95% and
 * 99.8% limits and its comparison with the breakdown's reference group (a ratio for rates, a
 * difference in percentage points for proportions, with its 95% interval). Values and limits
 * are {@code null} when not computed (no population for the group, a DSR below 10 events, no
 * events for a ratio). {@code referenceGroup} is null for the reference group itself and for
 * breakdowns without one.
 */
public record IndicatorValue(String indicatorId, String area, String period, String periodType, String breakdown,
        String group, long numerator, Double denominator, Double value, Double lower95, Double upper95,
        Double lower998, Double upper998, String referenceGroup, Double comparison, Double comparisonLower95,
        Double comparisonUpper95) {
}
