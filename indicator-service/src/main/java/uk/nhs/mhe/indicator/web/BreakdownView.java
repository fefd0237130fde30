package uk.nhs.mhe.indicator.web;

import io.quarkus.qute.RawString;
import uk.nhs.mhe.indicator.catalogue.Indicator;
import uk.nhs.mhe.indicator.query.DataRow;
import uk.nhs.mhe.indicator.query.IndicatorData;
import uk.nhs.mhe.indicator.web.chart.BarChart;
import uk.nhs.mhe.indicator.web.chart.Numbers;

import java.util.List;

/**
 * One area's breakdown in one period, for a page: the bar chart and its table equivalent, every
 * figure already written out. Suppressed rows stay in the table, marked, never shown as 0.
 *
 * @param message why there is no chart (no values stored for this area), or null
 */
public record BreakdownView(String heading, RawString chart, List<Row> rows, String comparisonHeading,
        boolean anySuppressed, boolean anyDisparity, String benchmarkName, String message) {

    /** One group of the table. */
    public record Row(String label, String numerator, String denominator, String value, String ci95, String ci998,
            String benchmark, String assessment, String assessmentTag, String vsReference, boolean disparity,
            boolean reference, boolean suppressed, boolean notComputed) {
    }

    static BreakdownView of(Indicator indicator, IndicatorData data, String areaName, String benchmarkName) {
        String heading = indicator.name() + ": " + areaName + ", " + Wording.period(data.period()) + ", by "
                + Wording.breakdown(data.breakdown()).toLowerCase(java.util.Locale.UK);
        boolean difference = indicator.comparison() == Indicator.Comparison.DIFFERENCE;
        String reference = data.rows().stream().map(DataRow::vsReference).filter(java.util.Objects::nonNull)
                .map(DataRow.VsReference::group).findFirst().orElse(null);
        String referenceLabel = data.rows().stream().filter(r -> r.group().equals(reference)).map(DataRow::label)
                .findFirst().orElse(reference);
        String comparisonHeading = reference == null ? null
                : difference ? "Difference from " + referenceLabel + " (percentage points, 95% CI)"
                : "Ratio to " + referenceLabel + " (95% CI)";
        if (data.rows().isEmpty()) {
            return new BreakdownView(heading, null, List.of(), null, false, false, benchmarkName,
                    "No values of this indicator have been calculated for " + areaName + " in "
                            + Wording.period(data.period()) + " by " + Wording.breakdown(data.breakdown())
                            .toLowerCase(java.util.Locale.UK) + ". Choose another area, period or breakdown.");
        }
        List<Row> rows = data.rows().stream().map(r -> row(r, reference, difference)).toList();
        BarChart chart = new BarChart("bar-chart", heading, indicator.unit(), benchmarkName, data.rows().stream()
                .map(r -> new BarChart.Bar(r.label(), r.value(), r.lowerCi95(), r.upperCi95(), r.benchmarkValue(),
                        r.assessment(), r.suppressed()))
                .toList());
        return new BreakdownView(heading, new RawString(chart.svg()), rows, comparisonHeading,
                rows.stream().anyMatch(Row::suppressed), rows.stream().anyMatch(Row::disparity), benchmarkName, null);
    }

    private static Row row(DataRow r, String reference, boolean difference) {
        DataRow.VsReference vs = r.vsReference();
        String vsText = "";
        if (vs != null && vs.estimate() != null) {
            vsText = (difference ? Numbers.value(vs.estimate()) : Numbers.ratio(vs.estimate()))
                    + (vs.lower() == null ? "" : " (" + (difference ? Numbers.value(vs.lower()) : Numbers.ratio(vs.lower()))
                    + " to " + (difference ? Numbers.value(vs.upper()) : Numbers.ratio(vs.upper())) + ")");
        }
        return new Row(r.label(), Numbers.count(r.numerator()), Numbers.count(r.denominator()), Numbers.value(r.value()),
                interval(r.lowerCi95(), r.upperCi95()), interval(r.lowerCi998(), r.upperCi998()),
                Numbers.value(r.benchmarkValue()), Wording.assessment(r.assessment()),
                Wording.assessmentTag(r.assessment()), vsText, vs != null && vs.disparity(),
                r.group().equals(reference), r.suppressed(), !r.suppressed() && r.value() == null);
    }

    static String interval(Double lower, Double upper) {
        return lower == null || upper == null ? "" : Numbers.value(lower) + " to " + Numbers.value(upper);
    }
}
