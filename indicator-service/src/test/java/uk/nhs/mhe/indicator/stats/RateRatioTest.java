package uk.nhs.mhe.indicator.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.nhs.mhe.indicator.stats.DirectlyStandardisedRate.Stratum;

/** Unit tests of {@link RateRatio}; no infrastructure. */
class RateRatioTest {

    @Test
    void crudeRateRatioMatchesWorkedExample() {
        RateRatio ratio = RateRatio.ofCrude(48, 120_000, 210, 1_500_000).orElseThrow();
        assertEquals(2.857143, ratio.value(), 5e-7);
        assertEquals(2.088105, ratio.ci95().lower(), 5e-7);
        assertEquals(3.909413, ratio.ci95().upper(), 5e-7);
    }

    @Test
    void crudeRatioAtNinetyNinePointEightUsesItsZ() {
        RateRatio ratio = RateRatio.ofCrude(48, 120_000, 210, 1_500_000).orElseThrow();
        double se = Math.sqrt(1.0 / 48 + 1.0 / 210);
        double z = ConfidenceLevel.NINETY_NINE_POINT_EIGHT.z();
        assertEquals(Math.exp(Math.log(2.857142857142857) - z * se), ratio.ci998().lower(), 1e-9);
        assertEquals(Math.exp(Math.log(2.857142857142857) + z * se), ratio.ci998().upper(), 1e-9);
    }

    @Test
    void crudeRatioNotComputedWhenEitherCountIsZero() {
        assertEquals(Optional.empty(), RateRatio.ofCrude(0, 1000, 10, 1000));
        assertEquals(Optional.empty(), RateRatio.ofCrude(10, 1000, 0, 1000));
    }

    @Test
    void crudeRatioRejectsInvalidInputs() {
        assertThrows(IllegalArgumentException.class, () -> RateRatio.ofCrude(-1, 1000, 10, 1000));
        assertThrows(IllegalArgumentException.class, () -> RateRatio.ofCrude(1, 0, 10, 1000));
    }

    @Test
    void dsrRatioUsesStandardErrorOfLogDsr() {
        DirectlyStandardisedRate group = DirectlyStandardisedRate.per100k(List.of(
                new Stratum(30, 10_000, 6000), new Stratum(50, 8_000, 4000))).orElseThrow();
        DirectlyStandardisedRate reference = DirectlyStandardisedRate.per100k(List.of(
                new Stratum(100, 60_000, 6000), new Stratum(90, 40_000, 4000))).orElseThrow();
        // independently: DSR = Σ(x w / n)/Σw, var = Σ x (w/n)² / (Σw)², SE(ln DSR) = √var / DSR
        double dsr1 = (30 * 6000 / 10_000.0 + 50 * 4000 / 8_000.0) / 10_000;
        double var1 = (30 * Math.pow(6000 / 10_000.0, 2) + 50 * Math.pow(4000 / 8_000.0, 2)) / 1e8;
        double dsr0 = (100 * 6000 / 60_000.0 + 90 * 4000 / 40_000.0) / 10_000;
        double var0 = (100 * Math.pow(6000 / 60_000.0, 2) + 90 * Math.pow(4000 / 40_000.0, 2)) / 1e8;
        double se = Math.sqrt(var1 / (dsr1 * dsr1) + var0 / (dsr0 * dsr0));
        double rr = dsr1 / dsr0;
        double z = ConfidenceLevel.NINETY_FIVE.z();

        RateRatio ratio = RateRatio.ofStandardised(group, reference);
        assertEquals(rr, ratio.value(), 1e-12);
        assertEquals(Math.exp(Math.log(rr) - z * se), ratio.ci95().lower(), 1e-9);
        assertEquals(Math.exp(Math.log(rr) + z * se), ratio.ci95().upper(), 1e-9);
        assertEquals(Math.sqrt(var1) / dsr1, group.standardErrorOfLog(), 1e-12);
    }

    @Test
    void dsrRatioOfARateWithItselfIsOneWithSymmetricLogLimits() {
        DirectlyStandardisedRate dsr = DirectlyStandardisedRate.per100k(List.of(
                new Stratum(40, 10_000, 5000), new Stratum(60, 9_000, 5000))).orElseThrow();
        RateRatio ratio = RateRatio.ofStandardised(dsr, dsr);
        assertEquals(1.0, ratio.value(), 1e-12);
        assertEquals(-Math.log(ratio.ci95().lower()), Math.log(ratio.ci95().upper()), 1e-12);
        assertEquals(ConfidenceLevel.NINETY_FIVE.z() * Math.sqrt(2) * dsr.standardErrorOfLog(),
                Math.log(ratio.ci95().upper()), 1e-12);
    }

    @Test
    void dsrRatioNotComputedWhenEitherDsrIsNotApplicable() {
        Optional<DirectlyStandardisedRate> small = DirectlyStandardisedRate.per100k(
                List.of(new Stratum(5, 10_000, 5000)));
        Optional<DirectlyStandardisedRate> large = DirectlyStandardisedRate.per100k(
                List.of(new Stratum(50, 10_000, 5000)));
        assertTrue(small.isEmpty());
        assertEquals(Optional.empty(), RateRatio.ofStandardised(small, large));
        assertEquals(Optional.empty(), RateRatio.ofStandardised(large, small));
        assertTrue(RateRatio.ofStandardised(large, large).isPresent());
    }
}
