package uk.nhs.mhe.indicator.events;

import uk.nhs.mhe.indicator.compute.IndicatorValue;
import uk.nhs.mhe.indicator.stats.CrudeRate;
import uk.nhs.mhe.indicator.stats.Proportion;
import uk.nhs.mhe.indicator.stats.ProportionDifference;
import uk.nhs.mhe.indicator.stats.RateRatio;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One area's values of one breakdown, shaped as the recalculation stores them: exact figures
 * calculated from exact counts, with the exact ratio or difference to the reference group (which
 * the public view must not use). Groups are {@code code, x, n}; the reference group, when given,
 * must be among them.
 */
final class ExactRows {

    private ExactRows() {
    }

    /** A crude rate per 100,000: {@code code, x, population}. */
    static List<IndicatorValue> rates(String indicator, String area, String period, String breakdown,
            String reference, Object... groups) {
        long[] ref = reference == null ? null : find(reference, groups);
        List<IndicatorValue> rows = new ArrayList<>();
        for (int i = 0; i < groups.length; i += 3) {
            String code = (String) groups[i];
            long x = ((Number) groups[i + 1]).longValue();
            double n = ((Number) groups[i + 2]).doubleValue();
            CrudeRate r = CrudeRate.of(x, n, CrudeRate.PER_100_000);
            String refGroup = reference == null || reference.equals(code) ? null : reference;
            Optional<RateRatio> rr = refGroup == null ? Optional.empty() : RateRatio.ofCrude(x, n, ref[0], ref[1]);
            rows.add(new IndicatorValue(indicator, area, period, "month", breakdown, code, x, n, r.value(),
                    r.ci95().lower(), r.ci95().upper(), r.ci998().lower(), r.ci998().upper(), refGroup,
                    rr.map(RateRatio::value).orElse(null), rr.map(v -> v.ci95().lower()).orElse(null),
                    rr.map(v -> v.ci95().upper()).orElse(null)));
        }
        return rows;
    }

    /** A proportion as a percentage, differences in percentage points: {@code code, x, n}. */
    static List<IndicatorValue> proportions(String indicator, String area, String period, String breakdown,
            String reference, Object... groups) {
        long[] ref = reference == null ? null : find(reference, groups);
        List<IndicatorValue> rows = new ArrayList<>();
        for (int i = 0; i < groups.length; i += 3) {
            String code = (String) groups[i];
            long x = ((Number) groups[i + 1]).longValue();
            long n = ((Number) groups[i + 2]).longValue();
            Proportion p = Proportion.percentage(x, n);
            String refGroup = reference == null || reference.equals(code) ? null : reference;
            ProportionDifference d = refGroup == null ? null : ProportionDifference.of(x, n, ref[0], ref[1]);
            rows.add(new IndicatorValue(indicator, area, period, "month", breakdown, code, x, (double) n, p.value(),
                    p.ci95().lower(), p.ci95().upper(), p.ci998().lower(), p.ci998().upper(), refGroup,
                    d == null ? null : d.value() * 100, d == null ? null : d.ci95().lower() * 100,
                    d == null ? null : d.ci95().upper() * 100));
        }
        return rows;
    }

    /** Rows of several breakdowns (or areas) as one list. */
    @SafeVarargs
    static List<IndicatorValue> all(List<IndicatorValue>... parts) {
        List<IndicatorValue> all = new ArrayList<>();
        for (List<IndicatorValue> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    /** The row of {@code group} in {@code rows}. */
    static IndicatorValue of(List<IndicatorValue> rows, String breakdown, String group) {
        return rows.stream().filter(v -> v.breakdown().equals(breakdown) && v.group().equals(group)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + breakdown + "|" + group));
    }

    private static long[] find(String code, Object... groups) {
        for (int i = 0; i < groups.length; i += 3) {
            if (groups[i].equals(code)) {
                return new long[] {((Number) groups[i + 1]).longValue(), ((Number) groups[i + 2]).longValue()};
            }
        }
        throw new IllegalArgumentException("reference group " + code + " not among the groups");
    }
}
