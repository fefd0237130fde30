package uk.nhs.mhe.indicator.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import uk.nhs.mhe.indicator.stats.Trend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The answer of {@code GET /api/v1/indicators/{id}/trend}: a time series and its recent trend. */
public record IndicatorTrend(String indicator, String area, String areaName, String breakdown, String group,
        String label, String periodType, String to, String view, List<Point> points, RecentTrendResult recentTrend) {

    /** One period's figures of the group, as the caller may see them. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Point(String period, Long numerator, Double denominator, Double value, Double lowerCi95,
            Double upperCi95, Double lowerCi998, Double upperCi998, boolean suppressed) {
    }

    /**
     * The Fingertips recent trend over the five consecutive periods ending at {@code to}.
     *
     * @param points the periods it was calculated over (five), oldest first
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record RecentTrendResult(Trend trend, Double chiSquared, List<String> points) {
    }

    /** One line per point; the recent trend (a property of the whole series) on every line. */
    public CsvTable toCsv() {
        List<String> header = List.of("indicator", "area", "breakdown", "group", "periodType", "view", "period",
                "numerator", "denominator", "value", "lowerCi95", "upperCi95", "lowerCi998", "upperCi998",
                "suppressed", "recentTrend", "recentTrendChiSquared");
        List<List<Object>> rows = new ArrayList<>();
        for (Point p : points) {
            rows.add(Arrays.asList(indicator, area, breakdown, group, periodType, view, p.period(), p.numerator(),
                    p.denominator(), p.value(), p.lowerCi95(), p.upperCi95(), p.lowerCi998(), p.upperCi998(),
                    p.suppressed(), recentTrend.trend(), recentTrend.chiSquared()));
        }
        return new CsvTable(indicator + "_" + area + "_" + breakdown + "_trend_to_" + to + ".csv", header, rows);
    }
}
