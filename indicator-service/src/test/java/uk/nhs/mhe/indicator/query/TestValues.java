package uk.nhs.mhe.indicator.query;

import io.agroal.api.AgroalDataSource;
import uk.nhs.mhe.indicator.compute.IndicatorValue;
import uk.nhs.mhe.indicator.compute.IndicatorValueStore;
import uk.nhs.mhe.indicator.period.Period;
import uk.nhs.mhe.indicator.stats.CrudeRate;
import uk.nhs.mhe.indicator.stats.DirectlyStandardisedRate;
import uk.nhs.mhe.indicator.stats.DirectlyStandardisedRate.Stratum;
import uk.nhs.mhe.indicator.stats.DisclosureControl;
import uk.nhs.mhe.indicator.stats.Proportion;
import uk.nhs.mhe.indicator.stats.ProportionDifference;
import uk.nhs.mhe.indicator.stats.RateRatio;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Indicator values written straight into the store, shaped as the recalculation stores them
 * (rates per 100,000 with populations as denominators; proportions as percentages with
 * differences in percentage points), so the query endpoints can be tested without submissions.
 */
final class TestValues {

    private final Map<String, List<IndicatorValue>> byIndicatorAndPeriod = new LinkedHashMap<>();

    /** A breakdown of a crude rate: groups {@code code, x, population}; the first named group is the reference. */
    TestValues rates(String indicator, String area, String period, String breakdown, String reference, Object... groups) {
        Map<String, double[]> g = groups(groups);
        double[] ref = reference == null ? null : g.get(reference);
        g.forEach((code, xn) -> {
            CrudeRate r = CrudeRate.of((long) xn[0], xn[1], CrudeRate.PER_100_000);
            String refGroup = reference == null || reference.equals(code) ? null : reference;
            Optional<RateRatio> rr = refGroup == null ? Optional.empty()
                    : RateRatio.ofCrude((long) xn[0], xn[1], (long) ref[0], ref[1]);
            add(new IndicatorValue(indicator, area, period, typeOf(period), breakdown, code, (long) xn[0], xn[1],
                    r.value(), r.ci95().lower(), r.ci95().upper(), r.ci998().lower(), r.ci998().upper(), refGroup,
                    rr.map(RateRatio::value).orElse(null), rr.map(x -> x.ci95().lower()).orElse(null),
                    rr.map(x -> x.ci95().upper()).orElse(null)));
        });
        return this;
    }

    /** A breakdown of a proportion: groups {@code code, x, n}. */
    TestValues proportions(String indicator, String area, String period, String breakdown, String reference,
            Object... groups) {
        Map<String, double[]> g = groups(groups);
        double[] ref = reference == null ? null : g.get(reference);
        g.forEach((code, xn) -> {
            Proportion p = Proportion.percentage((long) xn[0], xn[1]);
            String refGroup = reference == null || reference.equals(code) ? null : reference;
            ProportionDifference d = refGroup == null ? null
                    : ProportionDifference.of((long) xn[0], xn[1], (long) ref[0], ref[1]);
            add(new IndicatorValue(indicator, area, period, typeOf(period), breakdown, code, (long) xn[0], xn[1],
                    p.value(), p.ci95().lower(), p.ci95().upper(), p.ci998().lower(), p.ci998().upper(), refGroup,
                    d == null ? null : d.value() * 100, d == null ? null : d.ci95().lower() * 100,
                    d == null ? null : d.ci95().upper() * 100));
        });
        return this;
    }

    /** A DSR row below 10 events: count and population, no value (indicators.md). */
    TestValues dsrNotComputed(String indicator, String area, String period, long x, double population) {
        add(new IndicatorValue(indicator, area, period, typeOf(period), "none", "All", x, population, null, null,
                null, null, null, null, null, null, null));
        return this;
    }

    /**
     * A DSR of breakdown none from its strata ({@code counts}, {@code populations}, {@code weights}
     * per 100,000): the exact DSR from the counts, and the public one from the counts each randomly
     * rounded to base 5, as the recalculation stores them.
     */
    TestValues dsr(String indicator, String area, String period, long[] counts, double[] populations,
            double[] weights) {
        List<Stratum> exact = new ArrayList<>();
        List<Stratum> rounded = new ArrayList<>();
        long observed = 0;
        double population = 0;
        for (int i = 0; i < counts.length; i++) {
            exact.add(new Stratum(counts[i], populations[i], weights[i]));
            rounded.add(new Stratum(DisclosureControl.roundForDerivation(indicator, counts[i]), populations[i], weights[i]));
            observed += counts[i];
            population += populations[i];
        }
        DirectlyStandardisedRate d = DirectlyStandardisedRate.per100k(exact).orElseThrow();
        DirectlyStandardisedRate p = DirectlyStandardisedRate.per100k(rounded).orElse(null);
        add(new IndicatorValue(indicator, area, period, typeOf(period), "none", "All", observed, population,
                d.value(), d.ci95().lower(), d.ci95().upper(), d.ci998().lower(), d.ci998().upper(), null, null,
                null, null, p));
        return this;
    }

    void write(AgroalDataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            for (List<IndicatorValue> values : byIndicatorAndPeriod.values()) {
                IndicatorValueStore.replacePeriod(c, values.get(0).indicatorId(), values.get(0).period(), values);
            }
            c.commit();
        }
    }

    private void add(IndicatorValue v) {
        byIndicatorAndPeriod.computeIfAbsent(v.indicatorId() + "|" + v.period(), k -> new ArrayList<>()).add(v);
    }

    private static String typeOf(String period) {
        return Period.parse(period).orElseThrow().type().apiName();
    }

    private static Map<String, double[]> groups(Object... groups) {
        Map<String, double[]> result = new LinkedHashMap<>();
        for (int i = 0; i < groups.length; i += 3) {
            result.put((String) groups[i], new double[] {((Number) groups[i + 1]).doubleValue(),
                    ((Number) groups[i + 2]).doubleValue()});
        }
        return result;
    }
}
