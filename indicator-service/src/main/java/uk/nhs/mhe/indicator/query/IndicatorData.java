package uk.nhs.mhe.indicator.query;

import java.util.List;

/** The answer of {@code GET /api/v1/indicators/{id}/data} (api.md). */
public record IndicatorData(String indicator, String area, String areaName, String period, String breakdown,
        String benchmark, String benchmarkArea, String view, List<DataRow> rows) {

    /** Exact figures, for the {@code assurance} role. */
    public static final String EXACT = "exact";
    /** Disclosure control applied, for everyone else. */
    public static final String PUBLIC = "public";
}
