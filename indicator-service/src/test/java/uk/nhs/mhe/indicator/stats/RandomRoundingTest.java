package uk.nhs.mhe.indicator.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Unit tests of {@link RandomRounding}; no infrastructure. */
class RandomRoundingTest {

    private static final RandomRounding ROUNDING = new RandomRounding("unit-test-rounding-key-0123456789abcdef");

    @Test
    void multiplesOfFiveAreUnchanged() {
        for (long count = 0; count <= 1_000; count += 5) {
            assertEquals(count, ROUNDING.round("scope", count));
        }
    }

    @Test
    void otherCountsGoToOneOfTheirTwoNeighbouringMultiples() {
        for (long count = 0; count <= 1_000; count++) {
            long r = ROUNDING.round("scope", count);
            assertTrue(r == count / 5 * 5 || r == count / 5 * 5 + 5, count + " → " + r);
        }
    }

    @Test
    void eachRemainderRoundsUpInProportionToItsSize() {
        // Unbiased: a count with remainder m goes up with probability m / 5, so over many counts
        // (and scopes) the mean rounded count is the mean true count.
        int n = 20_000;
        for (int m = 1; m <= 4; m++) {
            int up = 0;
            for (int i = 0; i < n; i++) {
                long count = 5L * i + m;
                if (ROUNDING.round("scope", count) > count) {
                    up++;
                }
            }
            double share = (double) up / n;
            // Binomial standard error at n = 20,000 is at most 0.0036: five of them.
            assertEquals(m / 5.0, share, 0.018, "remainder " + m + " rounds up " + share);
        }
    }

    @Test
    void theDirectionDependsOnTheKeyAndTheScope() {
        RandomRounding other = new RandomRounding("another-rounding-key-0123456789abcdefgh");
        int differentKey = 0;
        int differentScope = 0;
        for (long count = 1; count <= 1_000; count++) {
            if (count % 5 == 0) {
                continue;
            }
            differentKey += ROUNDING.round("scope", count) != other.round("scope", count) ? 1 : 0;
            differentScope += ROUNDING.round("scope", count) != ROUNDING.round("another", count) ? 1 : 0;
        }
        // Two independent coins disagree for about 2·p·(1−p) of counts: 32–48 % here.
        assertTrue(differentKey > 250, "another key rounds " + differentKey + " of 800 counts differently");
        assertTrue(differentScope > 250, "another scope rounds " + differentScope + " of 800 counts differently");
        assertNotEquals(ROUNDING.coin("scope", 7), other.coin("scope", 7));
    }

    @Test
    void aShortOrMissingKeyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RandomRounding("short"));
        assertThrows(IllegalArgumentException.class, () -> new RandomRounding(null));
        assertThrows(IllegalArgumentException.class, () -> ROUNDING.round("scope", -1));
    }
}
