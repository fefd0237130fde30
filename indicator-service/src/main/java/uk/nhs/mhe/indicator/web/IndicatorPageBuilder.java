package uk.nhs.mhe.indicator.web;

import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.mhe.common.problem.ProblemException;
import uk.nhs.mhe.indicator.catalogue.Indicator;
import uk.nhs.mhe.indicator.period.Period;
import uk.nhs.mhe.indicator.query.FunnelQuery;
import uk.nhs.mhe.indicator.query.IndicatorData;
import uk.nhs.mhe.indicator.query.IndicatorFunnel;
import uk.nhs.mhe.indicator.query.IndicatorQuery;
import uk.nhs.mhe.indicator.query.IndicatorTrend;
import uk.nhs.mhe.indicator.query.TrendQuery;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts an indicator page together from the API's own queries: the breakdown first (its problems
 * — unknown indicator, area, period — make the whole page an error page, as they would make the
 * API answer one), then the trend and the funnel plot, each of which may be unavailable on its
 * own (no monthly values, no funnel for a standardised rate) without hiding the rest.
 */
@ApplicationScoped
public class IndicatorPageBuilder {

    private final IndicatorQuery dataQuery;
    private final TrendQuery trendQuery;
    private final FunnelQuery funnelQuery;
    private final Choices choices;

    public IndicatorPageBuilder(IndicatorQuery dataQuery, TrendQuery trendQuery, FunnelQuery funnelQuery,
            Choices choices) {
        this.dataQuery = dataQuery;
        this.trendQuery = trendQuery;
        this.funnelQuery = funnelQuery;
        this.choices = choices;
    }

    /** @throws ProblemException when the API would refuse the selection */
    public IndicatorPage build(String id, Selection wanted, Viewer viewer, String here) {
        IndicatorData data = dataQuery.data(id, wanted.area(), wanted.period(), wanted.breakdown(), wanted.benchmark(),
                viewer.exact());
        Indicator indicator = choices.catalogue().find(id).orElseThrow();
        BreakdownView breakdown = BreakdownView.of(indicator, data, data.areaName(),
                choices.areaName(data.benchmarkArea()));

        String periodType = wanted.periodType() != null ? wanted.periodType()
                : indicator.periodTypes().contains("month") ? "month" : "FY";
        // The trend ends at the chosen period when it is of the trend's type, else at the latest.
        String to = Period.parse(data.period()).map(p -> p.type().apiName()).orElse("").equals(periodType)
                ? data.period() : null;
        String group = wanted.group();
        TrendView trend;
        try {
            IndicatorTrend t = trendQuery.trend(id, data.area(), data.breakdown(), group, periodType, to, viewer.exact());
            trend = TrendView.of(indicator, t);
            group = t.group();
        } catch (ProblemException e) {
            trend = TrendView.unavailable(e.problem().detail());
        }
        String areaType = wanted.areaType() != null ? wanted.areaType()
                : indicator.areaTypes().contains("ICB") ? "ICB" : indicator.areaTypes().get(indicator.areaTypes().size() - 1);
        FunnelView funnel;
        try {
            IndicatorFunnel f = funnelQuery.funnel(id, areaType, data.period(), data.breakdown(), group, viewer.exact());
            funnel = FunnelView.of(indicator, f);
        } catch (ProblemException e) {
            funnel = FunnelView.unavailable(e.problem().detail());
        }

        Selection resolved = new Selection(data.area(), data.period(), data.breakdown(), data.benchmark(), group,
                periodType, areaType);
        List<String> periods = choices.storedPeriods(id);
        final String currentGroup = group;
        Choices.Lists lists = new Choices.Lists(choices.indicators(id), choices.areas(indicator, data.area()),
                choices.periods(periods, data.period()), choices.breakdowns(indicator, data.breakdown()),
                choices.benchmarks(data.benchmark()),
                data.rows().stream().map(r -> Option.of(r.group(), r.label(), currentGroup)).toList(),
                choices.periodTypes(indicator, periodType), choices.funnelAreaTypes(indicator, areaType));
        return new IndicatorPage(viewer, indicator, resolved, data.areaName(), Wording.period(data.period()),
                Wording.breakdown(data.breakdown()), lists, breakdown, trend, funnel, links(id, resolved), here);
    }

    private static IndicatorPage.Links links(String id, Selection s) {
        String base = "/indicators/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
        Map<String, String> trend = new LinkedHashMap<>();
        trend.put("area", s.area());
        trend.put("breakdown", s.breakdown());
        trend.put("group", s.group());
        trend.put("periodType", s.periodType());
        Map<String, String> funnel = new LinkedHashMap<>();
        funnel.put("areaType", s.areaType());
        funnel.put("period", s.period());
        funnel.put("breakdown", s.breakdown());
        funnel.put("group", s.group());
        return new IndicatorPage.Links(base + "/data.csv" + s.dataQuery(), base + "/trend.csv" + Selection.query(trend),
                base + "/funnel.csv" + Selection.query(funnel), "/api/v1/indicators/" + id + "/data" + s.dataQuery());
    }
}
