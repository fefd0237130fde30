package uk.nhs.mhe.indicator.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Unit tests of {@link BenchmarkComparison} and {@link Disparity}; no infrastructure. */
class BenchmarkComparisonTest {

    private static final Interval CI = new Interval(10, 20);

    @Test
    void benchmarkInsideIntervalIsSimilarIncludingTheLimits() {
        assertEquals(BenchmarkComparison.SIMILAR, BenchmarkComparison.of(CI, 15.0));
        assertEquals(BenchmarkComparison.SIMILAR, BenchmarkComparison.of(CI, 10.0));
        assertEquals(BenchmarkComparison.SIMILAR, BenchmarkComparison.of(CI, 20.0));
    }

    @Test
    void intervalAboveBenchmarkIsHigherAndBelowIsLower() {
        assertEquals(BenchmarkComparison.HIGHER, BenchmarkComparison.of(CI, 9.99));
        assertEquals(BenchmarkComparison.LOWER, BenchmarkComparison.of(CI, 20.01));
    }

    @Test
    void missingValueOrBenchmarkIsNotCompared() {
        assertEquals(BenchmarkComparison.NOT_COMPARED, BenchmarkComparison.of(null, 15.0));
        assertEquals(BenchmarkComparison.NOT_COMPARED, BenchmarkComparison.of(CI, null));
    }

    @Test
    void assessmentFollowsPolarity() {
        assertEquals(Assessment.WORSE, BenchmarkComparison.HIGHER.assess(Polarity.LOW_IS_GOOD));
        assertEquals(Assessment.BETTER, BenchmarkComparison.LOWER.assess(Polarity.LOW_IS_GOOD));
        assertEquals(Assessment.BETTER, BenchmarkComparison.HIGHER.assess(Polarity.HIGH_IS_GOOD));
        assertEquals(Assessment.WORSE, BenchmarkComparison.LOWER.assess(Polarity.HIGH_IS_GOOD));
        assertEquals(Assessment.SIMILAR, BenchmarkComparison.SIMILAR.assess(Polarity.LOW_IS_GOOD));
        assertEquals(Assessment.NOT_COMPARED, BenchmarkComparison.NOT_COMPARED.assess(Polarity.HIGH_IS_GOOD));
    }

    @Test
    void higherDetentionRatioIsADisparityWhenLowIsGood() {
        Optional<RateRatio> ratio = RateRatio.ofCrude(48, 120_000, 210, 1_500_000); // 2.09 to 3.91
        assertTrue(Disparity.isDisparity(ratio, Polarity.LOW_IS_GOOD));
        assertFalse(Disparity.isDisparity(ratio, Polarity.HIGH_IS_GOOD));
        assertEquals(BenchmarkComparison.HIGHER, Disparity.versusReference(ratio.orElseThrow().ci95(), 1));
    }

    @Test
    void lowerAccessRatioIsADisparityWhenHighIsGood() {
        Interval below = new Interval(0.5, 0.9);
        assertTrue(Disparity.isDisparity(below, 1, Polarity.HIGH_IS_GOOD));
        assertFalse(Disparity.isDisparity(below, 1, Polarity.LOW_IS_GOOD));
    }

    @Test
    void intervalTouchingOrContainingNullValueIsNoDisparity() {
        assertFalse(Disparity.isDisparity(new Interval(0.8, 1.3), 1, Polarity.LOW_IS_GOOD));
        assertFalse(Disparity.isDisparity(new Interval(1.0, 1.3), 1, Polarity.LOW_IS_GOOD));
        assertFalse(Disparity.isDisparity(Optional.empty(), Polarity.LOW_IS_GOOD));
    }

    @Test
    void lowerRecoveryDifferenceIsADisparityWhenHighIsGood() {
        ProportionDifference lower = ProportionDifference.of(48, 80, 56, 70); // −0.2, about −0.33 to −0.05
        assertTrue(Disparity.isDisparity(lower, Polarity.HIGH_IS_GOOD));
        assertFalse(Disparity.isDisparity(lower, Polarity.LOW_IS_GOOD));
        ProportionDifference similar = ProportionDifference.of(50, 100, 52, 100);
        assertFalse(Disparity.isDisparity(similar, Polarity.HIGH_IS_GOOD));
        assertFalse(Disparity.isDisparity((ProportionDifference) null, Polarity.HIGH_IS_GOOD));
    }
}
