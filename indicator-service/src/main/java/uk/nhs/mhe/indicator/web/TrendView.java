package uk.nhs.mhe.indicator.web;

import io.quarkus.qute.RawString;
import uk.nhs.mhe.indicator.catalogue.Indicator;
import uk.nhs.mhe.indicator.query.IndicatorTrend;
import uk.nhs.mhe.indicator.web.chart.Numbers;
import uk.nhs.mhe.indicator.web.chart.TrendChart;

import java.util.List;

/**
 * A group's time series for a page: the trend chart, the recent trend in words, and the table
 * equivalent. {@code message} explains a trend that cannot be drawn (no monthly values, say).
 */
public record TrendView(String heading, RawString chart, String trendLabel, List<Row> rows, String message) {

    public record Row(String period, String numerator, String denominator, String value, String ci95,
            boolean suppressed, boolean inRecentTrend) {
    }

    static TrendView unavailable(String message) {
        return new TrendView(null, null, null, List.of(), message);
    }

    static TrendView of(Indicator indicator, IndicatorTrend trend) {
        String heading = indicator.name() + ": " + trend.label() + ", " + trend.areaName() + ", "
                + Wording.periodType(trend.periodType()).toLowerCase(java.util.Locale.UK) + " to "
                + Wording.period(trend.to());
        String label = Wording.trend(trend.recentTrend().trend(), indicator.polarity());
        List<String> window = trend.recentTrend().points();
        TrendChart chart = new TrendChart("trend-chart", heading, indicator.unit(), trend.points().stream()
                .map(p -> new TrendChart.Point(p.period(), p.value(), p.lowerCi95(), p.upperCi95(), p.suppressed()))
                .toList(), label, window);
        List<Row> rows = trend.points().stream().map(p -> new Row(Wording.period(p.period()), Numbers.count(p.numerator()),
                Numbers.count(p.denominator()), Numbers.value(p.value()),
                BreakdownView.interval(p.lowerCi95(), p.upperCi95()), p.suppressed(),
                window != null && window.contains(p.period()))).toList();
        return new TrendView(heading, new RawString(chart.svg()), label, rows, null);
    }
}
