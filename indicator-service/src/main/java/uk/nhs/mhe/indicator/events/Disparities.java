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

    private static final java.util.Map<String, uk.nhs.mhe.indicator.compute.Breakdown> BREAKDOWNS =
            uk.nhs.mhe.indicator.compute.Breakdown.all(uk.nhs.mhe.reference.ReferenceData.get());

    /**
     * The groups of {@code rows} (one area's values) with a disparity, in the order of {@code rows}.
     * Only disparities the public view shows are named: the event reaches services whose users
     * may not see suppressed figures, and a significant comparison says a hidden count is not 0.
     */
    public static List<DisparityGroup> in(Indicator indicator, List<IndicatorValue> rows) {
        double nullValue = comparison(indicator) == Indicator.Comparison.RATIO ? 1 : 0;
        java.util.Map<String, java.util.Set<String>> hidden = new java.util.HashMap<>();
        rows.stream().collect(java.util.stream.Collectors.groupingBy(IndicatorValue::breakdown))
                .forEach((breakdown, values) -> {
                    uk.nhs.mhe.indicator.compute.Breakdown b = BREAKDOWNS.get(breakdown);
                    hidden.put(breakdown, b == null ? java.util.Set.of() : uk.nhs.mhe.indicator.query.PublicView
                            .groupsHiddenInPublic(indicator, b, values.get(0).area(), values));
                });
        List<DisparityGroup> result = new ArrayList<>();
        for (IndicatorValue v : rows) {
            Interval ci95 = interval(v);
            java.util.Set<String> hiddenHere = hidden.getOrDefault(v.breakdown(), java.util.Set.of());
            if (v.referenceGroup() != null && ci95 != null && !hiddenHere.contains(v.group())
                    && !hiddenHere.contains(v.referenceGroup())
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
