package uk.nhs.mhe.indicator.compute;

import uk.nhs.mhe.indicator.stats.CrudeRate;
import uk.nhs.mhe.indicator.stats.RateRatio;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Crude rates per 100,000 for every population area and group of the given breakdowns, from
 * event counts and population both keyed by ICB of residence and ethnic category. Pure: the
 * same inputs always give the same values, whether computed for one changed month or for all.
 */
public final class CrudeRateByArea {

    private final String indicatorId;
    private final Map<String, Set<String>> icbsOfArea;
    private final List<Breakdown> breakdowns;

    public CrudeRateByArea(String indicatorId, Map<String, Set<String>> icbsOfArea, List<Breakdown> breakdowns) {
        this.indicatorId = indicatorId;
        this.icbsOfArea = icbsOfArea;
        this.breakdowns = breakdowns;
    }

    /**
     * @param counts     events by ICB then ethnic category
     * @param population people by ICB then ethnic category (empty when no population applies)
     */
    public List<IndicatorValue> compute(String period, Map<String, Map<String, Long>> counts,
            Map<String, Map<String, Long>> population) {
        List<IndicatorValue> values = new ArrayList<>();
        for (Map.Entry<String, Set<String>> area : icbsOfArea.entrySet()) {
            for (Breakdown breakdown : breakdowns) {
                Map<String, Long> numerators = new HashMap<>();
                Map<String, Long> denominators = new HashMap<>();
                for (String icb : area.getValue()) {
                    counts.getOrDefault(icb, Map.of()).forEach((code, n) ->
                            numerators.merge(breakdown.groupOf(code), n, Long::sum));
                    population.getOrDefault(icb, Map.of()).forEach((code, n) ->
                            denominators.merge(breakdown.groupOf(code), n, Long::sum));
                }
                Optional<String> reference = breakdown.referenceGroup();
                long refCount = reference.map(g -> numerators.getOrDefault(g, 0L)).orElse(0L);
                Long refPopulation = reference.map(denominators::get).orElse(null);
                for (Group group : breakdown.groups()) {
                    long x = numerators.getOrDefault(group.code(), 0L);
                    Long n = denominators.get(group.code());
                    values.add(value(period, area.getKey(), breakdown, group, x, n,
                            reference.filter(r -> !r.equals(group.code())).isPresent(), refCount, refPopulation));
                }
            }
        }
        return values;
    }

    private IndicatorValue value(String period, String area, Breakdown breakdown, Group group, long x, Long n,
            boolean compareToReference, long refCount, Long refPopulation) {
        if (n == null || n <= 0) {
            return new IndicatorValue(indicatorId, area, period, breakdown.id(), group.code(), x,
                    n == null ? null : n.doubleValue(), null, null, null, null, null, null, null, null);
        }
        CrudeRate rate = CrudeRate.per100k(x, n);
        Optional<RateRatio> ratio = compareToReference && refPopulation != null && refPopulation > 0
                ? RateRatio.ofCrude(x, n, refCount, refPopulation) : Optional.empty();
        return new IndicatorValue(indicatorId, area, period, breakdown.id(), group.code(), x, n.doubleValue(),
                rate.value(), rate.ci95().lower(), rate.ci95().upper(), rate.ci998().lower(), rate.ci998().upper(),
                ratio.map(RateRatio::value).orElse(null), ratio.map(r -> r.ci95().lower()).orElse(null),
                ratio.map(r -> r.ci95().upper()).orElse(null));
    }
}
