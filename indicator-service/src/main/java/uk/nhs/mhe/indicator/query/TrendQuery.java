package uk.nhs.mhe.indicator.query;

import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.mhe.common.problem.Problem;
import uk.nhs.mhe.common.problem.ProblemException;
import uk.nhs.mhe.indicator.catalogue.Indicator;
import uk.nhs.mhe.indicator.compute.Breakdown;
import uk.nhs.mhe.indicator.compute.IndicatorValue;
import uk.nhs.mhe.indicator.compute.IndicatorValueStore;
import uk.nhs.mhe.indicator.period.Period;
import uk.nhs.mhe.indicator.period.PeriodType;
import uk.nhs.mhe.indicator.reference.Area;
import uk.nhs.mhe.indicator.stats.Observation;
import uk.nhs.mhe.indicator.stats.RecentTrend;
import uk.nhs.mhe.indicator.stats.Trend;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A group's values over every period of one type up to {@code to}, with the Fingertips recent
 * trend (indicators.md, "Recent trend") on the five consecutive periods ending at {@code to}.
 * Monthly or financial-year points only: rolling twelve-month points overlap (each shares eleven
 * months with the next), so they are not independent and a trend test over them means nothing.
 */
@ApplicationScoped
public class TrendQuery {

    private static final List<String> TREND_PERIOD_TYPES = List.of(PeriodType.MONTH.apiName(), PeriodType.FY.apiName());

    private final Snapshot snapshot;
    private final QueryArguments arguments;

    public TrendQuery(Snapshot snapshot, QueryArguments arguments) {
        this.snapshot = snapshot;
        this.arguments = arguments;
    }

    public IndicatorTrend trend(String indicatorId, String areaCode, String breakdownId, String group,
            String periodTypeName, String to, boolean exact) {
        Indicator indicator = arguments.indicator(indicatorId);
        Breakdown breakdown = arguments.breakdown(indicator, breakdownId);
        Area area = arguments.area(indicator, areaCode);
        PeriodType type = periodType(indicator, periodTypeName);
        return snapshot.read(c -> answer(c, indicator, area, breakdown, group, type, to, exact));
    }

    private static PeriodType periodType(Indicator indicator, String name) {
        if (QueryArguments.blank(name)) {
            return PeriodType.MONTH;
        }
        PeriodType type = PeriodType.fromApiName(name).orElse(null);
        if (type == PeriodType.R12) {
            throw new ProblemException(Problem.of("trend-period-type", "No trend over rolling periods", 400,
                    "A trend needs independent points: each R12 period shares eleven months with the next, so "
                            + "ask for periodType=month or FY").with("available", TREND_PERIOD_TYPES));
        }
        if (type == null || !indicator.periodTypes().contains(type.apiName())) {
            throw new ProblemException(Problem.of("unknown-period-type", "Unknown period type", 400,
                    "periodType must be month or FY, got '" + name + "'").with("available", TREND_PERIOD_TYPES));
        }
        return type;
    }

    private IndicatorTrend answer(Connection c, Indicator indicator, Area area, Breakdown breakdown, String groupWanted,
            PeriodType type, String toWanted, boolean exact) throws SQLException {
        // Every group of the breakdown, not just the one asked for: disclosure control of each
        // period runs over the whole breakdown, as on the /data page for that period.
        TreeMap<Period, List<IndicatorValue>> byPeriod = new TreeMap<>();
        for (IndicatorValue v : IndicatorValueStore.series(c, indicator.id(), area.code(), breakdown.id(), type.apiName())) {
            Period.parse(v.period()).filter(p -> p.type() == type)
                    .ifPresent(p -> byPeriod.computeIfAbsent(p, k -> new ArrayList<>()).add(v));
        }
        List<String> available = new ArrayList<>(byPeriod.keySet().stream().map(Period::code).toList());
        java.util.Collections.reverse(available); // newest first, as /data lists periods
        if (byPeriod.isEmpty()) {
            throw new ProblemException(Problem.of("no-data", "No data yet", 404, "No " + type.apiName()
                    + " values of " + indicator.id() + " for " + area.code() + " by " + breakdown.id())
                    .with("available", IndicatorValueStore.periods(c, indicator.id())));
        }
        String group = arguments.group(breakdown, groupWanted,
                byPeriod.values().stream().flatMap(List::stream).map(IndicatorValue::group).toList());
        Period to = to(type, toWanted, byPeriod, available);

        List<IndicatorTrend.Point> points = new ArrayList<>();
        Map<Period, Observation> observed = new TreeMap<>();
        Map<Period, Boolean> hidden = new TreeMap<>();
        for (Map.Entry<Period, List<IndicatorValue>> e : byPeriod.entrySet()) {
            if (e.getKey().compareTo(to) > 0) {
                break;
            }
            PublicView view = PublicView.of(indicator, breakdown, area.code(), e.getValue(), exact);
            for (IndicatorValue v : e.getValue()) {
                if (v.group().equals(group)) {
                    PublicView.Figures f = view.figures(v);
                    points.add(new IndicatorTrend.Point(v.period(), f.numerator(), f.denominator(), f.value(),
                            f.lowerCi95(), f.upperCi95(), f.lowerCi998(), f.upperCi998(), f.suppressed()));
                    observed.put(e.getKey(), view.observation(v));
                    hidden.put(e.getKey(), view.valueHidden(v.group()));
                }
            }
        }
        return new IndicatorTrend(indicator.id(), area.code(), area.name(), breakdown.id(), group,
                arguments.label(breakdown, group), type.apiName(), to.code(),
                exact ? IndicatorData.EXACT : IndicatorData.PUBLIC, points,
                recentTrend(indicator, to, observed, hidden));
    }

    private static Period to(PeriodType type, String wanted, TreeMap<Period, List<IndicatorValue>> byPeriod,
            List<String> available) {
        if (QueryArguments.blank(wanted)) {
            return byPeriod.lastKey();
        }
        Period to = Period.parse(wanted).orElseThrow(() -> new ProblemException(Problem.of("invalid-period",
                "Invalid period", 400, "to='" + wanted + "' is not a period").with("available", available)));
        if (to.type() != type) {
            throw new ProblemException(Problem.of("invalid-period", "Period of another type", 400, "to='" + wanted
                    + "' is not a " + type.apiName() + " period").with("available", available));
        }
        if (!byPeriod.containsKey(to)) {
            throw new ProblemException(Problem.of("unknown-period", "Period not available", 404,
                    "No values for period '" + to.code() + "'").with("available", available));
        }
        return to;
    }

    /** The five consecutive periods ending at {@code to}, oldest first. */
    static List<Period> lastFive(Period to) {
        List<Period> result = new ArrayList<>();
        for (int back = RecentTrend.POINTS - 1; back >= 0; back--) {
            result.add(to.type() == PeriodType.FY ? Period.financialYear(to.first().getYear() - back)
                    : Period.month(to.last().minusMonths(back)));
        }
        return result;
    }

    /**
     * The recent trend of the last five points, from the counts this caller may see: in the
     * public view the published counts, so the label follows from public figures only.
     */
    private static IndicatorTrend.RecentTrendResult recentTrend(Indicator indicator, Period to,
            Map<Period, Observation> observed, Map<Period, Boolean> hidden) {
        List<Period> five = lastFive(to);
        List<String> codes = five.stream().map(Period::code).toList();
        if (indicator.calculation() == Indicator.Calculation.DSR) {
            // indicators.md: not DSRs. Both tests take counts over denominators (or a crude rate's
            // Poisson limits); a DSR is a weighted sum of stratum rates, which neither describes.
            return new IndicatorTrend.RecentTrendResult(Trend.CANNOT_BE_CALCULATED, null, codes);
        }
        List<Observation> observations = new ArrayList<>();
        for (Period p : five) {
            if (Boolean.TRUE.equals(hidden.get(p))) {
                // A point the public may not see: no trend through it.
                return new IndicatorTrend.RecentTrendResult(Trend.CANNOT_BE_CALCULATED, null, codes);
            }
            observations.add(observed.get(p));
        }
        RecentTrend trend = indicator.calculation() == Indicator.Calculation.PROPORTION
                ? RecentTrend.forProportions(observations) : RecentTrend.forRates(observations);
        return new IndicatorTrend.RecentTrendResult(trend.trend(), trend.chiSquared(), codes);
    }
}
