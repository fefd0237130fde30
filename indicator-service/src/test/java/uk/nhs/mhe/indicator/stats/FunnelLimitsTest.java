package uk.nhs.mhe.indicator.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static uk.nhs.mhe.indicator.stats.PheVectors.count;
import static uk.nhs.mhe.indicator.stats.PheVectors.missing;
import static uk.nhs.mhe.indicator.stats.PheVectors.number;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.nhs.mhe.indicator.stats.RateFunnel.EventLimits;
import uk.nhs.mhe.indicator.stats.RateFunnel.LinePoint;
import uk.nhs.mhe.indicator.stats.RateFunnel.Side;

/**
 * Unit tests of {@link FunnelLimits} and {@link RateFunnel}, including PHEindicatormethods' own
 * test vectors (src/test/resources/pheindicatormethods); no infrastructure.
 */
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

    private static final double PER_100K = 100_000;

    @Test
    void poissonFunnelBisectionMatchesPheReferenceValues() {
        // poisson_funnel(200, 0.025, "low") and poisson_funnel(500, 0.001, "high") as published in
        // the DHSC Python port's tests (same bisection, same stopping rule).
        assertEquals(173.24086241121654, RateFunnel.poissonFunnel(200, 0.025, Side.LOW), 1e-6);
        assertEquals(573.0274767209943, RateFunnel.poissonFunnel(500, 0.001, Side.HIGH), 1e-6);
    }

    @Test
    void poissonFunnelFindsTheExactLimitsOfTheCountToItsBisectionStep() {
        for (long k = 1; k <= 12; k++) {
            for (ConfidenceLevel level : ConfidenceLevel.values()) {
                Interval exact = ExactPoissonInterval.of(k, level);
                double p = level.tailProbability();
                assertEquals(exact.lower(), RateFunnel.poissonFunnel(k, p, Side.LOW), bisectionStep(k, exact.lower()),
                        "k " + k);
                assertEquals(exact.upper(), RateFunnel.poissonFunnel(k, p, Side.HIGH), bisectionStep(k, exact.upper()),
                        "k " + k);
            }
        }
    }

    /**
     * PHE's bisection stops with a step of 0.5/2²³ ≈ 6e-8 on v, λ = (1 + k)v/(1 − v): an error
     * in λ of at most that step × dλ/dv = (1 + k + λ)²/(1 + k).
     */
    private static double bisectionStep(long k, double lambda) {
        return 0.5 / (1 << 23) * (1 + k + lambda) * (1 + k + lambda) / (1 + k);
    }

    @Test
    void linesAtAPopulationPassThroughTheWholeCountsWhoseExactLimitIsTheExpectedCount() {
        double a = 0.0012;
        RateFunnel funnel = RateFunnel.of(a, PER_100K);
        for (long k : new long[] {1, 2, 5, 10, 57, 200, 10_000, 1_000_000}) {
            for (ConfidenceLevel level : ConfidenceLevel.values()) {
                Interval exact = ExactPoissonInterval.of(k, level);
                // the lower line has k events where k's upper limit is a·P, the upper line where its lower limit is
                double pLower = exact.upper() / a;
                double pUpper = exact.lower() / a;
                assertEquals(k / pLower * PER_100K, funnel.at(pLower).interval(level).lower(),
                        1e-9 * k / pLower * PER_100K, "lower line, k " + k);
                assertEquals(k / pUpper * PER_100K, funnel.at(pUpper).interval(level).upper(),
                        1e-9 * k / pUpper * PER_100K, "upper line, k " + k);
            }
        }
    }

    @Test
    void linesNarrowTowardsTheBaselineAsThePopulationGrows() {
        RateFunnel funnel = RateFunnel.of(0.0012, PER_100K);
        FunnelLimits previous = null;
        for (double n = 1_000; n <= 1e8; n *= 1.5) {
            FunnelLimits l = funnel.at(n);
            assertTrue(l.ci998().lower() <= l.ci95().lower() && l.ci95().lower() < 120, "n " + n);
            assertTrue(l.ci998().upper() > l.ci95().upper() && l.ci95().upper() > 120, "n " + n);
            if (previous != null) {
                assertTrue(l.ci95().lower() >= previous.ci95().lower() && l.ci998().lower() >= previous.ci998().lower());
                assertTrue(l.ci95().upper() < previous.ci95().upper() && l.ci998().upper() < previous.ci998().upper());
            }
            previous = l;
        }
        // 120,000 expected events at 100 million: close to 120 ∓ 1.96·√120,000 per 100,000
        double half = ConfidenceLevel.NINETY_FIVE.z() * Math.sqrt(120_000) / 1e8 * PER_100K;
        assertEquals(120 - half, funnel.at(1e8).ci95().lower(), 0.01);
        assertEquals(120 + half, funnel.at(1e8).ci95().upper(), 0.01);
    }

    @Test
    void lowerLineIsZeroWhereNoEventsUpperLimitReachesTheExpectedCount() {
        // a·N = 3 < −ln 0.025 = 3.69: even 0 events is not significantly low at 95%.
        RateFunnel funnel = RateFunnel.of(0.0003, PER_100K);
        assertEquals(0.0, funnel.at(10_000).ci95().lower());
        assertTrue(funnel.at(20_000).ci95().lower() > 0);
    }

    @Test
    void forRatesIsTheRateFunnelAtTheDenominator() {
        FunnelLimits viaLimits = FunnelLimits.forRates(0.0002, 250_000, PER_100K);
        assertEquals(RateFunnel.of(0.0002, PER_100K).at(250_000), viaLimits);
        assertEquals(20.0, viaLimits.baseline(), 1e-12);
        List<Observation> areas = List.of(new Observation(120, 400_000), new Observation(80, 600_000));
        assertEquals(viaLimits, FunnelLimits.forRates(areas, 250_000));
    }

    @Test
    void zeroAverageHasLinesAtZero() {
        RateFunnel funnel = RateFunnel.of(List.of(new Observation(0, 50_000), new Observation(0, 70_000)), PER_100K);
        FunnelLimits l = funnel.at(60_000);
        assertEquals(0.0, l.ci95().lower());
        assertEquals(0.0, l.ci998().upper());
        assertEquals(FunnelSignificance.NOT_SIGNIFICANT, funnel.significance(0, 50_000));
        assertThrows(IllegalStateException.class, () -> funnel.atEvents(1));
    }

    @Test
    void anAreaIsOutsideTheFunnelWhenItsCrudeRatesIntervalExcludesTheAverage() {
        // indicators.md: "its rate's interval excludes a" (CrudeRate: exact below 10, Byar from 10).
        RateFunnel funnel = RateFunnel.of(0.0012, PER_100K);
        int outside = 0;
        for (long x : new long[] {0, 1, 3, 9, 10, 11, 25, 60, 150, 400}) {
            for (double n = 500; n <= 200_000; n *= 1.7) {
                CrudeRate rate = CrudeRate.per100k(x, n);
                FunnelSignificance expected = rate.ci998().lower() > 120 ? FunnelSignificance.HIGH_0_001
                        : rate.ci95().lower() > 120 ? FunnelSignificance.HIGH_0_025
                        : rate.ci998().upper() < 120 ? FunnelSignificance.LOW_0_001
                        : rate.ci95().upper() < 120 ? FunnelSignificance.LOW_0_025
                        : FunnelSignificance.NOT_SIGNIFICANT;
                assertEquals(expected, funnel.significance(x, n), x + " in " + n);
                outside += expected == FunnelSignificance.NOT_SIGNIFICANT ? 0 : 1;
            }
        }
        assertTrue(outside > 20, "the grid reaches both sides of the funnel");
    }

    @Test
    void dsrsOfFewerThanTenEventsAreNotAssessedAndOthersUseTheirDerivedPopulation() {
        RateFunnel funnel = RateFunnel.of(0.0012, PER_100K);
        assertEquals(FunnelSignificance.NOT_APPLICABLE, funnel.significanceOfDsr(9, 500.0));
        assertEquals(FunnelSignificance.NOT_APPLICABLE, funnel.significanceOfDsr(0, null));
        // 40 events at a DSR of 400: derived population 10,000
        assertEquals(10_000, RateFunnel.derivedPopulation(40, 400, PER_100K), 1e-9);
        assertEquals(funnel.significance(40, 10_000), funnel.significanceOfDsr(40, 400.0));
        assertEquals(FunnelSignificance.HIGH_0_001, funnel.significanceOfDsr(40, 400.0));
        assertEquals(Optional.empty(), RateFunnel.dsrObservation(0, null, PER_100K));
        assertEquals(Optional.of(new Observation(40, 10_000)), RateFunnel.dsrObservation(40, 400.0, PER_100K));
    }

    @Test
    void rateFunnelRejectsInvalidInputs() {
        assertThrows(IllegalArgumentException.class, () -> RateFunnel.of(-0.1, PER_100K));
        assertThrows(IllegalArgumentException.class, () -> RateFunnel.of(0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> RateFunnel.of(0.1, PER_100K).at(0));
        assertThrows(IllegalArgumentException.class, () -> RateFunnel.of(0.1, PER_100K).atEvents(0));
        assertThrows(IllegalArgumentException.class, () -> RateFunnel.of(0.1, PER_100K).significance(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> RateFunnel.derivedPopulation(0, 10, PER_100K));
    }

    // ---- rates: PHE's vectors ----

    /** PHE's rate funnel inputs: 50 areas with events {@code ev}, a rate and a population. */
    private static List<Map<String, String>> rateInputs() {
        List<Map<String, String>> rows = PheVectors.read("testdata_funnel_rate_input_funnels.csv");
        assertEquals(50, rows.size());
        return rows;
    }

    /** The funnel of the inputs read as DSRs: testdata_funnel_rate_outputs.csv. */
    private static RateFunnel dsrFunnelOfRateInputs() {
        List<Observation> areas = new ArrayList<>();
        for (Map<String, String> row : rateInputs()) {
            RateFunnel.dsrObservation(count(row, "ev"), number(row, "rate"), PER_100K).ifPresent(areas::add);
        }
        return RateFunnel.of(areas, PER_100K);
    }

    @Test
    void workedExampleOfIndicatorsMd() {
        RateFunnel funnel = dsrFunnelOfRateInputs();
        assertEquals(116.1720835, funnel.baseline(), 5e-8);
        EventLimits ten = funnel.atEvents(10);
        assertEquals(63.170104, ten.lower95().rate(), 5e-7);
        assertEquals(15_830.27, ten.lower95().population(), 5e-3);
        assertEquals(242.257962, ten.upper95().rate(), 5e-7);
        assertEquals(48.136329, ten.lower998().rate(), 5e-7);
        assertEquals(392.404329, ten.upper998().rate(), 5e-7);
        // by definition, 10's exact upper limit is the expected count a·P there
        assertEquals(ExactPoissonInterval.of(10, C95).upper(), funnel.average() * ten.lower95().population(), 1e-5);
        assertEquals(ExactPoissonInterval.of(10, C998).lower(), funnel.average() * ten.upper998().population(), 1e-5);
    }

    @Test
    void dsrLinesMatchPheVector() {
        // calculate_funnel_limits(ev, rate = rate, multiplier = 1e5, statistic = "rate",
        //                         rate_type = "dsr", years_of_data = 3)
        assertRateLines(dsrFunnelOfRateInputs(), "testdata_funnel_rate_outputs.csv", 3);
    }

    @Test
    void crudeRateLinesWithFewEventsMatchPheVector() {
        // the same, rate_type = "crude", after setting the largest ev to 5 (its rate unchanged)
        List<Map<String, String>> rows = rateInputs();
        long max = rows.stream().mapToLong(r -> count(r, "ev")).max().orElseThrow();
        List<Observation> areas = new ArrayList<>();
        for (Map<String, String> row : rows) {
            long ev = count(row, "ev") == max ? 5 : count(row, "ev");
            areas.add(new Observation(ev, RateFunnel.derivedPopulation(ev, number(row, "rate"), PER_100K)));
        }
        assertRateLines(RateFunnel.of(areas, PER_100K), "testdata_funnel_rate_outputs_2.csv", 3);
    }

    @Test
    void crudeRateLinesWithZeroEventsMatchPheVector() {
        // pop = 1e5 * ev / rate; the largest ev (and its rate) set to 0; rows with pop > max(pop) / 2;
        // denominator = pop (used for the 0-event area), rate_type = "crude", years_of_data = 3
        List<Map<String, String>> rows = rateInputs();
        long max = rows.stream().mapToLong(r -> count(r, "ev")).max().orElseThrow();
        double maxPop = rows.stream().mapToDouble(r -> PER_100K * count(r, "ev") / number(r, "rate")).max()
                .orElseThrow();
        List<Observation> areas = new ArrayList<>();
        for (Map<String, String> row : rows) {
            double pop = PER_100K * count(row, "ev") / number(row, "rate");
            if (!(pop > maxPop / 2)) {
                continue;
            }
            long ev = count(row, "ev") == max ? 0 : count(row, "ev");
            areas.add(new Observation(ev, ev == 0 ? pop : RateFunnel.derivedPopulation(ev, number(row, "rate"),
                    PER_100K)));
        }
        assertTrue(areas.stream().anyMatch(o -> o.numerator() == 0));
        assertRateLines(RateFunnel.of(areas, PER_100K), "testdata_funnel_rate_outputs_3.csv", 3);
    }

    /**
     * Every row of a calculate_funnel_limits rate table: the baseline and, per event count, the
     * four lines' populations (PHE divides them by the years of data) and rates; and the plotted
     * lines at those populations pass through PHE's points.
     */
    private static void assertRateLines(RateFunnel funnel, String file, int years) {
        List<Map<String, String>> rows = PheVectors.read(file);
        assertEquals(100, rows.size());
        for (Map<String, String> row : rows) {
            long k = count(row, "Events");
            EventLimits e = funnel.atEvents(k);
            String at = file + ", " + k + " events";
            assertPhe(number(row, "baseline"), funnel.baseline(), at);
            assertLine(row, "lower_2s", e.lower95(), years, at);
            assertLine(row, "upper_2s", e.upper95(), years, at);
            assertLine(row, "lower_3s", e.lower998(), years, at);
            assertLine(row, "upper_3s", e.upper998(), years, at);

            assertThroughPoint(e.lower95(), funnel.at(e.lower95().population()).ci95().lower(), at);
            assertThroughPoint(e.upper95(), funnel.at(e.upper95().population()).ci95().upper(), at);
            assertThroughPoint(e.lower998(), funnel.at(e.lower998().population()).ci998().lower(), at);
            assertThroughPoint(e.upper998(), funnel.at(e.upper998().population()).ci998().upper(), at);
        }
    }

    private static void assertLine(Map<String, String> row, String line, LinePoint point, int years, String at) {
        assertPhe(number(row, line + "_population_1_year"), point.population() / years, at + ", " + line);
        assertPhe(number(row, line + "_limit"), point.rate(), at + ", " + line);
    }

    /**
     * The plotted (exact) line at PHE's population against PHE's rate there: they differ only by
     * PHE's bisection step: at most 6.4e-6 relative (one event, the 99.8% upper line, 0.74 per
     * 100,000 of 116,109), beyond 4 decimal places only below 15 events.
     */
    private static void assertThroughPoint(LinePoint point, double line, String at) {
        assertEquals(point.rate(), line, 1e-5 * point.rate(), at);
    }

    @Test
    void rateSignificanceMatchesPheVector() {
        // assign_funnel_significance(count, pop, rate, statistic = "rate", rate_type, multiplier),
        // each column of testdata_funnel_rate_dsr_inputs.csv; "without 0" drops the 0-event area.
        List<Map<String, String>> all = PheVectors.read("testdata_funnel_rate_dsr_inputs.csv");
        assertEquals(40, all.size());
        int compared = 0;
        List<String> wrong = new ArrayList<>();
        for (boolean dsr : new boolean[] {true, false}) {
            for (double multiplier : new double[] {PER_100K, 100}) {
                for (boolean withZero : new boolean[] {true, false}) {
                    String column = (dsr ? "dsr_per_" : "crude_per_") + (long) multiplier
                            + (withZero ? "_with_0" : "_without_0");
                    String rateColumn = dsr ? "rate_dsr" : "rate_crude_per_" + (long) multiplier;
                    List<Map<String, String>> rows = all.stream()
                            .filter(r -> withZero || count(r, "count") != 0).toList();
                    List<Observation> areas = new ArrayList<>();
                    for (Map<String, String> row : rows) {
                        long x = count(row, "count");
                        Double rate = missing(row, rateColumn) ? null : number(row, rateColumn);
                        if (dsr) {
                            RateFunnel.dsrObservation(x, rate, multiplier).ifPresent(areas::add);
                        } else {
                            areas.add(new Observation(x, population(x, rate, number(row, "pop"), multiplier)));
                        }
                    }
                    RateFunnel funnel = RateFunnel.of(areas, multiplier);
                    for (Map<String, String> row : rows) {
                        long x = count(row, "count");
                        Double rate = missing(row, rateColumn) ? null : number(row, rateColumn);
                        FunnelSignificance ours = dsr ? funnel.significanceOfDsr(x, rate)
                                : funnel.significance(x, population(x, rate, number(row, "pop"), multiplier));
                        compared++;
                        if (!ours.label().equals(row.get(column))) {
                            wrong.add(column + ", " + x + " events: " + ours.label() + " vs " + row.get(column));
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(4 * 40 + 4 * 39, compared);
    }

    /** PHE's derived denominator of a crude rate: the population given for 0 events. */
    private static double population(long x, Double rate, double pop, double multiplier) {
        return x == 0 ? pop : RateFunnel.derivedPopulation(x, rate, multiplier);
    }

    /**
     * To 4 decimal places, or to the vector's printed precision (10 significant digits) where
     * that is coarser.
     */
    private static void assertPhe(double expected, double actual, String at) {
        assertEquals(expected, actual, Math.max(5e-5, 5e-9 * Math.abs(expected)), at);
    }
}
