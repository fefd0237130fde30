package uk.nhs.mhe.indicator.web;

import io.agroal.api.AgroalDataSource;
import uk.nhs.mhe.indicator.compute.IndicatorValue;
import uk.nhs.mhe.indicator.compute.IndicatorValueStore;
import uk.nhs.mhe.indicator.stats.CrudeRate;
import uk.nhs.mhe.indicator.stats.RateRatio;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Crude-rate values written straight into the store, shaped as the recalculation stores them
 * (per 100,000, ratios to the reference group), so the pages can be tested without submissions.
 */
final class PageTestValues {

    private final Map<String, List<IndicatorValue>> byIndicatorAndPeriod = new LinkedHashMap<>();

    /** Groups as {@code code, x, population}; {@code reference} names the reference group or is null. */
    PageTestValues rates(String indicator, String area, String period, String breakdown, String reference,
            Object... groups) {
        Map<String, double[]> g = new LinkedHashMap<>();
        for (int i = 0; i < groups.length; i += 3) {
            g.put((String) groups[i], new double[] {((Number) groups[i + 1]).doubleValue(),
                    ((Number) groups[i + 2]).doubleValue()});
        }
        double[] ref = reference == null ? null : g.get(reference);
        g.forEach((code, xn) -> {
            CrudeRate r = CrudeRate.of((long) xn[0], xn[1], CrudeRate.PER_100_000);
            String refGroup = reference == null || reference.equals(code) ? null : reference;
            Optional<RateRatio> rr = refGroup == null ? Optional.empty()
                    : RateRatio.ofCrude((long) xn[0], xn[1], (long) ref[0], ref[1]);
            IndicatorValue v = new IndicatorValue(indicator, area, period, "month", breakdown, code, (long) xn[0], xn[1],
                    r.value(), r.ci95().lower(), r.ci95().upper(), r.ci998().lower(), r.ci998().upper(), refGroup,
                    rr.map(RateRatio::value).orElse(null), rr.map(x -> x.ci95().lower()).orElse(null),
                    rr.map(x -> x.ci95().upper()).orElse(null));
            byIndicatorAndPeriod.computeIfAbsent(indicator + "|" + period, k -> new ArrayList<>()).add(v);
        });
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
}
