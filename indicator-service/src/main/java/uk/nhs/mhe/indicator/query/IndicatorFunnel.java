package uk.nhs.mhe.indicator.query;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/indicators/{id}/funnel}: every area of a type as a point
 * (value against denominator) and the 95% and 99.8% control limits around the average.
 *
 * @param average Σx/Σn over the areas, as a percentage or per multiplier; null without data
 */
public record IndicatorFunnel(String indicator, String period, String areaType, String breakdown, String group,
        String label, String view, Double average, List<Point> points, List<Limit> limits) {

    /** Where a point lies against the limits at its own denominator. */
    public enum Position { ABOVE_998, ABOVE_95, INSIDE, BELOW_95, BELOW_998 }

    /** One area; {@code position} null when its value is not computed or is suppressed. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Point(String area, String name, Long numerator, Double denominator, Double value,
            Position position, boolean suppressed) {
    }

    /** The control limits at one denominator, for drawing the funnel. */
    public record Limit(double denominator, double lower95, double upper95, double lower998, double upper998) {
    }

    /** One line per area; the limits are a drawing aid and stay in the JSON. */
    public CsvTable toCsv() {
        List<String> header = List.of("indicator", "period", "areaType", "breakdown", "group", "view", "average",
                "area", "name", "numerator", "denominator", "value", "position", "suppressed");
        List<List<Object>> rows = new ArrayList<>();
        for (Point p : points) {
            rows.add(Arrays.asList(indicator, period, areaType, breakdown, group, view, average, p.area(), p.name(),
                    p.numerator(), p.denominator(), p.value(), p.position(), p.suppressed()));
        }
        return new CsvTable(indicator + "_" + areaType + "_" + period + "_" + breakdown + "_funnel.csv", header, rows);
    }
}
