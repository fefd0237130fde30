package uk.nhs.mhe.indicator.web;

import uk.nhs.mhe.indicator.catalogue.Indicator;

import java.util.List;

/** The catalogue as a page: every indicator with its definition, linking to its own page. */
public record IndicatorList(Viewer viewer, List<Indicator> indicators, String here) {
}
