package uk.nhs.mhe.indicator.events;

import uk.nhs.mhe.indicator.catalogue.Indicator;
import uk.nhs.mhe.indicator.compute.IndicatorValue;
import uk.nhs.mhe.indicator.events.IndicatorValuesChanged.DisparityGroup;
import uk.nhs.mhe.indicator.stats.Disparity;
import uk.nhs.mhe.indicator.stats.Interval;

import java.util.ArrayList;
import java.util.List;

/**
 * Which groups of an area show a disparity (indicators.md, "Comparison with the benchmark"): the
 * 95% interval of the group's ratio (rates) or difference (proportions) to its reference group
 * excludes 1 (or 0) in the direction the indicator's polarity calls worse. The rule itself is
 * {@link Disparity}'s; this only reads it off stored values. Pure.
 */
public final class Disparities {

    private Disparities() {
    }

    /** The groups of {@code rows} (one area's values) with a disparity, in the order of {@code rows}. */
    public static List<DisparityGroup> in(Indicator indicator, List<IndicatorValue> rows) {
        double nullValue = comparison(indicator) == Indicator.Comparison.RATIO ? 1 : 0;
        List<DisparityGroup> result = new ArrayList<>();
        for (IndicatorValue v : rows) {
            Interval ci95 = interval(v);
            if (v.referenceGroup() != null && ci95 != null
                    && Disparity.isDisparity(ci95, nullValue, indicator.polarity())) {
                result.add(new DisparityGroup(v.breakdown(), v.group()));
            }
        }
        return result;
    }

    /** The catalogue names it; a catalogue entry without one compares rates by ratio, proportions by difference. */
    private static Indicator.Comparison comparison(Indicator indicator) {
        if (indicator.comparison() != null) {
            return indicator.comparison();
        }
        return indicator.isRate() ? Indicator.Comparison.RATIO : Indicator.Comparison.DIFFERENCE;
    }

    /** The comparison's 95% interval, or null when it was not computed (no events, no reference). */
    private static Interval interval(IndicatorValue v) {
        Double lower = v.comparisonLower95();
        Double upper = v.comparisonUpper95();
        if (lower == null || upper == null || !Double.isFinite(lower) || !Double.isFinite(upper) || lower > upper) {
            return null;
        }
        return new Interval(lower, upper);
    }
}
