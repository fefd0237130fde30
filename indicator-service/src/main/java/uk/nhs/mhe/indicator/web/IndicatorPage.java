package uk.nhs.mhe.indicator.web;

import uk.nhs.mhe.indicator.catalogue.Indicator;

import java.util.List;

/**
 * Everything the indicator page shows: who is looking, the choices with the current ones
 * selected, and the three views (breakdown, trend, funnel) with their CSV links.
 *
 * @param selection the resolved selection (defaults filled in from the answers)
 * @param here      this page's own path and query, where login returns to
 */
public record IndicatorPage(Viewer viewer, Indicator indicator, Selection selection, String areaName,
        String periodLabel, String breakdownLabel, Choices.Lists choices, BreakdownView breakdown, TrendView trend,
        FunnelView funnel, Links links, String here) {

    /** Download and API links of the current selection. */
    public record Links(String dataCsv, String trendCsv, String funnelCsv, String dataApi) {
    }

    /** A value a form carries unchanged for the other sections. */
    public record Hidden(String name, String value) {
    }

    /**
     * Hidden fields for the main form: the trend's period type and the funnel's area type. Not the
     * group: a group belongs to a breakdown, and the main form may change the breakdown.
     */
    public List<Hidden> mainHidden() {
        return hidden("area", "period", "breakdown", "benchmark", "group");
    }

    /** Hidden fields for the trend form: everything but the group and period type. */
    public List<Hidden> trendHidden() {
        return hidden("group", "periodType");
    }

    /** Hidden fields for the funnel form: everything but the area type. */
    public List<Hidden> funnelHidden() {
        return hidden("areaType");
    }

    private List<Hidden> hidden(String... except) {
        List<String> skip = List.of(except);
        List<Hidden> result = new java.util.ArrayList<>();
        String[][] all = {{"area", selection.area()}, {"period", selection.period()}, {"breakdown", selection.breakdown()},
                {"benchmark", selection.benchmark()}, {"group", selection.group()},
                {"periodType", selection.periodType()}, {"areaType", selection.areaType()}};
        for (String[] p : all) {
            if (!skip.contains(p[0]) && p[1] != null) {
                result.add(new Hidden(p[0], p[1]));
            }
        }
        return result;
    }
}
