package uk.nhs.mhe.library.recommend;

import java.time.Instant;
import java.util.List;

/**
 * The library's own copy of the indicator-service's event on {@code mhe.indicator-changes.v1}
 * (docs/api.md), key {@code INDICATOR|AREA}, CloudEvents headers in binary mode.
 */
public record IndicatorValuesChanged(String indicatorId, String period, String area, List<String> changedGroups,
        List<DisparityGroup> disparityGroups, Instant computedAt) {

    public static final String TYPE = "uk.nhs.mhe.IndicatorValuesChanged";

    public record DisparityGroup(String breakdown, String group) {
    }
}
