package uk.nhs.mhe.indicator.query;

import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.mhe.indicator.catalogue.Indicator;
import uk.nhs.mhe.indicator.compute.Breakdown;
import uk.nhs.mhe.indicator.compute.IndicatorValue;
import uk.nhs.mhe.indicator.compute.IndicatorValueStore;
import uk.nhs.mhe.indicator.reference.Area;
import uk.nhs.mhe.indicator.reference.Areas;
import uk.nhs.mhe.indicator.stats.BenchmarkComparison;
import uk.nhs.mhe.indicator.stats.Disparity;
import uk.nhs.mhe.indicator.stats.Interval;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads calculated values and shapes them for {@code /data}: benchmark comparison with polarity,
 * comparison with the reference group, and — for every caller without the {@code assurance}
 * role — disclosure control ({@link PublicView}). Unknown indicators, areas, periods and
 * breakdowns are refused with what is available, never answered with an empty result.
 */
@ApplicationScoped
public class IndicatorQuery {

    private final Snapshot snapshot;
    private final QueryArguments arguments;

    public IndicatorQuery(Snapshot snapshot, QueryArguments arguments) {
        this.snapshot = snapshot;
        this.arguments = arguments;
    }

    public IndicatorData data(String indicatorId, String areaCode, String period, String breakdownId,
            String benchmark, boolean exact) {
        Indicator indicator = arguments.indicator(indicatorId);
        Breakdown breakdown = arguments.breakdown(indicator, breakdownId);
        Area area = arguments.area(indicator, areaCode);
        String mode = arguments.benchmark(benchmark);
        return snapshot.read(c -> answer(c, indicator, area, period, breakdown, mode, exact));
    }

    private IndicatorData answer(Connection c, Indicator indicator, Area area, String period, Breakdown breakdown,
            String benchmarkMode, boolean exact) throws SQLException {
        String p = arguments.period(indicator, IndicatorValueStore.periods(c, indicator.id()), period);
        String benchmarkArea = area.code().equals(Areas.ENGLAND) || benchmarkMode.equals("england")
                ? Areas.ENGLAND : area.parent();
        List<IndicatorValue> values = PublicView.inGroupOrder(breakdown,
                IndicatorValueStore.read(c, indicator.id(), area.code(), p, breakdown.id()));
        PublicView view = PublicView.of(indicator, breakdown, area.code(), values, exact);
        Map<String, Double> benchmarkValues = benchmarkValues(c, indicator, area, benchmarkArea, p, breakdown, exact);
        List<DataRow> rows = new ArrayList<>();
        for (IndicatorValue v : values) {
            rows.add(row(indicator, breakdown, v, view, benchmarkValues.get(v.group())));
        }
        return new IndicatorData(indicator.id(), area.code(), area.name(), p, breakdown.id(), benchmarkMode,
                benchmarkArea, exact ? IndicatorData.EXACT : IndicatorData.PUBLIC, rows);
    }

    /**
     * The benchmark for each group: the same group in the benchmark area, except that England's
     * own rows, and rows that are providers (the provider breakdown, whose groups are areas
     * themselves: a provider "in" the region is the same provider), are compared with the
     * benchmark area's total; in the public view, the benchmark's public value.
     */
    private Map<String, Double> benchmarkValues(Connection c, Indicator indicator, Area area, String benchmarkArea,
            String period, Breakdown breakdown, boolean exact) throws SQLException {
        Map<String, Double> result = new HashMap<>();
        if (area.code().equals(Areas.ENGLAND) || !breakdown.hasFixedGroups()) {
            List<IndicatorValue> total = IndicatorValueStore.read(c, indicator.id(), benchmarkArea, period, Breakdown.NONE);
            if (total.isEmpty()) {
                return result;
            }
            PublicView view = PublicView.of(indicator, arguments.none(), benchmarkArea, total, exact);
            Double value = view.value(total.get(0).group());
            IndicatorValueStore.read(c, indicator.id(), area.code(), period, breakdown.id())
                    .forEach(v -> result.put(v.group(), value));
            return result;
        }
        List<IndicatorValue> bench = IndicatorValueStore.read(c, indicator.id(), benchmarkArea, period, breakdown.id());
        PublicView view = PublicView.of(indicator, breakdown, benchmarkArea, bench, exact);
        for (IndicatorValue v : bench) {
            result.put(v.group(), view.value(v.group()));
        }
        return result;
    }

    private DataRow row(Indicator indicator, Breakdown breakdown, IndicatorValue v, PublicView view, Double benchmark) {
        PublicView.Figures f = view.figures(v);
        BenchmarkComparison comparison = BenchmarkComparison.of(f.ci95(), benchmark);
        return new DataRow(v.group(), arguments.label(breakdown, v.group()), f.numerator(), f.denominator(), f.value(),
                f.lowerCi95(), f.upperCi95(), f.lowerCi998(), f.upperCi998(), benchmark, comparison,
                comparison.assess(indicator.polarity()), vsReference(indicator, breakdown, v, view), f.suppressed());
    }

    /** Null for the reference group itself and for breakdowns without one. */
    private static DataRow.VsReference vsReference(Indicator indicator, Breakdown breakdown, IndicatorValue v,
            PublicView view) {
        Optional<String> reference = breakdown.referenceGroup();
        if (reference.isEmpty() || reference.get().equals(v.group())) {
            return null;
        }
        PublicView.Comparison c = view.comparison(v);
        Double estimate = c == null ? null : c.estimate();
        Interval ci = c == null ? null : c.ci95();
        Double lower = ci == null ? null : ci.lower();
        Double upper = ci == null ? null : ci.upper();
        if (indicator.comparison() == Indicator.Comparison.DIFFERENCE) {
            return new DataRow.DifferenceFromReference(reference.get(), estimate, lower, upper,
                    ci != null && Disparity.isDisparity(ci, 0, indicator.polarity()));
        }
        return new DataRow.RatioToReference(reference.get(), estimate, lower, upper,
                ci != null && Disparity.isDisparity(ci, 1, indicator.polarity()));
    }
}
