package uk.nhs.mhe.indicator.compute;

import uk.nhs.mhe.indicator.stats.DirectlyStandardisedRate;

/**
 * One calculated value: an indicator for an area, period, breakdown and group, with its 95% and
 * 99.8% limits and its comparison with the breakdown's reference group (a ratio for rates, a
 * difference in percentage points for proportions, with its 95% interval). Values and limits
 * are {@code null} when not computed (no population for the group, a DSR below 10 events, no
 * events for a ratio). {@code referenceGroup} is null for the reference group itself and for
 * breakdowns without one.
 * <p>
 * {@code publicDsr} is the DSR the public view shows, calculated from the strata's counts
 * randomly rounded to base 5 (disclosure control: a DSR from exact strata would give combinations
 * of exact counts back); null for other calculations and where fewer than 10 rounded events.
 * Crude rates and proportions need no such field: their public figures follow from the public
 * counts at query time.
 */
public record IndicatorValue(String indicatorId, String area, String period, String periodType, String breakdown,
        String group, long numerator, Double denominator, Double value, Double lower95, Double upper95,
        Double lower998, Double upper998, String referenceGroup, Double comparison, Double comparisonLower95,
        Double comparisonUpper95, DirectlyStandardisedRate publicDsr) {

    /** A value without a public DSR (crude rates, proportions). */
    public IndicatorValue(String indicatorId, String area, String period, String periodType, String breakdown,
            String group, long numerator, Double denominator, Double value, Double lower95, Double upper95,
            Double lower998, Double upper998, String referenceGroup, Double comparison, Double comparisonLower95,
            Double comparisonUpper95) {
        this(indicatorId, area, period, periodType, breakdown, group, numerator, denominator, value, lower95, upper95,
                lower998, upper998, referenceGroup, comparison, comparisonLower95, comparisonUpper95, null);
    }
}
