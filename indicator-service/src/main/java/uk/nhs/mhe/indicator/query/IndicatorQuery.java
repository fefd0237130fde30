package uk.nhs.mhe.indicator.query;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.mhe.common.problem.Problem;
import uk.nhs.mhe.common.problem.ProblemException;
import uk.nhs.mhe.indicator.catalogue.Catalogue;
import uk.nhs.mhe.indicator.catalogue.Indicator;
import uk.nhs.mhe.indicator.compute.Breakdown;
import uk.nhs.mhe.indicator.compute.Group;
import uk.nhs.mhe.indicator.compute.IndicatorValue;
import uk.nhs.mhe.indicator.compute.IndicatorValueStore;
import uk.nhs.mhe.indicator.reference.Area;
import uk.nhs.mhe.indicator.reference.Areas;
import uk.nhs.mhe.indicator.stats.BenchmarkComparison;
import uk.nhs.mhe.indicator.stats.DisclosureControl;
import uk.nhs.mhe.indicator.stats.DisclosureControl.AreaLevel;
import uk.nhs.mhe.indicator.stats.DisclosureControl.DenominatorKind;
import uk.nhs.mhe.indicator.stats.DisclosureControl.PublishedRow;
import uk.nhs.mhe.indicator.stats.Disparity;
import uk.nhs.mhe.indicator.stats.Interval;
import uk.nhs.mhe.reference.ReferenceData;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads calculated values and shapes them for the API: benchmark comparison with polarity,
 * comparison with the reference group, and — for every caller without the {@code assurance}
 * role — disclosure control. Unknown indicators, areas, periods and breakdowns are refused with
 * what is available, never answered with an empty result.
 */
@ApplicationScoped
public class IndicatorQuery {

    private final AgroalDataSource dataSource;
    private final Catalogue catalogue;
    private final Areas areas;
    private final Map<String, Breakdown> breakdowns = new HashMap<>();

    public IndicatorQuery(AgroalDataSource dataSource, Catalogue catalogue, Areas areas, ReferenceData ref) {
        this.dataSource = dataSource;
        this.catalogue = catalogue;
        this.areas = areas;
        breakdowns.putAll(Breakdown.all(ref));
    }

    public IndicatorData data(String indicatorId, String areaCode, String period, String breakdownId,
            String benchmark, boolean exact) {
        Indicator indicator = catalogue.find(indicatorId).orElseThrow(() -> new ProblemException(
                Problem.of("unknown-indicator", "Unknown indicator", 404, "No indicator '" + indicatorId + "'")
                        .with("available", catalogue.all().stream().map(Indicator::id).toList())));
        String bd = blank(breakdownId) ? Breakdown.NONE : breakdownId;
        if (!indicator.breakdowns().contains(bd) || !breakdowns.containsKey(bd)) {
            throw new ProblemException(Problem.of("unknown-breakdown", "Unknown breakdown", 400,
                    indicator.id() + " has no breakdown '" + bd + "'").with("available", indicator.breakdowns()));
        }
        // ODS codes are upper case; accept "y56" or "england" as typed.
        Area area = areas.find(blank(areaCode) ? Areas.ENGLAND : areaCode.trim().toUpperCase(java.util.Locale.ROOT)).orElseThrow(() -> new ProblemException(
                Problem.of("unknown-area", "Unknown area", 404, "No area '" + areaCode
                        + "'; areas are ODS codes or ENGLAND, listed at /api/v1/areas")));
        if (!areas.residenceAreas().containsKey(area.code())) {
            throw new ProblemException(Problem.of("area-not-available", "Area not available", 400,
                    indicator.id() + " is measured by area of residence: England, regions and ICBs, not "
                            + area.type() + " " + area.code()).with("availableAreaTypes", List.of("ENGLAND", "REGION", "ICB")));
        }
        String mode = blank(benchmark) ? "england" : benchmark.trim().toLowerCase(java.util.Locale.ROOT);
        if (!mode.equals("england") && !mode.equals("parent")) {
            throw new ProblemException(Problem.of("unknown-benchmark", "Unknown benchmark", 400,
                    "benchmark must be england or parent, got '" + benchmark + "'").with("available", List.of("england", "parent")));
        }
        try (Connection c = dataSource.getConnection()) {
            // One snapshot for periods, rows and benchmark, so a recalculation committing
            // meanwhile cannot mix old and new values in one answer.
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                return answer(c, indicator, area, period, bd, mode, exact);
            } finally {
                c.rollback();
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read indicator values", e);
        }
    }

    private IndicatorData answer(Connection c, Indicator indicator, Area area, String period, String bd,
            String benchmarkMode, boolean exact) throws SQLException {
        List<String> periods = IndicatorValueStore.periods(c, indicator.id());
        if (periods.isEmpty()) {
            throw new ProblemException(Problem.of("no-data", "No data yet", 404,
                    "No values of " + indicator.id() + " have been calculated yet").with("available", List.of()));
        }
        String p = blank(period) ? periods.get(0) : period.trim();
        if (!periods.contains(p)) {
            throw new ProblemException(Problem.of("unknown-period", "Period not available", 404,
                    "No values of " + indicator.id() + " for period '" + p + "'").with("available", periods));
        }
        Breakdown breakdown = breakdowns.get(bd);
        String benchmarkArea = area.code().equals(Areas.ENGLAND) || benchmarkMode.equals("england")
                ? Areas.ENGLAND : area.parent();
        List<IndicatorValue> values = IndicatorValueStore.read(c, indicator.id(), area.code(), p, bd);
        Map<String, Double> benchmarkValues = benchmarkValues(c, indicator, area, benchmarkArea, p, breakdown, exact);
        List<DataRow> rows = rows(indicator, breakdown, values, benchmarkValues, levelOf(area), exact);
        return new IndicatorData(indicator.id(), area.code(), area.name(), p, bd, benchmarkMode, benchmarkArea,
                exact ? IndicatorData.EXACT : IndicatorData.PUBLIC, rows);
    }

    /**
     * The benchmark for each group: the same group in the benchmark area, except that England's
     * own rows are compared with England's total. Suppressed benchmark values are not used in
     * the public view.
     */
    private Map<String, Double> benchmarkValues(Connection c, Indicator indicator, Area area, String benchmarkArea,
            String period, Breakdown breakdown, boolean exact) throws SQLException {
        Map<String, Double> result = new HashMap<>();
        if (area.code().equals(Areas.ENGLAND)) {
            List<IndicatorValue> total = IndicatorValueStore.read(c, indicator.id(), Areas.ENGLAND, period, Breakdown.NONE);
            List<Double> totals = published(total, AreaLevel.ENGLAND, exact);
            Double value = totals.isEmpty() ? null : totals.get(0); // null when suppressed
            breakdown.groups().forEach(g -> result.put(g.code(), value));
            return result;
        }
        // In the breakdown's order, as the benchmark area's own page publishes it: disclosure
        // control depends on the order when groups tie for "next smallest".
        List<IndicatorValue> bench = inGroupOrder(breakdown,
                IndicatorValueStore.read(c, indicator.id(), benchmarkArea, period, breakdown.id()));
        List<Double> values = published(bench, levelOf(areas.find(benchmarkArea).orElseThrow()), exact);
        for (int i = 0; i < bench.size(); i++) {
            result.put(bench.get(i).group(), values.get(i));
        }
        return result;
    }

    /** Values as the caller may see them: suppressed ones become null in the public view. */
    private static List<Double> published(List<IndicatorValue> values, AreaLevel level, boolean exact) {
        if (exact) {
            return values.stream().map(IndicatorValue::value).toList();
        }
        List<PublishedRow> published = DisclosureControl.publish(values.stream().map(IndicatorQuery::row).toList(),
                level, DenominatorKind.POPULATION);
        List<Double> result = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            result.add(published.get(i).valueSuppressed() ? null : values.get(i).value());
        }
        return result;
    }

    private static List<DataRow> rows(Indicator indicator, Breakdown breakdown, List<IndicatorValue> values,
            Map<String, Double> benchmarkValues, AreaLevel level, boolean exact) {
        List<IndicatorValue> ordered = inGroupOrder(breakdown, values);
        Map<String, PublishedRow> published = new HashMap<>();
        if (!exact) {
            List<PublishedRow> list = DisclosureControl.publish(ordered.stream().map(IndicatorQuery::row).toList(),
                    level, DenominatorKind.POPULATION);
            list.forEach(r -> published.put(r.group(), r));
        }
        Optional<String> reference = breakdown.referenceGroup();
        List<DataRow> rows = new ArrayList<>();
        for (IndicatorValue v : ordered) {
            Group group = breakdown.group(v.group()).orElseThrow();
            PublishedRow pub = published.get(v.group());
            boolean valueHidden = pub != null && pub.valueSuppressed();
            Long numerator = pub == null ? Long.valueOf(v.numerator()) : pub.numerator();
            Double value = valueHidden ? null : v.value();
            Interval ci95 = value == null || v.lower95() == null ? null : new Interval(v.lower95(), v.upper95());
            Double benchmark = benchmarkValues.get(v.group());
            BenchmarkComparison comparison = BenchmarkComparison.of(ci95, benchmark);
            DataRow.VsReference vs = null;
            if (reference.isPresent() && !reference.get().equals(v.group())) {
                PublishedRow refPub = published.get(reference.get());
                boolean hidden = pub != null && (refPub == null || DisclosureControl.comparisonSuppressed(pub, refPub));
                Interval ratioCi = hidden || v.comparison() == null ? null : new Interval(v.comparisonLower95(), v.comparisonUpper95());
                vs = new DataRow.VsReference(reference.get(), hidden ? null : v.comparison(),
                        ratioCi == null ? null : ratioCi.lower(), ratioCi == null ? null : ratioCi.upper(),
                        ratioCi != null && Disparity.isDisparity(ratioCi, 1, indicator.polarity()));
            }
            rows.add(new DataRow(group.code(), group.label(), numerator, v.denominator(), value,
                    valueHidden ? null : v.lower95(), valueHidden ? null : v.upper95(),
                    valueHidden ? null : v.lower998(), valueHidden ? null : v.upper998(), benchmark, comparison,
                    comparison.assess(indicator.polarity()), vs, pub != null && pub.suppressed()));
        }
        return rows;
    }

    private static List<IndicatorValue> inGroupOrder(Breakdown breakdown, List<IndicatorValue> values) {
        Map<String, IndicatorValue> byGroup = values.stream().collect(Collectors.toMap(IndicatorValue::group, v -> v));
        return breakdown.groups().stream().map(g -> byGroup.get(g.code())).filter(v -> v != null).toList();
    }

    private static DisclosureControl.Row row(IndicatorValue v) {
        return new DisclosureControl.Row(v.group(), v.numerator(), v.denominator() == null ? 0 : v.denominator());
    }

    private static AreaLevel levelOf(Area area) {
        return area.code().equals(Areas.ENGLAND) ? AreaLevel.ENGLAND : AreaLevel.SUB_NATIONAL;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
