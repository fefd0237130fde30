package uk.nhs.mhe.indicator.events;

import uk.nhs.mhe.indicator.catalogue.Indicator;
import uk.nhs.mhe.indicator.compute.Breakdown;
import uk.nhs.mhe.indicator.compute.IndicatorValue;
import uk.nhs.mhe.indicator.events.IndicatorValuesChanged.DisparityGroup;
import uk.nhs.mhe.indicator.query.PublicView;
import uk.nhs.mhe.indicator.stats.Disparity;
import uk.nhs.mhe.indicator.stats.Interval;
import uk.nhs.mhe.reference.ReferenceData;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which groups of an area show a disparity (indicators.md, "Comparison with the benchmark"): the
 * 95% interval of the group's ratio (rates) or difference (proportions) to its reference group
 * excludes 1 (or 0) in the direction the indicator's polarity calls worse. The rule itself is
 * {@link Disparity}'s. Pure.
 * <p>
 * The comparisons are the public view's ({@link PublicView}: calculated from published counts):
 * the event reaches services whose users need not hold the {@code assurance} role, so it names
 * only what the public pages show.
 */
public final class Disparities {

    private static final Map<String, Breakdown> BREAKDOWNS = Breakdown.all(ReferenceData.get());

    private Disparities() {
    }

    /** The groups of {@code rows} (one area's values) with a disparity, in the order of {@code rows}. */
    public static List<DisparityGroup> in(Indicator indicator, List<IndicatorValue> rows) {
        double nullValue = comparison(indicator) == Indicator.Comparison.RATIO ? 1 : 0;
        Map<String, PublicView> views = PublicViews.byBreakdown(indicator, rows, BREAKDOWNS);
        List<DisparityGroup> result = new ArrayList<>();
        for (IndicatorValue v : rows) {
            PublicView view = views.get(v.breakdown());
            PublicView.Comparison c = view == null ? null : view.comparison(v);
            Interval ci95 = c == null ? null : c.ci95();
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

    /** Public views of one area's rows, one per breakdown. */
    static final class PublicViews {
        private PublicViews() {
        }

        static Map<String, PublicView> byBreakdown(Indicator indicator, List<IndicatorValue> rows,
                Map<String, Breakdown> breakdowns) {
            Map<String, List<IndicatorValue>> grouped = new LinkedHashMap<>();
            rows.forEach(v -> grouped.computeIfAbsent(v.breakdown(), k -> new ArrayList<>()).add(v));
            Map<String, PublicView> views = new LinkedHashMap<>();
            grouped.forEach((id, values) -> {
                Breakdown b = breakdowns.get(id);
                if (b != null) {
                    views.put(id, PublicView.of(indicator, b, values.get(0).area(), values, false));
                }
            });
            return views;
        }
    }

    /** The breakdowns by id, for callers that compare public views. */
    static Map<String, Breakdown> breakdowns() {
        return BREAKDOWNS;
    }
}
