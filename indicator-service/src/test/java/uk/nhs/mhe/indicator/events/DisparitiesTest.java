package uk.nhs.mhe.indicator.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import uk.nhs.mhe.indicator.catalogue.Catalogue;
import uk.nhs.mhe.indicator.catalogue.Indicator;
import uk.nhs.mhe.indicator.compute.IndicatorValue;
import uk.nhs.mhe.indicator.events.IndicatorValuesChanged.DisparityGroup;
import uk.nhs.mhe.indicator.stats.Polarity;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The disparity rule of indicators.md read off stored values, for both polarities and comparisons. */
class DisparitiesTest {

    private static final Catalogue CATALOGUE = new Catalogue(new ObjectMapper());

    static IndicatorValue row(String indicator, String area, String breakdown, String group, String reference,
            Double lower, Double upper) {
        Double comparison = lower == null || upper == null ? null : (lower + upper) / 2;
        return new IndicatorValue(indicator, area, "2024-01", "month", breakdown, group, 10, 1000.0, 1.0, 0.5, 1.5,
                0.4, 1.6, reference, comparison, lower, upper);
    }

    @Test
    void lowIsGoodRatioIsADisparityOnlyWhenWhollyAboveOne() {
        Indicator detentions = CATALOGUE.find("mha-detention-rate").orElseThrow();
        assertEquals(Polarity.LOW_IS_GOOD, detentions.polarity());
        assertEquals(Indicator.Comparison.RATIO, detentions.comparison());
        List<IndicatorValue> rows = List.of(
                row(detentions.id(), "QMJ", "broad-ethnicity", "White", null, null, null),   // reference
                row(detentions.id(), "QMJ", "broad-ethnicity", "Black", "White", 1.8, 4.2),  // above 1: worse
                row(detentions.id(), "QMJ", "broad-ethnicity", "Asian", "White", 0.2, 0.6),  // below 1: better
                row(detentions.id(), "QMJ", "broad-ethnicity", "Mixed", "White", 0.9, 2.5),  // contains 1
                row(detentions.id(), "QMJ", "broad-ethnicity", "Other", "White", 1.0, 2.5),  // limit on 1: not excluded
                row(detentions.id(), "QMJ", "broad-ethnicity", "Not stated", "White", null, null), // not computed
                row(detentions.id(), "QMJ", "ethnicity", "M", "A", 1.2, 3.0));
        assertEquals(List.of(new DisparityGroup("broad-ethnicity", "Black"), new DisparityGroup("ethnicity", "M")),
                Disparities.in(detentions, rows));
    }

    @Test
    void highIsGoodDifferenceIsADisparityOnlyWhenWhollyBelowZero() {
        Indicator recovery = CATALOGUE.find("tt-recovery").orElseThrow();
        assertEquals(Polarity.HIGH_IS_GOOD, recovery.polarity());
        assertEquals(Indicator.Comparison.DIFFERENCE, recovery.comparison());
        List<IndicatorValue> rows = List.of(
                row(recovery.id(), "RV5", "broad-ethnicity", "Black", "White", -12.5, -3.1), // lower recovery: worse
                row(recovery.id(), "RV5", "broad-ethnicity", "Asian", "White", 2.0, 9.0),    // higher: better
                row(recovery.id(), "RV5", "broad-ethnicity", "Mixed", "White", -4.0, 1.0),   // contains 0
                row(recovery.id(), "RV5", "broad-ethnicity", "Other", "White", 0.2, 0.9),    // excludes 1 but a difference: above 0, better
                row(recovery.id(), "RV5", "imd-quintile", "1", "5", -0.8, -0.1));
        assertEquals(List.of(new DisparityGroup("broad-ethnicity", "Black"), new DisparityGroup("imd-quintile", "1")),
                Disparities.in(recovery, rows));
    }

    @Test
    void aDisparityThePublicViewHidesIsNotNamed() {
        Indicator detentions = CATALOGUE.find("mha-detention-rate").orElseThrow();
        IndicatorValue small = row(detentions.id(), "QMJ", "broad-ethnicity", "Black", "White", 1.8, 4.2);
        List<IndicatorValue> rows = List.of(
                row(detentions.id(), "QMJ", "broad-ethnicity", "White", null, null, null),
                new IndicatorValue(small.indicatorId(), small.area(), small.period(), small.periodType(),
                        small.breakdown(), small.group(), 3, 1000.0, 0.3, 0.1, 0.9, 0.05, 1.2, "White",
                        small.comparison(), small.comparisonLower95(), small.comparisonUpper95()),
                row(detentions.id(), "QMJ", "broad-ethnicity", "Asian", "White", 1.5, 2.5));
        // Black's 3 is suppressed, and the next smallest group with it (here White, the reference,
        // first of the tied tens): naming a disparity of a hidden group, or against a hidden
        // reference, would tell a public reader that a hidden count is not 0.
        assertEquals(List.of(), Disparities.in(detentions, rows));
    }
}
