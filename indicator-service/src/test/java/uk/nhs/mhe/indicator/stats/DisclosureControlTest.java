package uk.nhs.mhe.indicator.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Unit tests of {@link DisclosureControl}; no infrastructure. The rounding key is the test one
 * (src/test/resources/META-INF/microprofile-config.properties).
 */
class DisclosureControlTest {

    private static final String INDICATOR = "mha-detention-rate";

    @Test
    void zeroIsShown() {
        assertEquals(0L, DisclosureControl.publishCount(INDICATOR, 0));
        assertFalse(DisclosureControl.isSmallCount(0));
    }

    @Test
    void countsOfOneToNineAreSuppressed() {
        // NHS England's rule hides 1–4; the public view hides up to 9, so that a published count
        // of 10 (10–14) never bounds a hidden neighbour tightly (docs/indicators.md).
        for (long count = 1; count <= 9; count++) {
            assertTrue(DisclosureControl.isSmallCount(count), count + " is a small count");
            assertNull(DisclosureControl.publishCount(INDICATOR, count), count + " is not published");
        }
        assertTrue(DisclosureControl.isSmallCount(9.6), "a population share below 10 counts as small");
        assertFalse(DisclosureControl.isSmallCount(10));
    }

    @Test
    void everyOtherCountIsPublishedAsAMultipleOfFiveWithinFourOfIt() {
        // The rule has no exception for England or any other level: the API has no area level.
        for (long count = 10; count <= 2_000; count++) {
            long published = DisclosureControl.publishCount(INDICATOR, count);
            assertEquals(0, published % 5, count + " → " + published);
            assertTrue(Math.abs(published - count) <= 4, count + " → " + published);
            assertTrue(published >= 10, count + " → " + published + ": a shown count is never below 10");
        }
    }

    @Test
    void theSameCountIsPublishedTheSameWayEveryTime() {
        for (long count = 10; count <= 200; count++) {
            assertEquals(DisclosureControl.publishCount(INDICATOR, count),
                    DisclosureControl.publishCount(INDICATOR, count), "asking again cannot average the rounding away");
        }
    }

    @Test
    void countsInsideADerivedFigureAreRoundedWhateverTheirSizeAsTheyWouldBeShown() {
        assertEquals(0L, DisclosureControl.roundForDerivation(INDICATOR, 0));
        for (long count = 1; count <= 9; count++) {
            assertEquals(0L, DisclosureControl.roundForDerivation(INDICATOR, count), count + " counts as 0");
        }
        for (long count = 10; count <= 500; count++) {
            assertEquals(DisclosureControl.publishCount(INDICATOR, count).longValue(),
                    DisclosureControl.roundForDerivation(INDICATOR, count), count + " rounds as it would be shown");
        }
    }

    @Test
    void aProtectedStratumNeverTellsThatASmallCountIsNotZero() {
        // What a DSR from protected strata gives back is each stratum's protected count r: 0 must
        // stand for 0–9 (0 among them), and r ≥ 10 only for counts of 10 or more.
        for (long count = 0; count <= 50; count++) {
            long r = DisclosureControl.roundForDerivation(INDICATOR, count);
            if (DisclosureControl.isSmallCount(count) || count == 0) {
                assertEquals(0, r, count + " → " + r);
            } else {
                assertTrue(r >= 10, count + " → " + r);
            }
        }
    }
}
