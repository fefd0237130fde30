package uk.nhs.mhe.indicator.query;

import uk.nhs.mhe.indicator.catalogue.Indicator;
import uk.nhs.mhe.indicator.compute.Breakdown;
import uk.nhs.mhe.indicator.compute.Group;
import uk.nhs.mhe.indicator.compute.IndicatorValue;
import uk.nhs.mhe.indicator.stats.CrudeRate;
import uk.nhs.mhe.indicator.stats.DirectlyStandardisedRate;
import uk.nhs.mhe.indicator.stats.DisclosureControl;
import uk.nhs.mhe.indicator.stats.Interval;
import uk.nhs.mhe.indicator.stats.Observation;
import uk.nhs.mhe.indicator.stats.Proportion;
import uk.nhs.mhe.indicator.stats.ProportionDifference;
import uk.nhs.mhe.indicator.stats.RateRatio;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a caller may see of the values of one area's breakdown in one period: the exact figures
 * with the {@code assurance} role, otherwise the public figures of {@link DisclosureControl}.
 * <p>
 * Public figures are <b>calculated from the published counts only</b>: a count of 1–9 is
 * hidden, every other count randomly rounded to base 5, and the rate or proportion, its limits and
 * the ratio or difference to the reference group are then calculated by the ordinary methods
 * from those counts and the published denominators (a DSR from its rounded strata, kept with the
 * value). Nothing public is a function of an exact count, so nothing combines with other public
 * figures into an exact count. Every other public figure (benchmark comparisons, funnel averages
 * and positions, trend labels, disparities in change events) is built on these.
 */
public final class PublicView {

    private final boolean exact;
    private final Map<String, Figures> figures;
    private final Map<String, Comparison> comparisons;

    private PublicView(boolean exact, Map<String, Figures> figures, Map<String, Comparison> comparisons) {
        this.exact = exact;
        this.figures = figures;
        this.comparisons = comparisons;
    }

    /** The view of one area's values of one breakdown and period (any order). */
    public static PublicView of(Indicator indicator, Breakdown breakdown, String area, List<IndicatorValue> values,
            boolean exact) {
        Map<String, Figures> figures = new HashMap<>();
        Map<String, Comparison> comparisons = new HashMap<>();
        if (exact) {
            for (IndicatorValue v : values) {
                figures.put(v.group(), new Figures(v.numerator(), v.denominator(), v.value(), v.lower95(), v.upper95(),
                        v.lower998(), v.upper998(), false));
                comparisons.put(v.group(), v.comparison() == null ? null
                        : new Comparison(v.comparison(), v.comparisonLower95(), v.comparisonUpper95()));
            }
            return new PublicView(true, figures, comparisons);
        }
        Map<String, Published> published = new HashMap<>();
        boolean sparse = !Breakdown.NONE.equals(breakdown.id()) && tableTotal(indicator, values) < MIN_TABLE_TOTAL;
        for (IndicatorValue v : values) {
            Published p = sparse ? withheld(indicator, v) : publish(indicator, v);
            published.put(v.group(), p);
            figures.put(v.group(), p.figures());
        }
        Optional<String> reference = breakdown.referenceGroup();
        for (IndicatorValue v : values) {
            Published ref = reference.filter(r -> !r.equals(v.group())).map(published::get).orElse(null);
            comparisons.put(v.group(), ref == null ? null : compare(indicator, published.get(v.group()), ref));
        }
        return new PublicView(false, figures, comparisons);
    }

    /**
     * A breakdown of an area and period is shown in public only when the count it splits (the
     * table's total) is at least this; below it, every group is withheld and only the total
     * (breakdown {@code none}) is shown. Small tables are where rounded figures pin small counts:
     * with a few events split over many groups, the rounding intervals of the groups, of the
     * total and of the same groups in the areas above and the periods around intersect (the
     * attacker audit, {@code DisclosureAuditTest}). A table of 20 or more leaves every small group
     * enough company.
     */
    public static final long MIN_TABLE_TOTAL = 20;

    /**
     * The count a breakdown's values split: the sum of their counts (events for rates and DSRs,
     * the denominators' records for proportions). Exact, but only compared with the threshold.
     */
    static long tableTotal(Indicator indicator, List<IndicatorValue> values) {
        long total = 0;
        for (IndicatorValue v : values) {
            if (indicator.calculation() == Indicator.Calculation.PROPORTION) {
                total += v.denominator() == null ? 0 : Math.round(v.denominator());
            } else {
                total += v.numerator();
            }
        }
        return total;
    }

    /** A value of a withheld table: hidden, its population still shown (it is not a count of the data). */
    private static Published withheld(Indicator indicator, IndicatorValue v) {
        Double population = indicator.calculation() == Indicator.Calculation.PROPORTION ? null : v.denominator();
        return new Published(new Figures(null, population, null, null, null, null, null, true), null, population,
                null);
    }

    /** A value's public figures and the protected inputs they were calculated from. */
    private record Published(Figures figures, Long numerator, Double denominator, DirectlyStandardisedRate dsr) {
        boolean computed() {
            return figures.value() != null;
        }
    }

    private static Published publish(Indicator indicator, IndicatorValue v) {
        double m = indicator.multiplier();
        switch (indicator.calculation()) {
            case DSR -> {
                // The DSR's count O is not shown: beside the crude measure's count it would give
                // away how many records have no sex (gender 3, 4, X, Z), a number the gender
                // breakdown may hide. The DSR itself comes from the rounded strata, and only from
                // strata that together hold at least MIN_TABLE_TOTAL events: a DSR is a table too
                // (age band × sex), and the strata of a small one are what the audit found
                // differencing across R12 periods.
                DirectlyStandardisedRate d = v.publicDsr();
                if (d != null && d.observed() < MIN_TABLE_TOTAL) {
                    d = null;
                }
                boolean hidden = d == null && v.value() != null;
                Figures f = d == null
                        ? new Figures(null, v.denominator(), null, null, null, null, null, hidden)
                        : new Figures(null, v.denominator(), d.value(), d.ci95().lower(), d.ci95().upper(),
                                d.ci998().lower(), d.ci998().upper(), false);
                return new Published(f, null, v.denominator(), d);
            }
            case CRUDE_RATE -> {
                Long x = DisclosureControl.publishCount(indicator.id(), v.numerator());
                Double n = v.denominator();
                // A population is not a count of the data and is published as given; a population
                // share below 10 still hides the rate (as a count below 10 would).
                boolean hidden = x == null || (n != null && DisclosureControl.isSmallCount(n));
                if (hidden || n == null || !(n > 0)) {
                    return new Published(new Figures(x, n, null, null, null, null, null, hidden), x, n, null);
                }
                CrudeRate r = CrudeRate.of(x, n, m);
                return new Published(new Figures(x, n, r.value(), r.ci95().lower(), r.ci95().upper(),
                        r.ci998().lower(), r.ci998().upper(), false), x, n, null);
            }
            case PROPORTION -> {
                Long x = DisclosureControl.publishCount(indicator.id(), v.numerator());
                long exactN = v.denominator() == null ? 0 : Math.round(v.denominator());
                Long n = DisclosureControl.publishCount(indicator.id(), exactN);
                // Rounded independently, a numerator may come out above its denominator (13 of 14
                // as 15 of 10): published as all of it, which a true 13 of 14 is within the ±4 of
                // doubt either figure carries. Proportions above 1 do not exist.
                if (x != null && n != null && x > n) {
                    x = n;
                }
                Double nd = n == null ? null : n.doubleValue();
                boolean hidden = x == null || n == null;
                if (hidden || n == 0) {
                    return new Published(new Figures(x, nd, null, null, null, null, null, hidden), x, nd, null);
                }
                Proportion p = Proportion.of(x, n, m);
                return new Published(new Figures(x, nd, p.value(), p.ci95().lower(), p.ci95().upper(),
                        p.ci998().lower(), p.ci998().upper(), false), x, nd, null);
            }
            default -> throw new IllegalStateException("unknown calculation " + indicator.calculation());
        }
    }

    /** The ratio or difference to the reference group from the two groups' public inputs. */
    private static Comparison compare(Indicator indicator, Published group, Published reference) {
        if (!group.computed() || !reference.computed()) {
            return null;
        }
        double m = indicator.multiplier();
        switch (indicator.calculation()) {
            case DSR -> {
                RateRatio r = RateRatio.ofStandardised(group.dsr(), reference.dsr());
                return new Comparison(r.value(), r.ci95().lower(), r.ci95().upper());
            }
            case CRUDE_RATE -> {
                return RateRatio.ofCrude(group.numerator(), group.denominator(), reference.numerator(),
                                reference.denominator())
                        .map(r -> new Comparison(r.value(), r.ci95().lower(), r.ci95().upper())).orElse(null);
            }
            case PROPORTION -> {
                ProportionDifference d = ProportionDifference.of(group.numerator(), group.denominator(),
                        reference.numerator(), reference.denominator());
                return new Comparison(d.value() * m, d.ci95().lower() * m, d.ci95().upper() * m);
            }
            default -> throw new IllegalStateException("unknown calculation " + indicator.calculation());
        }
    }

    /**
     * Values in the breakdown's display order; providers (groups found in the data) by ODS code.
     */
    static List<IndicatorValue> inGroupOrder(Breakdown breakdown, List<IndicatorValue> values) {
        if (!breakdown.hasFixedGroups()) {
            return values.stream().sorted(Comparator.comparing(IndicatorValue::group)).toList();
        }
        Map<String, IndicatorValue> byGroup = values.stream()
                .collect(Collectors.toMap(IndicatorValue::group, Function.identity()));
        return breakdown.groups().stream().map(Group::code).map(byGroup::get).filter(v -> v != null).toList();
    }

    /** Whether the group's value is hidden by disclosure control (and with it anything computed from it). */
    public boolean valueHidden(String group) {
        Figures f = figures.get(group);
        return !exact && (f == null || f.suppressed());
    }

    /** A value's figures as this caller may see them. */
    public Figures figures(IndicatorValue v) {
        return figures(v.group());
    }

    /** A group's figures as this caller may see them. */
    public Figures figures(String group) {
        Figures f = figures.get(group);
        return f == null ? new Figures(null, null, null, null, null, null, null, !exact) : f;
    }

    /** Whether the view holds the group. */
    public boolean has(String group) {
        return figures.containsKey(group);
    }

    /** The value's rate or proportion (per multiplier) as this caller may see it; null when hidden or not computed. */
    public Double value(String group) {
        Figures f = figures.get(group);
        return f == null ? null : f.value();
    }

    /**
     * The ratio (rates) or difference (proportions) to the reference group with its 95% interval,
     * as this caller may see it; null for the reference group, when either value is not shown,
     * or when not computed (no events).
     */
    public Comparison comparison(IndicatorValue v) {
        return comparison(v.group());
    }

    /** {@link #comparison(IndicatorValue)} of a group. */
    public Comparison comparison(String group) {
        return comparisons.get(group);
    }

    /**
     * The counts a funnel average or a trend test takes for this value: the exact ones, or in the
     * public view the published ones; null when the value is hidden or not computed.
     */
    public Observation observation(IndicatorValue v) {
        Figures f = figures.get(v.group());
        if (f == null || f.value() == null || f.denominator() == null || !(f.denominator() > 0)) {
            return null;
        }
        if (exact) {
            return new Observation(v.numerator(), v.denominator());
        }
        return f.numerator() == null ? null : new Observation(f.numerator(), f.denominator());
    }

    /** The published figures of one value; nulls where not computed or suppressed. */
    public record Figures(Long numerator, Double denominator, Double value, Double lowerCi95, Double upperCi95,
            Double lowerCi998, Double upperCi998, boolean suppressed) {

        /** The 95% interval, or null when not shown. */
        public Interval ci95() {
            return value == null || lowerCi95 == null || upperCi95 == null ? null : new Interval(lowerCi95, upperCi95);
        }
    }

    /** A ratio or difference to the reference group with its 95% interval. */
    public record Comparison(Double estimate, Double lower, Double upper) {

        /** The 95% interval, or null when it was not computed. */
        public Interval ci95() {
            return lower == null || upper == null || !Double.isFinite(lower) || !Double.isFinite(upper) || lower > upper
                    ? null : new Interval(lower, upper);
        }
    }
}
