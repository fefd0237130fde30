package uk.nhs.mhe.indicator.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What a page shows, as chosen in its query string: {@code area}, {@code period},
 * {@code breakdown} and {@code benchmark} for the data; {@code group} and {@code periodType} for
 * the trend; {@code areaType} for the funnel plot. Blank means "the default", which the queries
 * resolve (England, latest month, no breakdown ...), so a page and the API agree on defaults.
 */
public record Selection(String area, String period, String breakdown, String benchmark, String group,
        String periodType, String areaType) {

    public Selection {
        area = clean(area);
        period = clean(period);
        breakdown = clean(breakdown);
        benchmark = clean(benchmark);
        group = clean(group);
        periodType = clean(periodType);
        areaType = clean(areaType);
    }

    public Selection withArea(String value) {
        return new Selection(value, period, breakdown, benchmark, group, periodType, areaType);
    }

    public Selection withPeriod(String value) {
        return new Selection(area, value, breakdown, benchmark, group, periodType, areaType);
    }

    public Selection withBreakdown(String value) {
        // A group belongs to its breakdown: a new breakdown starts from its own first group.
        return new Selection(area, period, value, benchmark, null, periodType, areaType);
    }

    public Selection withGroup(String value) {
        return new Selection(area, period, breakdown, benchmark, value, periodType, areaType);
    }

    /** The selection with one parameter replaced, by its query-string name. */
    public Selection with(String parameter, String value) {
        return switch (parameter) {
            case "area" -> withArea(value);
            case "period" -> withPeriod(value);
            case "breakdown" -> withBreakdown(value);
            case "benchmark" -> new Selection(area, period, breakdown, value, group, periodType, areaType);
            case "group" -> withGroup(value);
            case "periodType" -> new Selection(area, period, breakdown, benchmark, group, value, areaType);
            case "areaType" -> new Selection(area, period, breakdown, benchmark, group, periodType, value);
            default -> this;
        };
    }

    /** The whole selection as a query string ({@code ?area=...}), or "" when nothing is chosen. */
    public String query() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("area", area);
        all.put("period", period);
        all.put("breakdown", breakdown);
        all.put("benchmark", benchmark);
        all.put("group", group);
        all.put("periodType", periodType);
        all.put("areaType", areaType);
        return query(all);
    }

    /** Only the parameters of the data endpoint (CSV and API links). */
    public String dataQuery() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("area", area);
        data.put("period", period);
        data.put("breakdown", breakdown);
        data.put("benchmark", benchmark);
        return query(data);
    }

    static String query(Map<String, String> parameters) {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        parameters.forEach((name, value) -> {
            if (value != null) {
                q.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return q.toString();
    }

    private static String clean(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
