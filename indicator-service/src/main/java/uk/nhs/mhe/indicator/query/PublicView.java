package uk.nhs.mhe.indicator.query;

import uk.nhs.mhe.indicator.catalogue.Indicator;
import uk.nhs.mhe.indicator.compute.Breakdown;
import uk.nhs.mhe.indicator.compute.Group;
import uk.nhs.mhe.indicator.compute.IndicatorValue;
import uk.nhs.mhe.indicator.reference.Areas;
import uk.nhs.mhe.indicator.stats.DisclosureControl;
import uk.nhs.mhe.indicator.stats.DisclosureControl.AreaLevel;
import uk.nhs.mhe.indicator.stats.DisclosureControl.DenominatorKind;
import uk.nhs.mhe.indicator.stats.DisclosureControl.PublishedRow;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a caller may see of the values of one area's breakdown in one period: everything with
 * the {@code assurance} role, otherwise {@link DisclosureControl}'s public view. Disclosure
 * control always runs over the whole breakdown — also when only one group is served (a trend,
 * a funnel point) — because secondary suppression depends on the other groups: serving one
 * group on its own would show a value the breakdown's own page hides.
 */
public final class PublicView {

    private final boolean exact;
    private final Map<String, PublishedRow> published;
    private final boolean countsWithheld;

    private PublicView(boolean exact, Map<String, PublishedRow> published, boolean countsWithheld) {
        this.exact = exact;
        this.published = published;
        this.countsWithheld = countsWithheld;
    }

    /** The view of one area's values of one breakdown and period (any order). */
    static PublicView of(Indicator indicator, Breakdown breakdown, String area, List<IndicatorValue> values,
            boolean exact) {
        if (exact) {
            return new PublicView(true, Map.of(), false);
        }
        List<IndicatorValue> ordered = inGroupOrder(breakdown, values);
        List<PublishedRow> rows = DisclosureControl.publish(ordered.stream().map(PublicView::row).toList(),
                levelOf(area), denominatorKind(indicator));
        Map<String, PublishedRow> byGroup = new HashMap<>();
        rows.forEach(r -> byGroup.put(r.group(), r));
        // A DSR counts only records with a sex, in strata with a population: published beside the
        // crude measure's count, its count would give away how many records have neither (gender
        // 3, 4, X, Z), a small number the gender breakdown hides. The public view shows the DSR
        // and its limits, not its count.
        return new PublicView(false, byGroup, indicator.calculation() == Indicator.Calculation.DSR);
    }

    /**
     * The groups whose value the public view hides, for uses outside the query API (change events
     * name disparities to services whose users need not hold the {@code assurance} role).
     */
    public static java.util.Set<String> groupsHiddenInPublic(Indicator indicator, Breakdown breakdown, String area,
            List<IndicatorValue> values) {
        PublicView view = of(indicator, breakdown, area, values, false);
        java.util.Set<String> hidden = new java.util.HashSet<>();
        values.forEach(v -> {
            if (view.valueHidden(v.group())) {
                hidden.add(v.group());
            }
        });
        return hidden;
    }

    /**
     * Values in the breakdown's display order; providers (groups found in the data) by ODS code.
     * Disclosure control depends on this order when groups tie for "next smallest", so every
     * endpoint must use the same one.
     */
    static List<IndicatorValue> inGroupOrder(Breakdown breakdown, List<IndicatorValue> values) {
        if (!breakdown.hasFixedGroups()) {
            return values.stream().sorted(Comparator.comparing(IndicatorValue::group)).toList();
        }
        Map<String, IndicatorValue> byGroup = values.stream()
                .collect(Collectors.toMap(IndicatorValue::group, Function.identity()));
        return breakdown.groups().stream().map(Group::code).map(byGroup::get).filter(v -> v != null).toList();
    }

    /** Proportions count people (a count of the data); rates divide by a population estimate. */
    static DenominatorKind denominatorKind(Indicator indicator) {
        return indicator.isRate() ? DenominatorKind.POPULATION : DenominatorKind.COUNT;
    }

    static AreaLevel levelOf(String area) {
        return Areas.ENGLAND.equals(area) ? AreaLevel.ENGLAND : AreaLevel.SUB_NATIONAL;
    }

    boolean exact() {
        return exact;
    }

    /** The published row of a group; null in the exact view. */
    PublishedRow published(String group) {
        return published.get(group);
    }

    /** Whether the group's value is hidden (and with it anything computed from it). */
    boolean valueHidden(String group) {
        PublishedRow row = published.get(group);
        return !exact && (row == null || row.valueSuppressed());
    }

    /** A value's figures as this caller may see them. */
    Figures figures(IndicatorValue v) {
        if (exact) {
            return new Figures(v.numerator(), v.denominator(), v.value(), v.lower95(), v.upper95(), v.lower998(),
                    v.upper998(), false);
        }
        PublishedRow row = published.get(v.group());
        boolean hidden = row == null || row.valueSuppressed();
        // A group without a population has no denominator; keep it null rather than 0.
        Double denominator = v.denominator() == null || row == null ? null : row.denominator();
        return new Figures(row == null || countsWithheld ? null : row.numerator(), denominator, hidden ? null : v.value(),
                hidden ? null : v.lower95(), hidden ? null : v.upper95(), hidden ? null : v.lower998(),
                hidden ? null : v.upper998(), row == null || row.suppressed());
    }

    private static DisclosureControl.Row row(IndicatorValue v) {
        return new DisclosureControl.Row(v.group(), v.numerator(), v.denominator() == null ? 0 : v.denominator());
    }

    /** The published figures of one value; nulls where not computed or suppressed. */
    record Figures(Long numerator, Double denominator, Double value, Double lowerCi95, Double upperCi95,
            Double lowerCi998, Double upperCi998, boolean suppressed) {
    }
}
