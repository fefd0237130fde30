package uk.nhs.mhe.indicator.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Unit tests of {@link DisclosureControl}; no infrastructure. */
class DisclosureControlTest {

    @Test
    void zeroIsShown() {
        assertEquals(0L, DisclosureControl.publishCount(0));
        assertFalse(DisclosureControl.isSmallCount(0));
    }

    @Test
    void countsOfOneToFourAreSuppressed() {
        for (long count = 1; count <= 4; count++) {
            assertTrue(DisclosureControl.isSmallCount(count), count + " is a small count");
            assertNull(DisclosureControl.publishCount(count), count + " is not published");
        }
        assertTrue(DisclosureControl.isSmallCount(4.6), "a population share below 5 counts as small");
        assertFalse(DisclosureControl.isSmallCount(5));
    }

    @Test
    void everyOtherCountIsRoundedToTheNearestFive() {
        assertEquals(5L, DisclosureControl.publishCount(5));
        assertEquals(5L, DisclosureControl.publishCount(6));
        assertEquals(5L, DisclosureControl.publishCount(7));
        assertEquals(10L, DisclosureControl.publishCount(8));
        assertEquals(10L, DisclosureControl.publishCount(12));
        assertEquals(15L, DisclosureControl.publishCount(13));
        assertEquals(1230L, DisclosureControl.publishCount(1232));
        assertEquals(1235L, DisclosureControl.publishCount(1234));
    }

    @Test
    void noCountIsPublishedExactlyUnlessItIsAMultipleOfFive() {
        // The rule has no exception for England or any other level: the API has no area level.
        for (long count = 5; count <= 200; count++) {
            long published = DisclosureControl.publishCount(count);
            assertEquals(0, published % 5, count + " → " + published);
            assertTrue(Math.abs(published - count) <= 2, count + " → " + published);
        }
    }

    @Test
    void halvesRoundAwayFromZero() {
        assertEquals(15.0, DisclosureControl.roundToNearestFive(12.5));
        assertEquals(20.0, DisclosureControl.roundToNearestFive(17.5));
        assertEquals(10.0, DisclosureControl.roundToNearestFive(12.49));
        assertEquals(-15.0, DisclosureControl.roundToNearestFive(-12.5));
        assertEquals(0.0, DisclosureControl.roundToNearestFive(2.49));
        assertEquals(5.0, DisclosureControl.roundToNearestFive(2.5));
        assertEquals(-10L, DisclosureControl.roundToNearestFive(-8L));
        assertEquals(-5L, DisclosureControl.roundToNearestFive(-7L));
        assertEquals(0L, DisclosureControl.roundToNearestFive(0L));
    }

    @Test
    void countsInsideADerivedFigureAreRoundedWhateverTheirSize() {
        assertEquals(0L, DisclosureControl.roundForDerivation(0));
        assertEquals(0L, DisclosureControl.roundForDerivation(1));
        assertEquals(0L, DisclosureControl.roundForDerivation(2));
        assertEquals(5L, DisclosureControl.roundForDerivation(3));
        assertEquals(5L, DisclosureControl.roundForDerivation(4));
        assertEquals(5L, DisclosureControl.roundForDerivation(7));
        assertEquals(10L, DisclosureControl.roundForDerivation(8));
        assertEquals(1230L, DisclosureControl.roundForDerivation(1232));
    }

    @Test
    void aRoundedStratumAlwaysLeavesZeroOrFiveOrMoreAmongItsPossibleCounts() {
        // What a DSR from rounded strata gives back is a multiple of 5; the counts that round to
        // it (±2) always include 0 or a count of 5 or more, so it never pins a count of 1–4.
        for (long count = 0; count <= 50; count++) {
            long rounded = DisclosureControl.roundForDerivation(count);
            boolean ambiguous = false;
            for (long candidate = Math.max(0, rounded - 2); candidate <= rounded + 2; candidate++) {
                if (DisclosureControl.roundForDerivation(candidate) == rounded
                        && !DisclosureControl.isSmallCount(candidate)) {
                    ambiguous = true;
                }
            }
            assertTrue(ambiguous, count + " → " + rounded);
        }
    }
}
