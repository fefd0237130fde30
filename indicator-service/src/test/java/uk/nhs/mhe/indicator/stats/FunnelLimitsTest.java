package uk.nhs.mhe.indicator.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static uk.nhs.mhe.indicator.stats.PheVectors.number;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.nhs.mhe.indicator.stats.FunnelLimits.Side;

/** Unit tests of {@link FunnelLimits}; no infrastructure. */
class FunnelLimitsTest {

    private static final ConfidenceLevel C95 = ConfidenceLevel.NINETY_FIVE;
    private static final ConfidenceLevel C998 = ConfidenceLevel.NINETY_NINE_POINT_EIGHT;

    // ---- proportions ----

    @Test
    void proportionLimitsMatchSigmaAdjustmentReferenceValues() {
        // Values from the DHSC Python port of PHEindicatormethods' sigma_adjustment:
        // sigma_adjustment(0.975, 100000, 0.9, "low", 100) and (0.999, 300000, 0.85, "high", 1000).
        assertEquals(89.81406149030842, FunnelLimits.forProportions(0.9, 100_000).ci95().lower(), 1e-9);
        assertEquals(852.0145849882799 / 10, FunnelLimits.forProportions(0.85, 300_000).ci998().upper(), 1e-9);
    }

    @Test
    void proportionLimitsApproachNormalApproximationForLargeDenominator() {
        double n = 1e8;
        FunnelLimits limits = FunnelLimits.forProportions(0.5, n);
        assertEquals(50.0, limits.baseline(), 1e-12);
        for (ConfidenceLevel level : ConfidenceLevel.values()) {
            double halfWidth = 100 * level.z() * Math.sqrt(0.25 / n);
            assertEquals(50 - halfWidth, limits.interval(level).lower(), 1e-6);
            assertEquals(50 + halfWidth, limits.interval(level).upper(), 1e-6);
        }
    }

    @Test
    void proportionLimitIsTheObservedProportionWhoseWilsonLimitIsTheAverage() {
        // Computed independently: a proportion x/N sits on the funnel exactly when the average lies
        // on its Wilson limit; so the Wilson upper limit of (lower funnel limit × N) is the average.
        double a = 0.3;
        double n = 200;
        for (ConfidenceLevel level : ConfidenceLevel.values()) {
            FunnelLimits limits = FunnelLimits.forProportions(a, n);
            double lower = limits.interval(level).lower() / 100;
            double upper = limits.interval(level).upper() / 100;
            double z = level.z();
            double xl = lower * n;
            double xu = upper * n;
            double wilsonUpperOfLower = (2 * xl + z * z + z * Math.sqrt(z * z + 4 * xl * (1 - xl / n)))
                    / (2 * (n + z * z));
            double wilsonLowerOfUpper = (2 * xu + z * z - z * Math.sqrt(z * z + 4 * xu * (1 - xu / n)))
                    / (2 * (n + z * z));
            assertEquals(a, wilsonUpperOfLower, 1e-12);
            assertEquals(a, wilsonLowerOfUpper, 1e-12);
        }
    }

    @Test
    void proportionLimitsAreClippedToZeroAndOneHundred() {
        FunnelLimits low = FunnelLimits.forProportions(0.01, 100);
        assertEquals(0.0, low.ci95().lower());
        assertEquals(0.0, low.ci998().lower());
        FunnelLimits high = FunnelLimits.forProportions(0.99, 100);
        assertEquals(100.0, high.ci95().upper());
        assertEquals(100.0, high.ci998().upper());
    }

    @Test
    void averageIsTotalNumeratorOverTotalDenominator() {
        List<Observation> areas = List.of(new Observation(30, 100), new Observation(10, 300));
        assertEquals(0.1, FunnelLimits.average(areas), 1e-15);
        assertEquals(FunnelLimits.forProportions(0.1, 250), FunnelLimits.forProportions(areas, 250));
        assertThrows(IllegalArgumentException.class, () -> FunnelLimits.average(List.of()));
    }

    @Test
    void proportionFunnelRejectsInvalidInputs() {
        assertThrows(IllegalArgumentException.class, () -> FunnelLimits.forProportions(1.1, 100));
        assertThrows(IllegalArgumentException.class, () -> FunnelLimits.forProportions(0.5, 0));
    }

    // ---- proportions: PHE's vectors ----

    /** PHE's proportion inputs: 303 areas, numerators not whole (they are derived figures). */
    private static List<Map<String, String>> proportionInputs() {
        List<Map<String, String>> rows = PheVectors.read("testdata_funnel_prop_inputs.csv");
        assertEquals(303, rows.size());
        return rows;
    }

    private static double proportionAverage(List<Map<String, String>> areas) {
        double x = 0;
        double n = 0;
        for (Map<String, String> area : areas) {
            x += number(area, "numerator");
            n += number(area, "denominator");
        }
        return x / n;
    }

    @Test
    void proportionLimitsMatchPheVector() {
        // calculate_funnel_limits(numerator, denominator, statistic = "proportion", multiplier = 100)
        assertProportionLimits(proportionAverage(proportionInputs()), "testdata_funnel_prop_outputs.csv");
    }

    @Test
    void proportionLimitsMatchPheVectorWithAxisVariation() {
        // the same over the inputs with denominator < 31000 (PHE's axis then starts above 0)
        List<Map<String, String>> small = proportionInputs().stream()
                .filter(r -> number(r, "denominator") < 31_000).toList();
        assertProportionLimits(proportionAverage(small), "testdata_funnel_prop_outputs_with_axis_variation.csv");
    }

    private static void assertProportionLimits(double a, String file) {
        List<Map<String, String>> rows = PheVectors.read(file);
        assertEquals(100, rows.size());
        for (Map<String, String> row : rows) {
            double n = number(row, "Population");
            FunnelLimits limits = FunnelLimits.forProportions(a, n);
            String at = file + ", population " + n;
            assertPhe(number(row, "Baseline"), limits.baseline(), at);
            assertPhe(number(row, "Lower2s0025limit"), limits.ci95().lower(), at);
            assertPhe(number(row, "Upper2s0025limit"), limits.ci95().upper(), at);
            assertPhe(number(row, "Lower3s0001limit"), limits.ci998().lower(), at);
            assertPhe(number(row, "Upper3s0001limit"), limits.ci998().upper(), at);
        }
    }

    @Test
    void proportionSignificanceMatchesPheVector() {
        // assign_funnel_significance(numerator, denominator, statistic = "proportion"): the value
        // against the limits at the area's own denominator, as the funnel query places a point.
        List<Map<String, String>> areas = proportionInputs();
        double a = proportionAverage(areas);
        List<String> wrong = new ArrayList<>();
        for (Map<String, String> area : areas) {
            double x = number(area, "numerator");
            double n = number(area, "denominator");
            String ours = FunnelLimits.forProportions(a, n).significance(100 * x / n).label();
            if (!ours.equals(area.get("significance"))) {
                wrong.add(area.get("Area") + ": " + ours + " vs " + area.get("significance"));
            }
        }
        assertEquals(List.of(), wrong);
    }

    // ---- rates ----

    @Test
    void poissonFunnelBisectionMatchesPheReferenceValues() {
        // poisson_funnel(200, 0.025, "low") and poisson_funnel(500, 0.001, "high") as published in
        // the DHSC Python port's tests; PHE stops bisecting at 1e-7 on v, so agree to 2e-4.
        assertEquals(173.24086241121654, FunnelLimits.poissonFunnel(200, 0.025, Side.LOW), 2e-4);
        assertEquals(573.0274767209943, FunnelLimits.poissonFunnel(500, 0.001, Side.HIGH), 2e-4);
    }

    @Test
    void rateLimitsForWholeExpectedCountEqualExactPoissonLimits() {
        // E = 0.0002 × 1,000,000 = 200: the χ² form of the exact limits, computed independently.
        FunnelLimits limits = FunnelLimits.forRates(0.0002, 1_000_000, 100_000);
        assertEquals(20.0, limits.baseline(), 1e-12);
        for (ConfidenceLevel level : ConfidenceLevel.values()) {
            Interval exact = ExactPoissonInterval.of(200, level).scale(100_000 / 1_000_000.0);
            assertEquals(exact.lower(), limits.interval(level).lower(), 1e-9);
            assertEquals(exact.upper(), limits.interval(level).upper(), 1e-9);
        }
        assertEquals(17.3240883, limits.ci95().lower(), 5e-7);
    }

    @Test
    void smallWholeExpectedCountsEqualExactPoissonLimits() {
        for (long e = 1; e <= 12; e++) {
            for (ConfidenceLevel level : ConfidenceLevel.values()) {
                Interval bisected = FunnelLimits.exactPoissonLimits(e, level);
                Interval exact = ExactPoissonInterval.of(e, level);
                assertEquals(exact.lower(), bisected.lower(), 1e-9, "lower, E = " + e);
                assertEquals(exact.upper(), bisected.upper(), 1e-9, "upper, E = " + e);
            }
        }
    }

    @Test
    void fractionalExpectedCountLiesBetweenItsWholeNeighbours() {
        Interval below = FunnelLimits.exactPoissonLimits(7, C95);
        Interval between = FunnelLimits.exactPoissonLimits(7.4, C95);
        Interval above = FunnelLimits.exactPoissonLimits(8, C95);
        assertTrue(below.lower() < between.lower() && between.lower() < above.lower());
        assertTrue(below.upper() < between.upper() && between.upper() < above.upper());
    }

    @Test
    void zeroExpectedCountHasLowerLimitZero() {
        FunnelLimits limits = FunnelLimits.forRates(0, 50_000, 100_000);
        assertEquals(0.0, limits.ci95().lower());
        assertEquals(-Math.log(0.025) / 50_000 * 100_000, limits.ci95().upper(), 1e-9);
        assertEquals(-Math.log(0.001) / 50_000 * 100_000, limits.ci998().upper(), 1e-9);
    }

    @Test
    void rateLimitsApproachNormalApproximationForLargeExpectedCount() {
        double e = 1_000_000;
        for (ConfidenceLevel level : ConfidenceLevel.values()) {
            Interval limits = FunnelLimits.exactPoissonLimits(e, level);
            double halfWidth = level.z() * Math.sqrt(e);
            // The exact limits differ from E ∓ z√E by terms of order z², about 1 to 4 events here.
            assertEquals(e - halfWidth, limits.lower(), 5);
            assertEquals(e + halfWidth, limits.upper(), 5);
        }
    }

    @Test
    void rateFunnelFromAreasUsesPer100k() {
        List<Observation> areas = List.of(new Observation(120, 400_000), new Observation(80, 600_000));
        FunnelLimits limits = FunnelLimits.forRates(areas, 250_000);
        assertEquals(20.0, limits.baseline(), 1e-9);
        Interval exact50 = ExactPoissonInterval.of(50, C998).scale(100_000 / 250_000.0);
        assertEquals(exact50.lower(), limits.ci998().lower(), 1e-9);
        assertEquals(exact50.upper(), limits.ci998().upper(), 1e-9);
    }

    /**
     * To 4 decimal places, or to the vector's printed precision (10 significant digits) where
     * that is coarser.
     */
    private static void assertPhe(double expected, double actual, String at) {
        assertEquals(expected, actual, Math.max(5e-5, 5e-9 * Math.abs(expected)), at);
    }
}
