package uk.nhs.mhe.indicator.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import uk.nhs.mhe.indicator.catalogue.Catalogue;
import uk.nhs.mhe.indicator.catalogue.Indicator;
import uk.nhs.mhe.indicator.compute.IndicatorValue;
import uk.nhs.mhe.indicator.events.IndicatorValuesChanged.DisparityGroup;
import uk.nhs.mhe.indicator.stats.Disparity;
import uk.nhs.mhe.indicator.stats.DisclosureControl;
import uk.nhs.mhe.indicator.stats.Interval;
import uk.nhs.mhe.indicator.stats.Polarity;
import uk.nhs.mhe.indicator.stats.RateRatio;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.nhs.mhe.indicator.events.ExactRows.all;
import static uk.nhs.mhe.indicator.events.ExactRows.proportions;
import static uk.nhs.mhe.indicator.events.ExactRows.rates;

/**
 * The disparity rule of indicators.md on one area's stored values, for both polarities and
 * comparisons, judged on the public comparisons (calculated from the published counts).
 */
class DisparitiesTest {

    private static final Catalogue CATALOGUE = new Catalogue(new ObjectMapper());

    @Test
    void lowIsGoodRatioIsADisparityOnlyWhenWhollyAboveOne() {
        Indicator detentions = CATALOGUE.find("mha-detention-rate").orElseThrow();
        assertEquals(Polarity.LOW_IS_GOOD, detentions.polarity());
        assertEquals(Indicator.Comparison.RATIO, detentions.comparison());
        List<IndicatorValue> rows = new ArrayList<>(all(
                rates(detentions.id(), "QMJ", "2024-01", "broad-ethnicity", "White",
                        "White", 200, 1_000_000,  // reference: 20 per 100,000
                        "Black", 100, 100_000,    // 100 per 100,000, ratio 5: worse
                        "Asian", 20, 1_000_000,   // ratio 0.1: better
                        "Mixed", 22, 100_000),    // ratio about 1: the interval contains 1
                rates(detentions.id(), "QMJ", "2024-01", "ethnicity", "A",
                        "A", 200, 1_000_000, "M", 60, 100_000)));
        // No population for the group: no rate, no ratio.
        rows.add(new IndicatorValue(detentions.id(), "QMJ", "2024-01", "month", "broad-ethnicity", "Not stated", 40,
                null, null, null, null, null, null, "White", null, null, null));
        assertEquals(List.of(new DisparityGroup("broad-ethnicity", "Black"), new DisparityGroup("ethnicity", "M")),
                Disparities.in(detentions, rows));
    }

    @Test
    void aLimitOnTheNullValueDoesNotExcludeIt() {
        assertFalse(Disparity.isDisparity(new Interval(1.0, 2.5), 1, Polarity.LOW_IS_GOOD));
        assertTrue(Disparity.isDisparity(new Interval(1.0001, 2.5), 1, Polarity.LOW_IS_GOOD));
        assertFalse(Disparity.isDisparity(new Interval(-3.0, 0.0), 0, Polarity.HIGH_IS_GOOD));
    }

    @Test
    void highIsGoodDifferenceIsADisparityOnlyWhenWhollyBelowZero() {
        Indicator recovery = CATALOGUE.find("tt-recovery").orElseThrow();
        assertEquals(Polarity.HIGH_IS_GOOD, recovery.polarity());
        assertEquals(Indicator.Comparison.DIFFERENCE, recovery.comparison());
        List<IndicatorValue> rows = all(
                proportions(recovery.id(), "RV5", "2024-01", "broad-ethnicity", "White",
                        "White", 500, 1000,   // 50%
                        "Black", 200, 500,    // 40%: lower recovery, worse
                        "Asian", 300, 500,    // 60%: better
                        "Mixed", 50, 100),    // 50%: contains 0
                proportions(recovery.id(), "RV5", "2024-01", "imd-quintile", "5",
                        "5", 500, 1000, "1", 400, 1000));
        assertEquals(List.of(new DisparityGroup("broad-ethnicity", "Black"), new DisparityGroup("imd-quintile", "1")),
                Disparities.in(recovery, rows));
    }

    @Test
    void aDisparityOfAHiddenGroupIsNotNamedButOtherGroupsStillAre() {
        Indicator detentions = CATALOGUE.find("mha-detention-rate").orElseThrow();
        List<IndicatorValue> rows = rates(detentions.id(), "QMJ", "2024-01", "broad-ethnicity", "White",
                "White", 200, 1_000_000,
                "Black", 3, 1_000,        // 300 per 100,000: a disparity in the exact figures, but 3 is hidden
                "Asian", 100, 100_000);   // ratio 5: a disparity in public
        Interval exactBlack = RateRatio.ofCrude(3, 1_000, 200, 1_000_000).orElseThrow().ci95();
        assertTrue(Disparity.isDisparity(exactBlack, 1, Polarity.LOW_IS_GOOD), "precondition: exact disparity");
        // Naming a disparity of a hidden group would tell a public reader that its count is not 0.
        // With no secondary suppression, the reference and the other groups stay public.
        assertEquals(List.of(new DisparityGroup("broad-ethnicity", "Asian")), Disparities.in(detentions, rows));
    }

    @Test
    void aDisparityIsJudgedOnThePublicComparisonNotTheExactOne() {
        Indicator detentions = CATALOGUE.find("mha-detention-rate").orElseThrow();
        // Counts of the Black group (against White's 200 per 1,000,000) whose exact ratio is a
        // disparity and whose published (randomly rounded) one is not, and the other way round;
        // which counts those are depends on the rounding key, so they are found.
        long[] onlyExact = null;
        long[] onlyPublished = null;
        for (long population : new long[] {50_000, 100_000, 150_000, 200_000, 300_000}) {
            for (long x = 10; x <= 300; x++) {
                boolean exact = disparity(x, population);
                boolean published = disparity(DisclosureControl.publishCount(detentions.id(), x), population);
                if (exact && !published && onlyExact == null) {
                    onlyExact = new long[] {x, population};
                }
                if (!exact && published && onlyPublished == null) {
                    onlyPublished = new long[] {x, population};
                }
            }
        }
        assertTrue(onlyExact != null && onlyPublished != null, "precondition: rounding moves some ratios across the line");

        List<IndicatorValue> rows = rates(detentions.id(), "QMJ", "2024-01", "broad-ethnicity", "White",
                "White", 200, 1_000_000, "Black", onlyExact[0], onlyExact[1]);
        assertEquals(List.of(), Disparities.in(detentions, rows),
                "an event must not name what only the exact figures show (" + onlyExact[0] + ")");

        // The public event names what the public pages show.
        List<IndicatorValue> rounded = rates(detentions.id(), "QMJ", "2024-01", "broad-ethnicity", "White",
                "White", 200, 1_000_000, "Black", onlyPublished[0], onlyPublished[1]);
        assertEquals(List.of(new DisparityGroup("broad-ethnicity", "Black")), Disparities.in(detentions, rounded),
                "the published figures of " + onlyPublished[0] + " show a disparity");
    }

    private static boolean disparity(long count, double population) {
        Interval ci = RateRatio.ofCrude(count, population, 200, 1_000_000).orElseThrow().ci95();
        return Disparity.isDisparity(ci, 1, Polarity.LOW_IS_GOOD);
    }
}
