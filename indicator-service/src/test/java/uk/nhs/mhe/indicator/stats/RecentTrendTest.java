package uk.nhs.mhe.indicator.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unit tests of {@link RecentTrend}; no infrastructure. */
class RecentTrendTest {

    private static List<Observation> points(long[] x, double[] n) {
        List<Observation> points = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            points.add(new Observation(x[i], n[i]));
        }
        return points;
    }

    private static final List<Observation> WORKED = points(new long[] {210, 232, 251, 262, 290},
            new double[] {1000, 1010, 1020, 1000, 1030});

    @Test
    void criticalValueIsChiSquaredQuantileAtNinetyNinePointEight() {
        assertEquals(9.549536, RecentTrend.CRITICAL_CHI_SQUARED, 5e-7);
    }

    @Test
    void proportionTrendMatchesWorkedExample() {
        RecentTrend trend = RecentTrend.forProportions(WORKED);
        assertEquals(16.803979, trend.chiSquared(), 5e-7);
        assertEquals(Trend.INCREASING, trend.trend());
        assertTrue(trend.slope() > 0);
    }

    @Test
    void reversedSeriesDecreasesWithTheSameChiSquared() {
        List<Observation> reversed = new ArrayList<>(WORKED);
        Collections.reverse(reversed);
        RecentTrend trend = RecentTrend.forProportions(reversed);
        assertEquals(16.803979, trend.chiSquared(), 5e-7);
        assertEquals(Trend.DECREASING, trend.trend());
    }

    @Test
    void usesOnlyTheLatestFivePoints() {
        List<Observation> six = new ArrayList<>();
        six.add(new Observation(999, 1000));
        six.addAll(WORKED);
        RecentTrend trend = RecentTrend.forProportions(six);
        assertEquals(16.803979, trend.chiSquared(), 5e-7);
        assertEquals(Trend.INCREASING, trend.trend());
    }

    @Test
    void significantChiSquaredDrivenByOnePointIsNoSignificantChange() {
        // χ² = 35.5 over five points, but leaving out the last point the slope is negative.
        List<Observation> points = points(new long[] {102, 101, 100, 99, 200},
                new double[] {1000, 1000, 1000, 1000, 1000});
        RecentTrend trend = RecentTrend.forProportions(points);
        assertEquals(35.537899, trend.chiSquared(), 5e-6);
        assertEquals(Trend.NO_SIGNIFICANT_CHANGE, trend.trend());
    }

    @Test
    void flatSeriesIsNoSignificantChange() {
        List<Observation> points = points(new long[] {100, 100, 100, 100, 100},
                new double[] {1000, 1000, 1000, 1000, 1000});
        RecentTrend trend = RecentTrend.forProportions(points);
        assertEquals(0.0, trend.chiSquared(), 1e-12);
        assertEquals(Trend.NO_SIGNIFICANT_CHANGE, trend.trend());
    }

    @Test
    void fewerThanFivePointsCannotBeCalculated() {
        RecentTrend trend = RecentTrend.forProportions(WORKED.subList(1, 5));
        assertEquals(Trend.CANNOT_BE_CALCULATED, trend.trend());
        assertNull(trend.chiSquared());
        assertEquals(Trend.CANNOT_BE_CALCULATED, RecentTrend.forRates(WORKED.subList(0, 4)).trend());
    }

    @Test
    void missingPeriodAmongLatestFiveCannotBeCalculated() {
        List<Observation> gap = new ArrayList<>(WORKED);
        gap.set(2, null);
        assertEquals(Trend.CANNOT_BE_CALCULATED, RecentTrend.forProportions(gap).trend());
        List<Observation> noDenominator = new ArrayList<>(WORKED);
        noDenominator.set(2, new Observation(0, 0));
        assertEquals(Trend.CANNOT_BE_CALCULATED, RecentTrend.forProportions(noDenominator).trend());
    }

    @Test
    void anyPointWithNumeratorEqualToDenominatorCannotBeCalculated() {
        List<Observation> full = new ArrayList<>(WORKED);
        full.set(4, new Observation(1030, 1030));
        assertEquals(Trend.CANNOT_BE_CALCULATED, RecentTrend.forProportions(full).trend());
        assertEquals(Trend.CANNOT_BE_CALCULATED, RecentTrend.forRates(full).trend());
    }

    @Test
    void allZeroProportionsCannotBeCalculated() {
        List<Observation> zeros = points(new long[] {0, 0, 0, 0, 0}, new double[] {10, 10, 10, 10, 10});
        assertEquals(Trend.CANNOT_BE_CALCULATED, RecentTrend.forProportions(zeros).trend());
    }

    @Test
    void proportionAboveOneIsRejected() {
        List<Observation> bad = new ArrayList<>(WORKED);
        bad.set(0, new Observation(1001, 1000));
        assertThrows(IllegalArgumentException.class, () -> RecentTrend.forProportions(bad));
    }

    @Test
    void rateTrendMatchesIndependentWeightedLeastSquares() {
        long[] x = {100, 120, 140, 160, 180};
        double[] n = {100_000, 101_000, 102_000, 103_000, 104_000};
        // Independently: weighted means form of WLS, weights 1/SE², SE from the 95% limits / 3.92.
        double[] w = new double[5];
        double[] y = new double[5];
        double sw = 0;
        double swt = 0;
        double swy = 0;
        for (int i = 0; i < 5; i++) {
            CrudeRate rate = CrudeRate.per100k(x[i], n[i]);
            double se = (rate.ci95().upper() - rate.ci95().lower()) / 3.92;
            w[i] = 1 / (se * se);
            y[i] = rate.value();
            sw += w[i];
            swt += w[i] * (i + 1);
            swy += w[i] * y[i];
        }
        double tBar = swt / sw;
        double yBar = swy / sw;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < 5; i++) {
            sxy += w[i] * (i + 1 - tBar) * (y[i] - yBar);
            sxx += w[i] * (i + 1 - tBar) * (i + 1 - tBar);
        }
        double slope = sxy / sxx;
        double chiSquared = slope * slope * sxx; // (b / SE_b)² with SE_b = 1/√Σw(t − t̄)²

        RecentTrend trend = RecentTrend.forRates(points(x, n));
        assertEquals(slope, trend.slope(), 1e-9);
        assertEquals(chiSquared, trend.chiSquared(), 1e-9);
        assertTrue(chiSquared > RecentTrend.CRITICAL_CHI_SQUARED);
        assertEquals(Trend.INCREASING, trend.trend());
    }

    @Test
    void decreasingRatesAreDecreasing() {
        List<Observation> points = points(new long[] {400, 360, 330, 300, 260},
                new double[] {200_000, 200_000, 200_000, 200_000, 200_000});
        assertEquals(Trend.DECREASING, RecentTrend.forRates(points).trend());
    }

    @Test
    void smallRateChangesAreNoSignificantChange() {
        List<Observation> points = points(new long[] {5, 7, 4, 6, 8},
                new double[] {50_000, 50_000, 50_000, 50_000, 50_000});
        RecentTrend trend = RecentTrend.forRates(points);
        assertTrue(trend.chiSquared() < RecentTrend.CRITICAL_CHI_SQUARED);
        assertEquals(Trend.NO_SIGNIFICANT_CHANGE, trend.trend());
    }

    @Test
    void rateTrendAcceptsZeroCountsUsingExactLimits() {
        List<Observation> points = points(new long[] {0, 2, 6, 15, 30},
                new double[] {10_000, 10_000, 10_000, 10_000, 10_000});
        assertEquals(Trend.INCREASING, RecentTrend.forRates(points).trend());
    }
}
