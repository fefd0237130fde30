package uk.nhs.mhe.indicator.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Unit tests of {@link WilsonInterval} and {@link Proportion}; no infrastructure. */
class WilsonIntervalTest {

    @Test
    void wilsonMatchesWorkedExample() {
        Interval interval = WilsonInterval.of(65, 100, ConfidenceLevel.NINETY_FIVE);
        assertEquals(0.552544, interval.lower(), 5e-7);
        assertEquals(0.736358, interval.upper(), 5e-7);
    }

    @Test
    void proportionReportsPercentagesWithBothIntervals() {
        Proportion proportion = Proportion.percentage(65, 100);
        assertEquals(65.0, proportion.value(), 1e-12);
        assertEquals(55.2544, proportion.ci95().lower(), 5e-5);
        assertEquals(73.6358, proportion.ci95().upper(), 5e-5);
        assertTrue(proportion.ci998().lower() < proportion.ci95().lower());
        assertTrue(proportion.ci998().upper() > proportion.ci95().upper());
    }

    @Test
    void zeroNumeratorGivesLowerLimitZero() {
        Interval interval = WilsonInterval.of(0, 50, ConfidenceLevel.NINETY_FIVE);
        assertEquals(0.0, interval.lower());
        double z2 = ConfidenceLevel.NINETY_FIVE.z() * ConfidenceLevel.NINETY_FIVE.z();
        // x = 0: upper = 2z² / (2(n + z²)) = z² / (n + z²)
        assertEquals(z2 / (50 + z2), interval.upper(), 1e-12);
    }

    @Test
    void numeratorEqualToDenominatorGivesUpperLimitOne() {
        Interval interval = WilsonInterval.of(50, 50, ConfidenceLevel.NINETY_NINE_POINT_EIGHT);
        assertEquals(1.0, interval.upper());
        double z2 = ConfidenceLevel.NINETY_NINE_POINT_EIGHT.z() * ConfidenceLevel.NINETY_NINE_POINT_EIGHT.z();
        // x = n: lower = 2n / (2(n + z²)) = n / (n + z²)
        assertEquals(50 / (50 + z2), interval.lower(), 1e-12);
    }

    @Test
    void rejectsNegativeNumerator() {
        assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of(-1, 10, ConfidenceLevel.NINETY_FIVE));
    }

    @Test
    void rejectsZeroOrNegativeDenominator() {
        assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of(0, 0, ConfidenceLevel.NINETY_FIVE));
        assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of(0, -5, ConfidenceLevel.NINETY_FIVE));
    }

    @Test
    void rejectsNumeratorAboveDenominator() {
        assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of(11, 10, ConfidenceLevel.NINETY_FIVE));
        assertThrows(IllegalArgumentException.class, () -> Proportion.percentage(11, 10));
    }
}
