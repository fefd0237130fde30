package uk.nhs.mhe.indicator.web;

import io.quarkus.qute.RawString;
import uk.nhs.mhe.indicator.catalogue.Indicator;
import uk.nhs.mhe.indicator.query.IndicatorFunnel;
import uk.nhs.mhe.indicator.web.chart.FunnelPlot;
import uk.nhs.mhe.indicator.web.chart.Numbers;

import java.util.List;
import java.util.Locale;

/**
 * One group over every area of a type, for a page: the funnel plot and its table. Areas outside
 * the limits are named in words in the table, not only placed on the plot.
 */
public record FunnelView(String heading, RawString chart, String average, List<Row> rows, String message) {

    public record Row(String name, String code, String numerator, String denominator, String value, String position,
            boolean outside, boolean suppressed) {
    }

    static FunnelView unavailable(String message) {
        return new FunnelView(null, null, null, List.of(), message);
    }

    static FunnelView of(Indicator indicator, IndicatorFunnel funnel) {
        String heading = indicator.name() + ": " + funnel.label() + ", "
                + Wording.areaType(funnel.areaType()) + ", " + Wording.period(funnel.period());
        if (funnel.points().isEmpty()) {
            return unavailable("No " + Wording.areaType(funnel.areaType()) + " have values of this indicator in "
                    + Wording.period(funnel.period()) + ".");
        }
        String denominator = indicator.isRate() ? "Population" : "Denominator: " + indicator.denominator();
        FunnelPlot plot = new FunnelPlot("funnel-plot", heading, indicator.unit(), denominator, funnel.average(),
                funnel.points().stream().map(p -> new FunnelPlot.AreaPoint(p.area(), p.name(), p.denominator(),
                        p.value(), p.position() == null ? null : FunnelPlot.Position.valueOf(p.position().name()),
                        p.suppressed())).toList(),
                funnel.limits().stream().map(l -> new FunnelPlot.Limits(l.denominator(), l.lower95(), l.upper95(),
                        l.lower998(), l.upper998())).toList());
        List<Row> rows = funnel.points().stream().map(p -> new Row(p.name(), p.area(), Numbers.count(p.numerator()),
                Numbers.count(p.denominator()), Numbers.value(p.value()), position(p.position()),
                p.position() != null && p.position() != IndicatorFunnel.Position.INSIDE, p.suppressed())).toList();
        return new FunnelView(heading, new RawString(plot.svg()), Numbers.value(funnel.average()), rows, null);
    }

    private static String position(IndicatorFunnel.Position position) {
        if (position == null) {
            return "";
        }
        String words = switch (position) {
            case ABOVE_998 -> "Above the 99.8% upper limit";
            case ABOVE_95 -> "Above the 95% upper limit";
            case INSIDE -> "Within the 95% limits";
            case BELOW_95 -> "Below the 95% lower limit";
            case BELOW_998 -> "Below the 99.8% lower limit";
        };
        return words.substring(0, 1).toUpperCase(Locale.UK) + words.substring(1);
    }
}
