package uk.nhs.mhe.indicator.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.nhs.mhe.indicator.stats.DirectlyStandardisedRate.Stratum;

/** Unit tests of {@link DirectlyStandardisedRate} and {@link Esp2013}; no infrastructure. */
class DirectlyStandardisedRateTest {

    /** PHEindicatormethods test data, one sex over the 19 plain ESP2013 bands (indicators.md). */
    private static final long[] COUNTS = {127, 25, 18, 21, 12, 27, 48, 27, 29, 32, 32, 34, 45, 65, 38, 68, 74, 82,
        91};
    private static final double[] POPULATIONS = {636, 558, 609, 543, 384, 594, 669, 843, 660, 576, 606, 522, 426,
        273, 300, 288, 153, 123, 207};
    private static final double[] ESP2013_19_BANDS = {5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000,
        7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000};

    private static final long OBSERVED = Arrays.stream(COUNTS).sum();

    private static List<Stratum> workedExample() {
        List<Stratum> strata = new ArrayList<>();
        for (int i = 0; i < COUNTS.length; i++) {
            strata.add(new Stratum(COUNTS[i], POPULATIONS[i], ESP2013_19_BANDS[i]));
        }
        return strata;
    }

    @Test
    void dsrMatchesWorkedExample() {
        DirectlyStandardisedRate dsr = DirectlyStandardisedRate.per100k(workedExample()).orElseThrow();
        assertEquals(10430.247991, dsr.value(), 5e-7);
        assertEquals(9717.709068, dsr.ci95().lower(), 5e-7);
        assertEquals(11178.940915, dsr.ci95().upper(), 5e-7);
        assertEquals(895, dsr.observed());
    }

    @Test
    void ninetyNinePointEightLimitsMatchPheVector() {
        // PHEindicatormethods tests/testthat/testdata_DSR_ISR.xlsx, sheet testresults_DSR, row
        // testdata_big, dsr per 100000: calculate_dsr(count, pop, stdpop = esp2013,
        // confidence = c(0.95, 0.998)) over the worked example's strata.
        DirectlyStandardisedRate dsr = DirectlyStandardisedRate.per100k(workedExample()).orElseThrow();
        assertEquals(9323.2878802199029, dsr.ci998().lower(), 5e-5);
        assertEquals(11620.595999522058, dsr.ci998().upper(), 5e-5);
    }

    @Test
    void ninetyNinePointEightIntervalUsesByarLimitsOfObserved() {
        DirectlyStandardisedRate dsr = DirectlyStandardisedRate.per100k(workedExample()).orElseThrow();
        Interval byar = ByarInterval.of(OBSERVED, ConfidenceLevel.NINETY_NINE_POINT_EIGHT);
        double perOneSe = Math.sqrt(dsr.variance()) / 100_000;
        double scale = Math.sqrt(perOneSe * perOneSe / OBSERVED) * 100_000;
        assertEquals(dsr.value() + scale * (byar.lower() - OBSERVED), dsr.ci998().lower(), 1e-6);
        assertEquals(dsr.value() + scale * (byar.upper() - OBSERVED), dsr.ci998().upper(), 1e-6);
        assertTrue(dsr.ci998().lower() < dsr.ci95().lower());
    }

    @Test
    void notComputedBelowTenEvents() {
        List<Stratum> strata = List.of(new Stratum(4, 1000, 5000), new Stratum(5, 2000, 5500));
        assertEquals(Optional.empty(), DirectlyStandardisedRate.per100k(strata));
        List<Stratum> ten = List.of(new Stratum(5, 1000, 5000), new Stratum(5, 2000, 5500));
        assertTrue(DirectlyStandardisedRate.per100k(ten).isPresent());
    }

    @Test
    void stratumWithoutPopulationIsLeftOutOfBothSums() {
        List<Stratum> withEmpty = new ArrayList<>(workedExample());
        withEmpty.add(new Stratum(0, 0, 50_000));
        withEmpty.add(new Stratum(3, 0, 1_000));
        DirectlyStandardisedRate dsr = DirectlyStandardisedRate.per100k(withEmpty).orElseThrow();
        DirectlyStandardisedRate expected = DirectlyStandardisedRate.per100k(workedExample()).orElseThrow();
        assertEquals(expected.value(), dsr.value(), 1e-9);
        assertEquals(expected.ci95().lower(), dsr.ci95().lower(), 1e-9);
        assertEquals(expected.ci95().upper(), dsr.ci95().upper(), 1e-9);
        assertEquals(895, dsr.observed());
    }

    @Test
    void noStratumWithPopulationIsNotComputed() {
        assertEquals(Optional.empty(), DirectlyStandardisedRate.per100k(List.of(new Stratum(20, 0, 5000))));
    }

    @Test
    void singleStratumEqualsCrudeRate() {
        DirectlyStandardisedRate dsr = DirectlyStandardisedRate.per100k(List.of(new Stratum(50, 20_000, 7000)))
                .orElseThrow();
        assertEquals(250.0, dsr.value(), 1e-9);
        // one stratum: var/O = 1/n², so the limits are the Byar limits of the count / n
        Interval byar = ByarInterval.of(50, ConfidenceLevel.NINETY_FIVE);
        assertEquals(byar.lower() / 20_000 * 100_000, dsr.ci95().lower(), 1e-9);
        assertEquals(byar.upper() / 20_000 * 100_000, dsr.ci95().upper(), 1e-9);
    }

    @Test
    void rejectsNegativeCountsPopulationsAndWeights() {
        assertThrows(IllegalArgumentException.class, () -> new Stratum(-1, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> new Stratum(1, -10, 10));
        assertThrows(IllegalArgumentException.class, () -> new Stratum(1, 10, -10));
    }

    @Test
    void esp2013HasTwentyBandsSummingToOneHundredThousandWithFifteenToNineteenSplitThreeToTwo() {
        assertEquals(20, Esp2013.AGE_BANDS.size());
        assertEquals("0-4", Esp2013.AGE_BANDS.get(0));
        assertEquals("90+", Esp2013.AGE_BANDS.get(19));
        double total = Esp2013.WEIGHTS_BY_AGE_BAND.values().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(Esp2013.TOTAL_PER_SEX, total, 1e-9);
        assertEquals(5500, Esp2013.weight("15-17") + Esp2013.weight("18-19"), 1e-9);
        assertEquals(3300, Esp2013.weight("15-17"), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> Esp2013.weight("15-19"));
    }
}
