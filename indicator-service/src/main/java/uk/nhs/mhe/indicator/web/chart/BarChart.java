package uk.nhs.mhe.indicator.web.chart;

import uk.nhs.mhe.indicator.stats.Assessment;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A horizontal bar chart of one breakdown (Fingertips' "compare groups" chart): one bar per
 * group with its 95% confidence interval as a whisker, the benchmark as a dashed line, and the
 * comparison with the benchmark as a colour, a hatch (worse) and a word. A suppressed group keeps
 * its row, drawn as a labelled gap, so the reader sees that the group exists and why it has no
 * bar. The chart is an {@code <svg role="img">} whose title and description summarise it; the
 * page's table is its full text equivalent.
 */
public final class BarChart {

    /** One group; {@code value} null when suppressed or not computed. */
    public record Bar(String label, Double value, Double lower95, Double upper95, Double benchmark,
            Assessment assessment, boolean suppressed) {
    }

    static final double WIDTH = 760;
    static final double LABEL_RIGHT = 228;
    static final double PLOT_LEFT = 236;
    static final double PLOT_RIGHT = 580;
    static final double ROW = 30;
    static final double TOP = 56;
    static final double BOTTOM = 44;
    private static final int LABEL_CHARS = 34;

    private final String id;
    private final String title;
    private final String unit;
    private final String benchmarkName;
    private final List<Bar> bars;

    /**
     * @param id            unique on the page: prefixes the ids of the title, description and patterns
     * @param unit          the axis title, e.g. "per 100,000"
     * @param benchmarkName what the benchmark is, e.g. "England"
     */
    public BarChart(String id, String title, String unit, String benchmarkName, List<Bar> bars) {
        this.id = Objects.requireNonNull(id);
        this.title = title;
        this.unit = unit;
        this.benchmarkName = benchmarkName;
        this.bars = List.copyOf(bars);
    }

    public String svg() {
        double height = TOP + ROW * Math.max(1, bars.size()) + BOTTOM;
        double plotBottom = height - BOTTOM;
        LinearScale x = new LinearScale(0, maximum(), PLOT_LEFT, PLOT_RIGHT, 5);

        SvgWriter svg = new SvgWriter();
        svg.start("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "mhe-chart mhe-bar-chart",
                "viewBox", "0 0 " + SvgWriter.coordinate(WIDTH) + " " + SvgWriter.coordinate(height),
                "role", "img", "aria-labelledby", id + "-title " + id + "-desc", "id", id,
                "font-family", "Arial, sans-serif", "font-size", "13");
        svg.text("title", title, "id", id + "-title");
        svg.text("desc", description(), "id", id + "-desc");
        svg.start("defs");
        svg.start("pattern", "id", id + "-hatch", "patternUnits", "userSpaceOnUse", "width", "6", "height", "6",
                "patternTransform", "rotate(45)");
        svg.empty("rect", "width", "6", "height", "6", "fill", Palette.fill(Assessment.WORSE));
        svg.empty("line", "x1", "0", "y1", "0", "x2", "0", "y2", "6", "stroke", "#ffffff", "stroke-width", "2");
        svg.end().end();

        legend(svg);
        axis(svg, x, plotBottom);
        for (int i = 0; i < bars.size(); i++) {
            bar(svg, x, bars.get(i), TOP + i * ROW);
        }
        benchmark(svg, x, plotBottom);
        return svg.end().toString();
    }

    private void legend(SvgWriter svg) {
        svg.start("g", "class", "legend", "fill", Palette.TEXT);
        svg.empty("rect", "x", "0", "y", "8", "width", "14", "height", "12", "fill", Palette.fill(Assessment.SIMILAR),
                "stroke", Palette.TEXT);
        svg.text("text", "Bar: value", "x", "20", "y", "18");
        svg.empty("line", "x1", "110", "y1", "14", "x2", "140", "y2", "14", "stroke", Palette.TEXT, "stroke-width", "2");
        svg.empty("line", "x1", "110", "y1", "9", "x2", "110", "y2", "19", "stroke", Palette.TEXT, "stroke-width", "2");
        svg.empty("line", "x1", "140", "y1", "9", "x2", "140", "y2", "19", "stroke", Palette.TEXT, "stroke-width", "2");
        svg.text("text", "95% confidence interval", "x", "146", "y", "18");
        svg.empty("line", "x1", "320", "y1", "14", "x2", "350", "y2", "14", "stroke", Palette.BENCHMARK,
                "stroke-width", "2", "stroke-dasharray", "6 4");
        svg.text("text", "Benchmark: " + benchmarkName, "x", "356", "y", "18");
        svg.text("text", "Compared with benchmark", "x", SvgWriter.coordinate(PLOT_RIGHT + 8), "y", "44",
                "font-weight", "bold");
        svg.end();
    }

    private void axis(SvgWriter svg, LinearScale x, double plotBottom) {
        svg.start("g", "class", "axis", "fill", Palette.SECONDARY_TEXT);
        for (double t : x.ticks()) {
            double px = x.map(t);
            svg.empty("line", "x1", px, "y1", TOP - 4, "x2", px, "y2", plotBottom, "stroke", Palette.GRID);
            svg.text("text", Numbers.tick(t), "x", px, "y", plotBottom + 16, "text-anchor", "middle");
        }
        svg.empty("line", "x1", PLOT_LEFT, "y1", plotBottom, "x2", PLOT_RIGHT, "y2", plotBottom,
                "stroke", Palette.SECONDARY_TEXT);
        svg.text("text", unit, "x", (PLOT_LEFT + PLOT_RIGHT) / 2, "y", plotBottom + 36, "text-anchor", "middle");
        svg.end();
    }

    private void bar(SvgWriter svg, LinearScale x, Bar bar, double top) {
        double middle = top + ROW / 2;
        svg.start("g", "class", bar.suppressed() ? "bar suppressed" : "bar", "data-group", bar.label());
        svg.text("title", tooltip(bar));
        svg.text("text", shorten(bar.label()), "x", LABEL_RIGHT, "y", middle + 4, "text-anchor", "end",
                "fill", Palette.TEXT);
        if (bar.value() == null) {
            // A labelled gap, not a zero-length bar: suppressed is not the same as nothing.
            svg.empty("rect", "class", "gap", "x", PLOT_LEFT + 1, "y", top + 6, "width", 120.0, "height", ROW - 12,
                    "fill", "none", "stroke", Palette.SECONDARY_TEXT, "stroke-dasharray", "3 3");
            svg.text("text", bar.suppressed() ? "suppressed" : "no value", "x", PLOT_LEFT + 8, "y", middle + 4,
                    "fill", Palette.TEXT, "font-style", "italic");
        } else {
            double end = x.map(bar.value());
            Assessment a = bar.assessment() == null ? Assessment.NOT_COMPARED : bar.assessment();
            svg.empty("rect", "class", "value " + a.name().toLowerCase(java.util.Locale.ROOT), "x", PLOT_LEFT,
                    "y", top + 7, "width", Math.max(0, end - PLOT_LEFT), "height", ROW - 14,
                    "fill", a == Assessment.WORSE ? "url(#" + id + "-hatch)" : Palette.fill(a), "stroke", Palette.TEXT);
            if (bar.lower95() != null && bar.upper95() != null) {
                double lo = x.map(bar.lower95());
                double hi = x.map(bar.upper95());
                svg.start("g", "class", "whisker", "stroke", Palette.TEXT, "stroke-width", "2");
                svg.empty("line", "x1", lo, "y1", middle, "x2", hi, "y2", middle);
                svg.empty("line", "x1", lo, "y1", middle - 6, "x2", lo, "y2", middle + 6);
                svg.empty("line", "x1", hi, "y1", middle - 6, "x2", hi, "y2", middle + 6);
                svg.end();
            }
            svg.text("text", Palette.word(a), "class", "comparison", "x", PLOT_RIGHT + 8, "y", middle + 4,
                    "fill", Palette.TEXT, "font-weight", a == Assessment.WORSE || a == Assessment.BETTER ? "bold" : null);
        }
        svg.end();
    }

    /**
     * One dashed line when every group has the same benchmark (England's own rows are all compared
     * with England's total); otherwise a dashed mark on each row, as each group is compared with
     * the same group in the benchmark area.
     */
    private void benchmark(SvgWriter svg, LinearScale x, double plotBottom) {
        List<Double> values = bars.stream().map(Bar::benchmark).filter(Objects::nonNull).distinct().toList();
        if (values.isEmpty()) {
            return;
        }
        svg.start("g", "class", "benchmark", "stroke", Palette.BENCHMARK, "stroke-width", "2",
                "stroke-dasharray", "6 4");
        if (values.size() == 1) {
            double px = x.map(values.get(0));
            svg.empty("line", "x1", px, "y1", TOP - 6, "x2", px, "y2", plotBottom);
            svg.text("text", benchmarkName + " " + Numbers.value(values.get(0)), "x", px, "y", TOP - 10,
                    "text-anchor", "middle", "stroke", "none", "fill", Palette.TEXT);
        } else {
            for (int i = 0; i < bars.size(); i++) {
                Double b = bars.get(i).benchmark();
                if (b != null) {
                    double px = x.map(b);
                    svg.empty("line", "x1", px, "y1", TOP + i * ROW + 2, "x2", px, "y2", TOP + (i + 1) * ROW - 2);
                }
            }
        }
        svg.end();
    }

    private double maximum() {
        double max = 0;
        for (Bar b : bars) {
            for (Double d : new Double[] {b.value(), b.upper95(), b.benchmark()}) {
                if (d != null && !d.isNaN()) {
                    max = Math.max(max, d);
                }
            }
        }
        return max;
    }

    private String tooltip(Bar bar) {
        if (bar.value() == null) {
            return bar.label() + ": " + (bar.suppressed() ? "suppressed (small numbers)" : "no value");
        }
        return bar.label() + ": " + Numbers.value(bar.value()) + interval(bar) + ", "
                + Palette.word(bar.assessment()).toLowerCase(java.util.Locale.ROOT)
                + (bar.benchmark() == null ? "" : " compared with " + benchmarkName + " " + Numbers.value(bar.benchmark()));
    }

    private static String interval(Bar bar) {
        return bar.lower95() == null ? "" : " (95% CI " + Numbers.value(bar.lower95()) + " to " + Numbers.value(bar.upper95()) + ")";
    }

    /** What a screen reader announces for the chart: the shape of the data in a few sentences. */
    String description() {
        List<String> parts = new ArrayList<>();
        List<Bar> shown = bars.stream().filter(b -> b.value() != null).toList();
        parts.add("Bar chart of " + bars.size() + " groups with 95% confidence intervals, " + unit
                + ", compared with the benchmark " + benchmarkName + ".");
        shown.stream().max(java.util.Comparator.comparingDouble(Bar::value)).ifPresent(b ->
                parts.add("Highest: " + b.label() + " " + Numbers.value(b.value()) + "."));
        shown.stream().min(java.util.Comparator.comparingDouble(Bar::value)).ifPresent(b ->
                parts.add("Lowest: " + b.label() + " " + Numbers.value(b.value()) + "."));
        for (Assessment a : List.of(Assessment.WORSE, Assessment.BETTER)) {
            List<String> names = shown.stream().filter(b -> b.assessment() == a).map(Bar::label).toList();
            if (!names.isEmpty()) {
                parts.add(Palette.word(a) + " than the benchmark: " + String.join(", ", names) + ".");
            }
        }
        List<String> suppressed = bars.stream().filter(Bar::suppressed).map(Bar::label).toList();
        if (!suppressed.isEmpty()) {
            parts.add("Suppressed (small numbers): " + String.join(", ", suppressed) + ".");
        }
        parts.add("The table below gives every figure.");
        return String.join(" ", parts);
    }

    private static String shorten(String label) {
        return label == null || label.length() <= LABEL_CHARS ? label : label.substring(0, LABEL_CHARS - 1) + "…";
    }
}
