package uk.nhs.mhe.indicator.web.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A group's values over time: points joined by a line, each with its 95% confidence interval
 * as a vertical whisker, and the periods of the recent-trend test shaded and named with the
 * trend result. The line breaks at a suppressed or missing period instead of bridging it, and
 * such a period is marked "suppressed" on the axis, so a gap is never read as a value.
 */
public final class TrendChart {

    /** One period; {@code value} null when suppressed or not computed. */
    public record Point(String period, Double value, Double lower95, Double upper95, boolean suppressed) {
    }

    static final double WIDTH = 760;
    static final double HEIGHT = 340;
    static final double LEFT = 64;
    static final double RIGHT = 740;
    static final double TOP = 48;
    static final double BOTTOM = 280;

    private final String id;
    private final String title;
    private final String unit;
    private final List<Point> points;
    private final String trendLabel;
    private final List<String> trendPeriods;

    /**
     * @param trendLabel   the recent trend in words, e.g. "Increasing and getting worse"
     * @param trendPeriods the periods the trend was calculated over (shaded)
     */
    public TrendChart(String id, String title, String unit, List<Point> points, String trendLabel,
            List<String> trendPeriods) {
        this.id = Objects.requireNonNull(id);
        this.title = title;
        this.unit = unit;
        this.points = List.copyOf(points);
        this.trendLabel = trendLabel;
        this.trendPeriods = trendPeriods == null ? List.of() : List.copyOf(trendPeriods);
    }

    public String svg() {
        LinearScale y = new LinearScale(0, maximum(), BOTTOM, TOP, 5);
        double step = points.size() <= 1 ? 0 : (RIGHT - LEFT - 40) / (points.size() - 1);
        SvgWriter svg = new SvgWriter();
        svg.start("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "mhe-chart mhe-trend-chart",
                "viewBox", "0 0 " + SvgWriter.coordinate(WIDTH) + " " + SvgWriter.coordinate(HEIGHT),
                "role", "img", "aria-labelledby", id + "-title " + id + "-desc", "id", id,
                "font-family", "Arial, sans-serif", "font-size", "13");
        svg.text("title", title, "id", id + "-title");
        svg.text("desc", description(), "id", id + "-desc");
        svg.text("text", "Recent trend: " + trendLabel, "class", "trend-label", "x", LEFT, "y", "20",
                "font-weight", "bold", "fill", Palette.TEXT);
        recentWindow(svg, step);
        axes(svg, y, step);
        line(svg, y, step);
        for (int i = 0; i < points.size(); i++) {
            point(svg, y, points.get(i), x(i, step));
        }
        return svg.end().toString();
    }

    private double x(int i, double step) {
        return points.size() == 1 ? (LEFT + RIGHT) / 2 : LEFT + 20 + i * step;
    }

    private void recentWindow(SvgWriter svg, double step) {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            if (trendPeriods.contains(points.get(i).period())) {
                indexes.add(i);
            }
        }
        if (indexes.isEmpty()) {
            return;
        }
        double half = Math.max(step / 2, 10);
        double from = x(indexes.get(0), step) - half;
        double to = x(indexes.get(indexes.size() - 1), step) + half;
        svg.start("g", "class", "recent-trend-window");
        svg.empty("rect", "x", from, "y", TOP - 8, "width", to - from, "height", BOTTOM - TOP + 8, "fill", "#e8edee");
        svg.text("text", "Periods of the recent trend", "x", to, "y", TOP - 12, "text-anchor", "end",
                "fill", Palette.SECONDARY_TEXT);
        svg.end();
    }

    private void axes(SvgWriter svg, LinearScale y, double step) {
        svg.start("g", "class", "axis", "fill", Palette.SECONDARY_TEXT);
        for (double t : y.ticks()) {
            double py = y.map(t);
            svg.empty("line", "x1", LEFT, "y1", py, "x2", RIGHT, "y2", py, "stroke", Palette.GRID);
            svg.text("text", Numbers.tick(t), "x", LEFT - 6, "y", py + 4, "text-anchor", "end");
        }
        svg.empty("line", "x1", LEFT, "y1", BOTTOM, "x2", RIGHT, "y2", BOTTOM, "stroke", Palette.SECONDARY_TEXT);
        // Label every period when they fit, otherwise about twelve of them (always the last).
        int every = Math.max(1, (int) Math.ceil(points.size() / 12.0));
        for (int i = 0; i < points.size(); i++) {
            boolean labelled = (points.size() - 1 - i) % every == 0;
            if (labelled) {
                svg.text("text", points.get(i).period(), "x", x(i, step), "y", BOTTOM + 18, "text-anchor", "middle");
            }
        }
        svg.text("text", unit, "transform", "rotate(-90)", "x", -(TOP + BOTTOM) / 2, "y", "14",
                "text-anchor", "middle");
        svg.end();
    }

    private void line(SvgWriter svg, LinearScale y, double step) {
        List<String> segments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            Double v = points.get(i).value();
            if (v == null) {
                if (!current.isEmpty()) {
                    segments.add(current.toString());
                    current.setLength(0);
                }
                continue;
            }
            current.append(current.isEmpty() ? "M" : " L").append(SvgWriter.coordinate(x(i, step))).append(' ')
                    .append(SvgWriter.coordinate(y.map(v)));
        }
        if (!current.isEmpty()) {
            segments.add(current.toString());
        }
        for (String d : segments) {
            svg.empty("path", "class", "trend-line", "d", d, "fill", "none", "stroke", Palette.LINE, "stroke-width", "2");
        }
    }

    private void point(SvgWriter svg, LinearScale y, Point p, double px) {
        svg.start("g", "class", p.suppressed() ? "point suppressed" : "point", "data-period", p.period());
        if (p.value() == null) {
            svg.text("title", p.period() + ": " + (p.suppressed() ? "suppressed (small numbers)" : "no value"));
            // Written upwards from the axis, where the point would be.
            svg.text("text", p.suppressed() ? "suppressed" : "no value", "x", px + 4, "y", BOTTOM - 8,
                    "text-anchor", "start", "font-style", "italic", "fill", Palette.TEXT, "font-size", "11",
                    "transform", "rotate(-90 " + SvgWriter.coordinate(px + 4) + " " + SvgWriter.coordinate(BOTTOM - 8) + ")");
        } else {
            svg.text("title", p.period() + ": " + Numbers.value(p.value())
                    + (p.lower95() == null ? "" : " (95% CI " + Numbers.value(p.lower95()) + " to "
                    + Numbers.value(p.upper95()) + ")"));
            if (p.lower95() != null && p.upper95() != null) {
                double lo = y.map(p.lower95());
                double hi = y.map(p.upper95());
                svg.start("g", "class", "whisker", "stroke", Palette.TEXT, "stroke-width", "1.5");
                svg.empty("line", "x1", px, "y1", lo, "x2", px, "y2", hi);
                svg.empty("line", "x1", px - 4, "y1", lo, "x2", px + 4, "y2", lo);
                svg.empty("line", "x1", px - 4, "y1", hi, "x2", px + 4, "y2", hi);
                svg.end();
            }
            svg.empty("circle", "cx", px, "cy", y.map(p.value()), "r", "4.5", "fill", Palette.LINE,
                    "stroke", "#ffffff", "stroke-width", "1.5");
        }
        svg.end();
    }

    private double maximum() {
        double max = 0;
        for (Point p : points) {
            for (Double d : new Double[] {p.value(), p.upper95()}) {
                if (d != null && !d.isNaN()) {
                    max = Math.max(max, d);
                }
            }
        }
        return max;
    }

    String description() {
        List<String> parts = new ArrayList<>();
        List<Point> shown = points.stream().filter(p -> p.value() != null).toList();
        parts.add("Line chart of " + points.size() + " periods, " + unit + ", with 95% confidence intervals.");
        if (!shown.isEmpty()) {
            Point first = shown.get(0);
            Point last = shown.get(shown.size() - 1);
            parts.add("From " + Numbers.value(first.value()) + " in " + first.period() + " to "
                    + Numbers.value(last.value()) + " in " + last.period() + ".");
        }
        parts.add("Recent trend: " + trendLabel + (trendPeriods.isEmpty() ? "" : " (over " + trendPeriods.get(0)
                + " to " + trendPeriods.get(trendPeriods.size() - 1) + ")") + ".");
        List<String> suppressed = points.stream().filter(Point::suppressed).map(Point::period).toList();
        if (!suppressed.isEmpty()) {
            parts.add("Suppressed (small numbers): " + String.join(", ", suppressed) + ".");
        }
        parts.add("The table below gives every figure.");
        return String.join(" ", parts);
    }
}
