package uk.nhs.mhe.indicator.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Unit tests of {@link ExactPoissonInterval}, {@link ByarInterval}, {@link PoissonCountInterval}
 * and {@link CrudeRate}; no infrastructure.
 */
class CrudeRateTest {

    private static final ConfidenceLevel C95 = ConfidenceLevel.NINETY_FIVE;
    private static final ConfidenceLevel C998 = ConfidenceLevel.NINETY_NINE_POINT_EIGHT;

    @Test
    void byarMatchesWorkedExampleForCountOf65() {
        Interval interval = ByarInterval.of(65, C95);
        assertEquals(50.163188, interval.lower(), 5e-7);
        assertEquals(82.849139, interval.upper(), 5e-7);
        assertEquals(interval, PoissonCountInterval.of(65, C95));
    }

    @Test
    void exactRateMatchesWorkedExampleOfOneInHundredPerHundred() {
        CrudeRate rate = CrudeRate.of(1, 100, 100);
        assertEquals(1.0, rate.value(), 1e-12);
        assertTrue(rate.exactLimits());
        assertEquals(0.025318, rate.ci95().lower(), 5e-7);
        assertEquals(5.571643, rate.ci95().upper(), 5e-7);
    }

    @Test
    void crudeRateDividesCountLimitsByPopulationPer100k() {
        CrudeRate rate = CrudeRate.per100k(65, 250_000);
        assertEquals(26.0, rate.value(), 1e-9);
        assertFalse(rate.exactLimits());
        assertEquals(50.163188 / 2.5, rate.ci95().lower(), 5e-7);
        assertEquals(82.849139 / 2.5, rate.ci95().upper(), 5e-7);
        Interval byar998 = ByarInterval.of(65, C998);
        assertEquals(byar998.lower() / 2.5, rate.ci998().lower(), 1e-9);
        assertEquals(byar998.upper() / 2.5, rate.ci998().upper(), 1e-9);
    }

    @Test
    void zeroCountHasLowerLimitZeroAndExactUpperLimit() {
        CrudeRate rate = CrudeRate.of(0, 1000, 1000);
        assertEquals(0.0, rate.value());
        assertEquals(0.0, rate.ci95().lower());
        // x = 0: P(X = 0 | λ) = e^−λ = 0.025, so λ = −ln 0.025
        assertEquals(-Math.log(0.025), rate.ci95().upper(), 1e-9);
        assertEquals(0.0, rate.ci998().lower());
        assertEquals(-Math.log(0.001), rate.ci998().upper(), 1e-9);
    }

    @Test
    void nineEventsUseExactLimits() {
        assertTrue(PoissonCountInterval.usesExactMethod(9));
        Interval interval = PoissonCountInterval.of(9, C95);
        assertEquals(ExactPoissonInterval.of(9, C95), interval);
        // χ²⁻¹(0.025; 18)/2 and χ²⁻¹(0.975; 20)/2
        assertEquals(4.115373, interval.lower(), 5e-7);
        assertEquals(17.084803, interval.upper(), 5e-7);
    }

    @Test
    void tenEventsSwitchToByar() {
        assertFalse(PoissonCountInterval.usesExactMethod(10));
        Interval interval = PoissonCountInterval.of(10, C95);
        assertEquals(ByarInterval.of(10, C95), interval);
        assertEquals(4.787450, interval.lower(), 5e-7);
        assertEquals(18.391459, interval.upper(), 5e-7);
        // and Byar differs from exact there (exact: 4.795389 to 18.390356)
        Interval exact = ExactPoissonInterval.of(10, C95);
        assertEquals(4.795389, exact.lower(), 5e-7);
        assertEquals(18.390356, exact.upper(), 5e-7);
    }

    @Test
    void byarLowerLimitIsZeroWhereApproximationGoesNegative() {
        assertEquals(0.0, ByarInterval.of(1, C998).lower());
        assertEquals(0.0, ByarInterval.of(0, C95).lower());
    }

    @Test
    void rejectsNegativeCountsAndNonPositiveDenominators() {
        assertThrows(IllegalArgumentException.class, () -> CrudeRate.per100k(-1, 100));
        assertThrows(IllegalArgumentException.class, () -> CrudeRate.per100k(1, 0));
        assertThrows(IllegalArgumentException.class, () -> CrudeRate.of(1, 100, 0));
        assertThrows(IllegalArgumentException.class, () -> ExactPoissonInterval.of(-1, C95));
        assertThrows(IllegalArgumentException.class, () -> ByarInterval.of(-1, C95));
    }
}
