package uk.nhs.mhe.indicator.query;

import java.util.ArrayList;
import java.util.List;

/** The answer of {@code GET /api/v1/indicators/{id}/data} (api.md). */
public record IndicatorData(String indicator, String area, String areaName, String period, String breakdown,
        String benchmark, String benchmarkArea, String view, List<DataRow> rows) {

    /** Exact figures, for the {@code assurance} role. */
    public static final String EXACT = "exact";
    /** Disclosure control applied, for everyone else. */
    public static final String PUBLIC = "public";

    /**
     * One line per row, {@code vsReference} flattened; the comparison column is
     * {@code vsReferenceRatio} or {@code vsReferenceDifference} as in the JSON.
     *
     * @param difference whether the indicator compares groups by difference (proportions)
     */
    public CsvTable toCsv(boolean difference) {
        List<String> header = List.of("indicator", "area", "period", "breakdown", "view", "group", "label", "numerator",
                "denominator", "value", "lowerCi95", "upperCi95", "lowerCi998", "upperCi998", "benchmarkArea",
                "benchmarkValue", "comparedToBenchmark", "assessment", "vsReferenceGroup",
                difference ? "vsReferenceDifference" : "vsReferenceRatio", "vsReferenceLower", "vsReferenceUpper",
                "vsReferenceDisparity", "suppressed");
        List<List<Object>> lines = new ArrayList<>();
        for (DataRow r : rows) {
            DataRow.VsReference vs = r.vsReference();
            lines.add(java.util.Arrays.asList(indicator, area, period, breakdown, view, r.group(), r.label(),
                    r.numerator(), r.denominator(), r.value(), r.lowerCi95(), r.upperCi95(), r.lowerCi998(),
                    r.upperCi998(), benchmarkArea, r.benchmarkValue(), r.comparedToBenchmark(), r.assessment(),
                    vs == null ? null : vs.group(), vs == null ? null : vs.estimate(), vs == null ? null : vs.lower(),
                    vs == null ? null : vs.upper(), vs == null ? null : vs.disparity(), r.suppressed()));
        }
        return new CsvTable(indicator + "_" + area + "_" + period + "_" + breakdown + ".csv", header, lines);
    }
}
