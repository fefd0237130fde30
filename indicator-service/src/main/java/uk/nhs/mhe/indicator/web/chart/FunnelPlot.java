package uk.nhs.mhe.indicator.web.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * A funnel plot (PHE): each area's value against its denominator, the average as a solid line
 * and the 95% (dashed) and 99.8% (solid) control limits narrowing as the denominator grows. An
 * area's position against the limits is shown by its marker's shape as well as its colour
 * (circle inside, diamond between the 95% and 99.8% limits, square beyond 99.8%, which is also
 * labelled with the area's code), and a legend explains every line and shape. Suppressed areas
 * cannot be placed and are listed in the description and the table instead.
 */
public final class FunnelPlot {

    /** Where a point lies against the limits at its own denominator. */
    public enum Position { ABOVE_998, ABOVE_95, INSIDE, BELOW_95, BELOW_998 }

    /** One area; {@code value} null when suppressed or not computed, {@code position} then null. */
    public record AreaPoint(String code, String name, Double denominator, Double value, Position position,
            boolean suppressed) {
    }

    /** The limits at one denominator. */
    public record Limits(double denominator, double lower95, double upper95, double lower998, double upper998) {
    }

    static final double WIDTH = 760;
    static final double HEIGHT = 420;
    static final double LEFT = 70;
    static final double RIGHT = 740;
    static final double TOP = 64;
    static final double BOTTOM = 360;

    private final String id;
    private final String title;
    private final String unit;
    private final String denominatorLabel;
    private final Double average;
    private final List<AreaPoint> points;
    private final List<Limits> limits;

    public FunnelPlot(String id, String title, String unit, String denominatorLabel, Double average,
            List<AreaPoint> points, List<Limits> limits) {
        this.id = Objects.requireNonNull(id);
        this.title = title;
        this.unit = unit;
        this.denominatorLabel = denominatorLabel;
        this.average = average;
        this.points = List.copyOf(points);
        this.limits = List.copyOf(limits);
    }

    public String svg() {
        double maxX = 0;
        double maxY = average == null ? 0 : average;
        double minY = 0;
        for (AreaPoint p : points) {
            if (p.denominator() != null) {
                maxX = Math.max(maxX, p.denominator());
            }
            if (p.value() != null) {
                maxY = Math.max(maxY, p.value());
            }
        }
        for (Limits l : limits) {
            maxX = Math.max(maxX, l.denominator());
            maxY = Math.max(maxY, l.upper998());
            minY = Math.min(minY, l.lower998());
        }
        // A little room right of the largest area, for its marker and label.
        LinearScale x = new LinearScale(0, maxX * 1.05, LEFT, RIGHT, 6);
        LinearScale y = new LinearScale(minY, maxY, BOTTOM, TOP, 5);

        SvgWriter svg = new SvgWriter();
        svg.start("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "mhe-chart mhe-funnel-plot",
                "viewBox", "0 0 " + SvgWriter.coordinate(WIDTH) + " " + SvgWriter.coordinate(HEIGHT),
                "role", "img", "aria-labelledby", id + "-title " + id + "-desc", "id", id,
                "font-family", "Arial, sans-serif", "font-size", "13");
        svg.text("title", title, "id", id + "-title");
        svg.text("desc", description(), "id", id + "-desc");
        legend(svg);
        axes(svg, x, y);
        svg.start("g", "class", "limits", "fill", "none", "stroke", Palette.TEXT);
        limit(svg, x, y, Limits::upper998, "limit-998", null, "1.5");
        limit(svg, x, y, Limits::lower998, "limit-998", null, "1.5");
        limit(svg, x, y, Limits::upper95, "limit-95", "6 4", "1.5");
        limit(svg, x, y, Limits::lower95, "limit-95", "6 4", "1.5");
        if (average != null) {
            svg.empty("line", "class", "average", "x1", LEFT, "y1", y.map(average), "x2", RIGHT, "y2", y.map(average),
                    "stroke", Palette.LINE, "stroke-width", "2");
        }
        svg.end();
        for (AreaPoint p : points) {
            if (p.value() != null && p.denominator() != null) {
                marker(svg, p, x.map(p.denominator()), y.map(p.value()));
            }
        }
        return svg.end().toString();
    }

    private void legend(SvgWriter svg) {
        svg.start("g", "class", "legend", "fill", Palette.TEXT);
        svg.empty("line", "x1", "0", "y1", "12", "x2", "28", "y2", "12", "stroke", Palette.LINE, "stroke-width", "2");
        svg.text("text", "Average" + (average == null ? "" : " " + Numbers.value(average)), "x", "34", "y", "16");
        svg.empty("line", "x1", "150", "y1", "12", "x2", "178", "y2", "12", "stroke", Palette.TEXT,
                "stroke-width", "1.5", "stroke-dasharray", "6 4");
        svg.text("text", "95% limits", "x", "184", "y", "16");
        svg.empty("line", "x1", "270", "y1", "12", "x2", "298", "y2", "12", "stroke", Palette.TEXT, "stroke-width", "1.5");
        svg.text("text", "99.8% limits", "x", "304", "y", "16");
        shape(svg, Position.INSIDE, 10, 36);
        svg.text("text", "Within 95% limits", "x", "20", "y", "40");
        shape(svg, Position.ABOVE_95, 160, 36);
        svg.text("text", "Outside 95% limits", "x", "170", "y", "40");
        shape(svg, Position.ABOVE_998, 320, 36);
        svg.text("text", "Outside 99.8% limits (labelled)", "x", "330", "y", "40");
        svg.end();
    }

    private void axes(SvgWriter svg, LinearScale x, LinearScale y) {
        svg.start("g", "class", "axis", "fill", Palette.SECONDARY_TEXT);
        for (double t : y.ticks()) {
            double py = y.map(t);
            svg.empty("line", "x1", LEFT, "y1", py, "x2", RIGHT, "y2", py, "stroke", Palette.GRID);
            svg.text("text", Numbers.tick(t), "x", LEFT - 6, "y", py + 4, "text-anchor", "end");
        }
        for (double t : x.ticks()) {
            double px = x.map(t);
            svg.empty("line", "x1", px, "y1", BOTTOM, "x2", px, "y2", BOTTOM + 5, "stroke", Palette.SECONDARY_TEXT);
            svg.text("text", Numbers.tick(t), "x", px, "y", BOTTOM + 20, "text-anchor", "middle");
        }
        svg.empty("line", "x1", LEFT, "y1", BOTTOM, "x2", RIGHT, "y2", BOTTOM, "stroke", Palette.SECONDARY_TEXT);
        svg.text("text", denominatorLabel, "x", (LEFT + RIGHT) / 2, "y", BOTTOM + 44, "text-anchor", "middle");
        svg.text("text", unit, "transform", "rotate(-90)", "x", -(TOP + BOTTOM) / 2, "y", "16", "text-anchor", "middle");
        svg.end();
    }

    private void limit(SvgWriter svg, LinearScale x, LinearScale y, ToDoubleFunction<Limits> value, String cls,
            String dash, String width) {
        if (limits.isEmpty()) {
            return;
        }
        StringBuilder d = new StringBuilder();
        for (Limits l : limits) {
            d.append(d.isEmpty() ? "M" : " L").append(SvgWriter.coordinate(x.map(l.denominator()))).append(' ')
                    .append(SvgWriter.coordinate(y.map(value.applyAsDouble(l))));
        }
        svg.empty("path", "class", cls, "d", d.toString(), "stroke-dasharray", dash, "stroke-width", width);
    }

    private void marker(SvgWriter svg, AreaPoint p, double px, double py) {
        Position position = p.position() == null ? Position.INSIDE : p.position();
        svg.start("g", "class", "point " + position.name().toLowerCase(Locale.ROOT), "data-area", p.code());
        svg.text("title", p.name() + " (" + p.code() + "): " + Numbers.value(p.value()) + ", denominator "
                + Numbers.count(p.denominator()) + ", " + words(position));
        shape(svg, position, px, py);
        if (position == Position.ABOVE_998 || position == Position.BELOW_998) {
            boolean nearRight = px > RIGHT - 60;
            svg.text("text", p.code(), "x", nearRight ? px - 8 : px + 8, "y", py - 6, "fill", Palette.TEXT,
                    "font-size", "11", "text-anchor", nearRight ? "end" : null);
        }
        svg.end();
    }

    /** Circle inside the 95% limits, diamond between 95% and 99.8%, square beyond 99.8%. */
    private static void shape(SvgWriter svg, Position position, double px, double py) {
        switch (position) {
            case INSIDE -> svg.empty("circle", "cx", px, "cy", py, "r", "4.5", "fill", "#768692", "stroke", Palette.TEXT);
            case ABOVE_95, BELOW_95 -> svg.empty("path", "d", "M" + SvgWriter.coordinate(px) + " "
                    + SvgWriter.coordinate(py - 6) + " l6 6 l-6 6 l-6 -6 Z", "fill", "#ffb81c", "stroke", Palette.TEXT);
            case ABOVE_998, BELOW_998 -> svg.empty("rect", "x", px - 5, "y", py - 5, "width", "10", "height", "10",
                    "fill", "#d5281b", "stroke", Palette.TEXT);
        }
    }

    static String words(Position position) {
        return switch (position) {
            case ABOVE_998 -> "above the 99.8% upper limit";
            case ABOVE_95 -> "above the 95% upper limit";
            case INSIDE -> "within the 95% limits";
            case BELOW_95 -> "below the 95% lower limit";
            case BELOW_998 -> "below the 99.8% lower limit";
        };
    }

    String description() {
        List<String> parts = new ArrayList<>();
        parts.add("Funnel plot of " + points.size() + " areas, " + unit + " against " + denominatorLabel
                + ", with 95% and 99.8% control limits" + (average == null ? "" : " around the average "
                + Numbers.value(average)) + ".");
        for (Position position : List.of(Position.ABOVE_998, Position.ABOVE_95, Position.BELOW_95, Position.BELOW_998)) {
            List<String> names = points.stream().filter(p -> p.position() == position).map(AreaPoint::name).toList();
            if (!names.isEmpty()) {
                parts.add(names.size() + " " + words(position) + ": " + String.join(", ", names) + ".");
            }
        }
        List<String> suppressed = points.stream().filter(AreaPoint::suppressed).map(AreaPoint::name).toList();
        if (!suppressed.isEmpty()) {
            parts.add("Not plotted, suppressed (small numbers): " + String.join(", ", suppressed) + ".");
        }
        parts.add("The table below gives every figure.");
        return String.join(" ", parts);
    }
}
