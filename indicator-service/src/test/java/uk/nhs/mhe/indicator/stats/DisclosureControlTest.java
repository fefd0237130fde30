package uk.nhs.mhe.indicator.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import uk.nhs.mhe.indicator.stats.DisclosureControl.AreaLevel;
import uk.nhs.mhe.indicator.stats.DisclosureControl.DenominatorKind;
import uk.nhs.mhe.indicator.stats.DisclosureControl.PublishedRow;
import uk.nhs.mhe.indicator.stats.DisclosureControl.Row;
import uk.nhs.mhe.indicator.stats.DisclosureControl.Suppression;

/** Unit tests of {@link DisclosureControl}; no infrastructure. */
class DisclosureControlTest {

    @Test
    void countsOfOneToFourAreSuppressedAndZeroIsShown() {
        assertEquals(0L, DisclosureControl.publishCount(0, AreaLevel.ENGLAND));
        assertEquals(0L, DisclosureControl.publishCount(0, AreaLevel.SUB_NATIONAL));
        for (long count = 1; count <= 4; count++) {
            assertNull(DisclosureControl.publishCount(count, AreaLevel.ENGLAND));
            assertNull(DisclosureControl.publishCount(count, AreaLevel.SUB_NATIONAL));
        }
        assertEquals(5L, DisclosureControl.publishCount(5, AreaLevel.ENGLAND));
        assertEquals(5L, DisclosureControl.publishCount(5, AreaLevel.SUB_NATIONAL));
    }

    @Test
    void subNationalCountsAreRoundedToNearestFive() {
        assertEquals(5L, DisclosureControl.publishCount(6, AreaLevel.SUB_NATIONAL));
        assertEquals(5L, DisclosureControl.publishCount(7, AreaLevel.SUB_NATIONAL));
        assertEquals(10L, DisclosureControl.publishCount(8, AreaLevel.SUB_NATIONAL));
        assertEquals(10L, DisclosureControl.publishCount(12, AreaLevel.SUB_NATIONAL));
        assertEquals(15L, DisclosureControl.publishCount(13, AreaLevel.SUB_NATIONAL));
        assertEquals(1235L, DisclosureControl.publishCount(1234, AreaLevel.SUB_NATIONAL));
        assertEquals(1230L, DisclosureControl.publishCount(1232, AreaLevel.SUB_NATIONAL));
    }

    @Test
    void englandCountsAreNotRounded() {
        assertEquals(7L, DisclosureControl.publishCount(7, AreaLevel.ENGLAND));
        assertEquals(1234L, DisclosureControl.publishCount(1234, AreaLevel.ENGLAND));
    }

    @Test
    void halvesRoundAwayFromZero() {
        assertEquals(15.0, DisclosureControl.roundToNearestFive(12.5));
        assertEquals(20.0, DisclosureControl.roundToNearestFive(17.5));
        assertEquals(10.0, DisclosureControl.roundToNearestFive(12.49));
        assertEquals(-15.0, DisclosureControl.roundToNearestFive(-12.5));
        assertEquals(-10L, DisclosureControl.roundToNearestFive(-8L));
        assertEquals(0L, DisclosureControl.roundToNearestFive(0L));
    }

    @Test
    void rateIsSuppressedWhenNumeratorOrDenominatorIsOneToFour() {
        assertTrue(DisclosureControl.valueSuppressed(3, 1000));
        assertTrue(DisclosureControl.valueSuppressed(0, 4));
        assertTrue(DisclosureControl.valueSuppressed(0, 4.6)); // a population share below 5
        assertFalse(DisclosureControl.valueSuppressed(0, 1000));
        assertFalse(DisclosureControl.valueSuppressed(5, 5));
    }

    @Test
    void subNationalBreakdownRoundsCountsAndSuppressesSmallOnesAndTheNextSmallest() {
        List<PublishedRow> rows = DisclosureControl.publish(List.of(
                new Row("A", 3, 120), new Row("B", 47, 300), new Row("C", 0, 40), new Row("D", 12, 90)),
                AreaLevel.SUB_NATIONAL, DenominatorKind.COUNT);
        PublishedRow a = rows.get(0);
        assertNull(a.numerator());
        assertEquals(Suppression.SMALL_COUNT, a.numeratorSuppression());
        assertEquals(120.0, a.denominator());
        assertTrue(a.valueSuppressed());
        assertTrue(a.suppressed());
        PublishedRow b = rows.get(1);
        assertEquals(45L, b.numerator());
        assertEquals(300.0, b.denominator());
        assertFalse(b.suppressed());
        PublishedRow c = rows.get(2);
        assertEquals(0L, c.numerator());
        assertFalse(c.suppressed());
        // Rounding alone does not protect A: D's rate is published from its unrounded 12, so
        // rate × denominator gives 12 back, and total − B − D would give A's 3.
        PublishedRow d = rows.get(3);
        assertEquals(Suppression.SECONDARY, d.numeratorSuppression());
        assertNull(d.numerator());
        assertTrue(d.valueSuppressed());
    }

    @Test
    void subNationalRatesGetSecondarySuppressionBecauseTheyGiveUnroundedCountsBack() {
        // An ICB's detentions by broad ethnicity: every rate from unrounded counts.
        List<PublishedRow> rows = DisclosureControl.publish(List.of(
                new Row("White", 212, 900_000), new Row("Black", 2, 40_000), new Row("Asian", 17, 120_000),
                new Row("Mixed", 9, 30_000)),
                AreaLevel.SUB_NATIONAL, DenominatorKind.POPULATION);
        assertEquals(Suppression.SMALL_COUNT, rows.get(1).numeratorSuppression());
        assertEquals(Suppression.SECONDARY, rows.get(3).numeratorSuppression(), "9 is the next smallest");
        assertNull(rows.get(3).numerator());
        assertTrue(rows.get(3).valueSuppressed());
        assertFalse(rows.get(2).suppressed());
        assertEquals(30_000.0, rows.get(3).denominator(), "a population is never hidden");
    }

    @Test
    void populationDenominatorIsNeitherRoundedNorSuppressedButSmallPopulationHidesRate() {
        List<PublishedRow> rows = DisclosureControl.publish(List.of(
                new Row("T", 0, 3), new Row("A", 57, 123_456)),
                AreaLevel.SUB_NATIONAL, DenominatorKind.POPULATION);
        PublishedRow t = rows.get(0);
        assertEquals(0L, t.numerator());
        assertEquals(3.0, t.denominator());
        assertFalse(t.denominatorSuppressed());
        assertTrue(t.valueSuppressed());
        PublishedRow a = rows.get(1);
        assertEquals(55L, a.numerator());
        assertEquals(123_456.0, a.denominator());
        assertFalse(a.valueSuppressed());
    }

    @Test
    void englandBreakdownWithOneSuppressedGroupSuppressesNextSmallest() {
        List<PublishedRow> rows = DisclosureControl.publish(List.of(
                new Row("A", 500, 100_000), new Row("B", 3, 2_000), new Row("C", 0, 1_000),
                new Row("D", 40, 9_000), new Row("E", 12, 3_000)),
                AreaLevel.ENGLAND, DenominatorKind.POPULATION);
        assertEquals(500L, rows.get(0).numerator());
        assertEquals(Suppression.SMALL_COUNT, rows.get(1).numeratorSuppression());
        assertEquals(0L, rows.get(2).numerator()); // zero is skipped: it is shown
        assertEquals(40L, rows.get(3).numerator());
        PublishedRow e = rows.get(4);
        assertEquals(Suppression.SECONDARY, e.numeratorSuppression());
        assertNull(e.numerator());
        assertTrue(e.valueSuppressed());
        assertEquals(3_000.0, e.denominator());
    }

    @Test
    void hiddenGroupsAddingUpToFiveOrMoreNeedNoSecondary() {
        List<PublishedRow> rows = DisclosureControl.publish(List.of(
                new Row("A", 500, 100_000), new Row("B", 3, 2_000), new Row("C", 2, 1_000),
                new Row("D", 12, 3_000)),
                AreaLevel.ENGLAND, DenominatorKind.POPULATION);
        assertEquals(Suppression.SMALL_COUNT, rows.get(1).numeratorSuppression());
        assertEquals(Suppression.SMALL_COUNT, rows.get(2).numeratorSuppression());
        assertEquals(12L, rows.get(3).numerator(), "total − visible = 5: not a small count");
        assertFalse(rows.get(3).suppressed());
        assertEquals(500L, rows.get(0).numerator());
    }

    @Test
    void twoHiddenGroupsAddingUpToLessThanFiveHideTheNextSmallestToo() {
        // 3 + 1 = 4 would follow from the total: hide the next smallest (12), then 4 + 12 = 16.
        List<PublishedRow> rows = DisclosureControl.publish(List.of(
                new Row("A", 500, 100_000), new Row("B", 3, 2_000), new Row("C", 1, 1_000),
                new Row("D", 12, 3_000), new Row("E", 40, 3_000)),
                AreaLevel.ENGLAND, DenominatorKind.POPULATION);
        assertEquals(Suppression.SECONDARY, rows.get(3).numeratorSuppression());
        assertEquals(40L, rows.get(4).numerator());
        assertEquals(500L, rows.get(0).numerator());
    }

    @Test
    void secondarySuppressionContinuesUntilTheHiddenTotalIsFiveOrMore() {
        // Four 1s are hidden (total 4, which the total row would give away), so the next smallest
        // (6) is hidden too: hidden total 10.
        List<PublishedRow> rows = DisclosureControl.publish(List.of(
                new Row("A", 1, 100), new Row("B", 1, 100), new Row("C", 1, 100), new Row("D", 1, 100),
                new Row("E", 6, 100), new Row("F", 7, 100), new Row("G", 900, 1000)),
                AreaLevel.SUB_NATIONAL, DenominatorKind.COUNT);
        for (int i = 0; i < 4; i++) {
            assertEquals(Suppression.SMALL_COUNT, rows.get(i).numeratorSuppression());
        }
        assertEquals(Suppression.SECONDARY, rows.get(4).numeratorSuppression());
        assertEquals(5L, rows.get(5).numerator(), "7 rounds to 5 and stays visible");
        assertEquals(900L, rows.get(6).numerator());
    }

    @Test
    void secondarySuppressionStopsWhenNothingIsLeftToHide() {
        List<PublishedRow> rows = DisclosureControl.publish(List.of(
                new Row("A", 2, 100), new Row("B", 0, 100)),
                AreaLevel.ENGLAND, DenominatorKind.POPULATION);
        assertEquals(Suppression.SMALL_COUNT, rows.get(0).numeratorSuppression());
        assertEquals(0L, rows.get(1).numerator(), "0 is shown: hiding it would protect nothing");
    }

    @Test
    void secondarySuppressionTieGoesToFirstGroup() {
        List<PublishedRow> rows = DisclosureControl.publish(List.of(
                new Row("A", 9, 100), new Row("B", 2, 100), new Row("C", 9, 100)),
                AreaLevel.ENGLAND, DenominatorKind.COUNT);
        assertEquals(Suppression.SECONDARY, rows.get(0).numeratorSuppression());
        assertEquals(Suppression.NONE, rows.get(2).numeratorSuppression());
    }

    @Test
    void englandCountDenominatorsGetTheirOwnSecondarySuppression() {
        // Talking Therapies by sexual orientation: one group finished with only 4 people.
        List<PublishedRow> rows = DisclosureControl.publish(List.of(
                new Row("1", 600, 1_200), new Row("2", 0, 4), new Row("3", 30, 70), new Row("4", 20, 50)),
                AreaLevel.ENGLAND, DenominatorKind.COUNT);
        PublishedRow two = rows.get(1);
        assertEquals(0L, two.numerator());
        assertEquals(Suppression.SMALL_COUNT, two.denominatorSuppression());
        assertNull(two.denominator());
        assertTrue(two.valueSuppressed());
        PublishedRow four = rows.get(3);
        assertEquals(Suppression.SECONDARY, four.denominatorSuppression());
        assertNull(four.denominator());
        assertEquals(20L, four.numerator());
        assertTrue(four.valueSuppressed());
        assertFalse(rows.get(2).suppressed());
        assertEquals(1_200.0, rows.get(0).denominator());
    }

    @Test
    void englandTotalRowIsNotRounded() {
        List<PublishedRow> rows = DisclosureControl.publish(List.of(new Row("All", 12_347, 56_000_001)),
                AreaLevel.ENGLAND, DenominatorKind.POPULATION);
        assertEquals(12_347L, rows.get(0).numerator());
        assertFalse(rows.get(0).suppressed());
    }

    @Test
    void comparisonIsSuppressedWhenEitherInputIs() {
        List<PublishedRow> rows = DisclosureControl.publish(List.of(
                new Row("A", 500, 100_000), new Row("B", 3, 2_000), new Row("C", 80, 9_000),
                new Row("D", 9, 1_000)),
                AreaLevel.SUB_NATIONAL, DenominatorKind.POPULATION);
        assertTrue(DisclosureControl.comparisonSuppressed(rows.get(1), rows.get(0)));
        assertTrue(DisclosureControl.comparisonSuppressed(rows.get(0), rows.get(1)));
        assertTrue(DisclosureControl.comparisonSuppressed(rows.get(3), rows.get(0)), "D is hidden to protect B");
        assertFalse(DisclosureControl.comparisonSuppressed(rows.get(2), rows.get(0)));
    }

    @Test
    void rejectsNegativeCounts() {
        assertThrows(IllegalArgumentException.class, () -> new Row("A", -1, 10));
        assertThrows(IllegalArgumentException.class, () -> new Row("A", 1, -10));
    }
}
