package uk.nhs.mhe.ingest.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * The data-quality part of the report, read from the submission's stored JSON (per field:
 * valid, other, default, invalid, missing, as in the NHS Data Quality Maturity Index). The
 * summary is the mean of the fields' valid percentages, the way the DQMI averages its items.
 * Pure apart from JSON parsing.
 */
public record QualityReport(List<Row> rows, String overallPercent) {

    public record Row(String field, long valid, long other, long defaultValue, long invalid, long missing,
            String validPercent) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public static QualityReport of(String dataQualityJson) {
        List<Row> rows = new ArrayList<>();
        if (dataQualityJson == null || dataQualityJson.isBlank()) {
            return new QualityReport(rows, null);
        }
        double sum = 0;
        int counted = 0;
        try {
            JsonNode root = JSON.readTree(dataQualityJson);
            var fields = root.fields();
            while (fields.hasNext()) {
                var f = fields.next();
                JsonNode c = f.getValue();
                JsonNode pct = c.path("validPercent");
                String percent = pct.isNumber() ? percent(pct.asDouble()) : "–";
                if (pct.isNumber()) {
                    sum += pct.asDouble();
                    counted++;
                }
                rows.add(new Row(f.getKey(), c.path("valid").asLong(), c.path("other").asLong(),
                        c.path("defaultValue").asLong(), c.path("invalid").asLong(), c.path("missing").asLong(), percent));
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Unreadable data-quality JSON", e);
        }
        return new QualityReport(rows, counted == 0 ? null : percent(sum / counted));
    }

    static String percent(double value) {
        return String.format(java.util.Locale.UK, "%.1f%%", value);
    }
}
