package uk.nhs.mhe.indicator.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Unit tests of {@link ProportionDifference}; no infrastructure. */
class ProportionDifferenceTest {

    @Test
    void newcombeMatchesWorkedExample() {
        ProportionDifference difference = ProportionDifference.of(56, 70, 48, 80);
        assertEquals(0.2, difference.value(), 1e-12);
        assertEquals(0.052431, difference.ci95().lower(), 5e-7);
        assertEquals(0.333873, difference.ci95().upper(), 5e-7);
    }

    @Test
    void ninetyNinePointEightIntervalIsWider() {
        ProportionDifference difference = ProportionDifference.of(56, 70, 48, 80);
        assertTrue(difference.ci998().lower() < difference.ci95().lower());
        assertTrue(difference.ci998().upper() > difference.ci95().upper());
    }

    @Test
    void equalProportionsGiveIntervalAroundZero() {
        ProportionDifference difference = ProportionDifference.of(30, 100, 30, 100);
        assertEquals(0.0, difference.value(), 1e-15);
        assertTrue(difference.ci95().contains(0));
        assertEquals(-difference.ci95().lower(), difference.ci95().upper(), 1e-12);
    }

    @Test
    void handlesZeroAndFullProportions() {
        ProportionDifference difference = ProportionDifference.of(0, 40, 40, 40);
        assertEquals(-1.0, difference.value(), 1e-15);
        Interval w1 = WilsonInterval.of(0, 40, ConfidenceLevel.NINETY_FIVE);
        Interval w0 = WilsonInterval.of(40, 40, ConfidenceLevel.NINETY_FIVE);
        // p₁ = l₁ = 0 and p₀ = u₀ = 1, so lower = d; upper = d + √(u₁² + (1 − l₀)²)
        assertEquals(-1.0, difference.ci95().lower(), 1e-12);
        assertEquals(-1.0 + Math.hypot(w1.upper(), 1 - w0.lower()), difference.ci95().upper(), 1e-12);
    }

    @Test
    void rejectsInvalidProportions() {
        assertThrows(IllegalArgumentException.class, () -> ProportionDifference.of(5, 4, 1, 10));
        assertThrows(IllegalArgumentException.class, () -> ProportionDifference.of(1, 10, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> ProportionDifference.of(-1, 10, 1, 10));
    }
}
