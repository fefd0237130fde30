package uk.nhs.mhe.indicator.events;

import java.util.List;

/**
 * The event on {@code mhe.indicator-changes.v1} (api.md), key {@code INDICATOR|AREA}: the values
 * of one indicator, area and period changed.
 *
 * @param changedGroups   the groups whose figures were added, changed or removed, each written
 *                        {@code breakdown|group} (e.g. {@code broad-ethnicity|Black},
 *                        {@code none|All}): group codes alone are ambiguous, since several
 *                        breakdowns share codes such as {@code 1}
 * @param disparityGroups every group of the area and period that shows a disparity after the
 *                        change (not only the changed ones), so the latest event alone tells a
 *                        consumer the whole current picture
 * @param computedAt      when the values were recalculated, an ISO-8601 instant
 */
public record IndicatorValuesChanged(String indicatorId, String period, String area, List<String> changedGroups,
        List<DisparityGroup> disparityGroups, String computedAt) {

    /** The CloudEvents {@code ce_type} the practice library expects. */
    public static final String TYPE = "uk.nhs.mhe.IndicatorValuesChanged";

    public IndicatorValuesChanged {
        changedGroups = List.copyOf(changedGroups);
        disparityGroups = List.copyOf(disparityGroups);
    }

    /** The Kafka key: per indicator and area, so one area's events stay in order. */
    public static String key(String indicatorId, String area) {
        return indicatorId + '|' + area;
    }

    /** A group with a disparity against its breakdown's reference group (indicators.md). */
    public record DisparityGroup(String breakdown, String group) {
    }
}
