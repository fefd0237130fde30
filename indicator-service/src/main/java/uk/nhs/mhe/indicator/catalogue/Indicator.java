package uk.nhs.mhe.indicator.catalogue;

import uk.nhs.mhe.indicator.stats.Polarity;

import java.util.List;

/** A headline measure as published in the catalogue (api.md). */
public record Indicator(String id, String name, String definition, String numerator, String denominator, String unit,
        double multiplier, String method, Polarity polarity, String dataset, List<String> breakdowns,
        List<String> periodTypes) {
}
