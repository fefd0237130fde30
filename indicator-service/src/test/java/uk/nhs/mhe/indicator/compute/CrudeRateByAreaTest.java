package uk.nhs.mhe.indicator.compute;

import org.junit.jupiter.api.Test;
import uk.nhs.mhe.indicator.reference.Areas;
import uk.nhs.mhe.indicator.stats.ByarInterval;
import uk.nhs.mhe.indicator.stats.ConfidenceLevel;
import uk.nhs.mhe.reference.ReferenceData;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class CrudeRateByAreaTest {

    private final ReferenceData ref = ReferenceData.get();
    private final Areas areas = new Areas(ref);
    private final CrudeRateByArea calculator = new CrudeRateByArea("mha-detention-rate", areas.residenceAreas(),
            Breakdown.ethnicityBreakdowns(ref));

    // Two London ICBs (QMJ North Central London, QKK South East London) and one elsewhere (QYG).
    private final Map<String, Map<String, Long>> counts = Map.of(
            "QMJ", Map.of("A", 30L, "M", 20L, "Z", 3L),
            "QKK", Map.of("A", 10L, "N", 15L, "99", 2L),
            "QYG", Map.of("A", 40L));
    private final Map<String, Map<String, Long>> population = Map.of(
            "QMJ", Map.of("A", 600_000L, "M", 80_000L, "N", 70_000L),
            "QKK", Map.of("A", 500_000L, "M", 60_000L, "N", 90_000L),
            "QYG", Map.of("A", 2_000_000L));

    private IndicatorValue value(List<IndicatorValue> values, String area, String breakdown, String group) {
        return values.stream().filter(v -> v.area().equals(area) && v.breakdown().equals(breakdown)
                && v.group().equals(group)).findFirst().orElseThrow();
    }

    @Test
    void englandTotalCountsEveryRecordOverTheWholePopulation() {
        List<IndicatorValue> values = calculator.compute("2024-03", counts, population);
        IndicatorValue england = value(values, "ENGLAND", "none", "All");
        assertEquals(120, england.numerator());
        assertEquals(3_400_000, england.denominator());
        assertEquals(120 / 3_400_000.0 * 100_000, england.value(), 1e-9);
        double byarLower = 120 * Math.pow(1 - 1.0 / (9 * 120) - ConfidenceLevel.NINETY_FIVE.z() / (3 * Math.sqrt(120)), 3);
        assertEquals(byarLower / 3_400_000 * 100_000, england.lower95(), 1e-9);
        assertEquals(ByarInterval.of(120, ConfidenceLevel.NINETY_NINE_POINT_EIGHT).upper() / 3_400_000 * 100_000,
                england.upper998(), 1e-9);
    }

    @Test
    void londonAddsItsIcbsAndBroadGroupsAddTheirCodes() {
        List<IndicatorValue> values = calculator.compute("2024-03", counts, population);
        IndicatorValue black = value(values, "Y56", "broad-ethnicity", "Black");
        assertEquals(35, black.numerator());
        assertEquals(300_000, black.denominator());
        IndicatorValue white = value(values, "Y56", "broad-ethnicity", "White");
        assertEquals(40, white.numerator());
        assertEquals(1_100_000, white.denominator());
        double rr = (35 / 300_000.0) / (40 / 1_100_000.0);
        assertEquals(rr, black.ratio(), 1e-9);
        double se = Math.sqrt(1.0 / 35 + 1.0 / 40);
        assertEquals(rr * Math.exp(-ConfidenceLevel.NINETY_FIVE.z() * se), black.ratioLower95(), 1e-9);
        assertNull(white.ratio(), "the reference group has no ratio to itself");
    }

    @Test
    void notStatedAndNotKnownAreGroupsOfTheirOwnWithoutARate() {
        List<IndicatorValue> values = calculator.compute("2024-03", counts, population);
        IndicatorValue notStated = value(values, "Y56", "broad-ethnicity", "Not stated");
        assertEquals(3, notStated.numerator());
        assertNull(notStated.denominator());
        assertNull(notStated.value());
        assertEquals(2, value(values, "ENGLAND", "ethnicity", "99").numerator());
    }

    @Test
    void groupsWithoutEventsGetAZeroRateAndNoRatio() {
        List<IndicatorValue> values = calculator.compute("2024-03", counts, population);
        IndicatorValue blackNorthWest = value(values, "QYG", "broad-ethnicity", "Black");
        assertEquals(0, blackNorthWest.numerator());
        assertNull(blackNorthWest.denominator(), "no Black population given for QYG");
        IndicatorValue caribbeanQmj = value(values, "QKK", "ethnicity", "M");
        assertEquals(0, caribbeanQmj.numerator());
        assertEquals(0.0, caribbeanQmj.value());
        assertEquals(0.0, caribbeanQmj.lower95());
        assertNotNull(caribbeanQmj.upper95());
        assertNull(caribbeanQmj.ratio(), "a ratio needs events in both groups");
    }

    @Test
    void everyAreaHasEveryGroupOfEveryBreakdown() {
        List<IndicatorValue> values = calculator.compute("2024-03", counts, population);
        // England, 7 regions, 42 ICBs × (1 + 18 + 7) groups.
        assertEquals(50 * 26, values.size());
    }

    @Test
    void withoutPopulationTheRowsCarryCountsOnly() {
        List<IndicatorValue> values = calculator.compute("2024-03", counts, Map.of());
        IndicatorValue england = value(values, "ENGLAND", "none", "All");
        assertEquals(120, england.numerator());
        assertNull(england.value());
    }
}
