package uk.nhs.mhe.indicator.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Unit tests of {@link Interval}; no infrastructure. */
class IntervalTest {

    @Test
    void containsIncludesBothLimits() {
        Interval interval = new Interval(1, 2);
        assertTrue(interval.contains(1));
        assertTrue(interval.contains(2));
        assertTrue(interval.contains(1.5));
        assertFalse(interval.contains(0.999));
        assertTrue(interval.excludes(2.001));
    }

    @Test
    void rejectsLowerAboveUpperAndNonFiniteLimits() {
        assertThrows(IllegalArgumentException.class, () -> new Interval(2, 1));
        assertThrows(IllegalArgumentException.class, () -> new Interval(Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> new Interval(0, Double.POSITIVE_INFINITY));
    }

    @Test
    void scaleMultipliesBothLimits() {
        Interval scaled = new Interval(0.5, 0.75).scale(100);
        assertEquals(50, scaled.lower(), 1e-12);
        assertEquals(75, scaled.upper(), 1e-12);
    }
}
