package uk.nhs.mhe.indicator.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import uk.nhs.mhe.indicator.catalogue.Catalogue;
import uk.nhs.mhe.indicator.catalogue.Indicator;
import uk.nhs.mhe.indicator.compute.Breakdown;
import uk.nhs.mhe.indicator.compute.IndicatorValue;
import uk.nhs.mhe.indicator.query.PublicView.Comparison;
import uk.nhs.mhe.indicator.query.PublicView.Figures;
import uk.nhs.mhe.indicator.stats.CrudeRate;
import uk.nhs.mhe.indicator.stats.DirectlyStandardisedRate;
import uk.nhs.mhe.indicator.stats.DirectlyStandardisedRate.Stratum;
import uk.nhs.mhe.indicator.stats.DisclosureControl;
import uk.nhs.mhe.indicator.stats.Observation;
import uk.nhs.mhe.indicator.stats.Proportion;
import uk.nhs.mhe.indicator.stats.ProportionDifference;
import uk.nhs.mhe.indicator.stats.RateRatio;
import uk.nhs.mhe.reference.ReferenceData;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The public view of one area's breakdown ({@link PublicView#of}): every public figure calculated
 * from the published counts (rounded to 5, 1–4 hidden), never from the exact ones; the exact view
 * unchanged. Plain unit test: values built here as the recalculation stores them.
 */
class PublicViewTest {

    private static final Catalogue CATALOGUE = new Catalogue(new ObjectMapper());
    private static final Map<String, Breakdown> BREAKDOWNS = Breakdown.all(ReferenceData.get());
    private static final Breakdown BROAD = BREAKDOWNS.get(Breakdown.BROAD_ETHNICITY);
    private static final double PER_100K = CrudeRate.PER_100_000;
    private static final double EPS = 1e-9;

    private final Indicator detentions = CATALOGUE.find("mha-detention-rate").orElseThrow();
    private final Indicator recovery = CATALOGUE.find("tt-recovery").orElseThrow();
    private final Indicator detentionsDsr = CATALOGUE.find("mha-detention-rate-dsr").orElseThrow();

    /** A stored crude-rate row with its exact figures and exact ratio to the reference. */
    private IndicatorValue rate(String group, long x, double population, long refX, double refPopulation) {
        CrudeRate r = CrudeRate.of(x, population, PER_100K);
        boolean reference = group.equals("White");
        RateRatio rr = reference ? null : RateRatio.ofCrude(x, population, refX, refPopulation).orElse(null);
        return new IndicatorValue(detentions.id(), "QMJ", "2024-01", "month", Breakdown.BROAD_ETHNICITY, group, x,
                population, r.value(), r.ci95().lower(), r.ci95().upper(), r.ci998().lower(), r.ci998().upper(),
                reference ? null : "White", rr == null ? null : rr.value(), rr == null ? null : rr.ci95().lower(),
                rr == null ? null : rr.ci95().upper());
    }

    /** QMJ's detentions by broad ethnicity: White 212 of 900,000 (reference), Black 3, Asian 17, Mixed 0. */
    private List<IndicatorValue> detentionRows() {
        return List.of(
                rate("White", 212, 900_000, 212, 900_000),
                rate("Black", 3, 40_000, 212, 900_000),
                rate("Asian", 17, 120_000, 212, 900_000),
                rate("Mixed", 0, 30_000, 212, 900_000));
    }

    /** A count as the public view publishes it (the test rounding key). */
    private static long pub(Indicator indicator, long count) {
        return DisclosureControl.publishCount(indicator.id(), count);
    }

    private PublicView publicView(Indicator indicator, List<IndicatorValue> rows) {
        return PublicView.of(indicator, BROAD, "QMJ", rows, false);
    }

    @Test
    void aRateIsCalculatedFromTheRoundedCountNotTheExactOne() {
        Figures white = publicView(detentions, detentionRows()).figures("White");
        CrudeRate published = CrudeRate.of(pub(detentions, 212), 900_000, PER_100K);
        CrudeRate exact = CrudeRate.of(212, 900_000, PER_100K);
        assertEquals(pub(detentions, 212), white.numerator());
        assertEquals(900_000.0, white.denominator(), "a population is published as given");
        assertEquals(published.value(), white.value(), EPS);
        assertNotEquals(exact.value(), white.value(), 1e-6, "the exact rate would give 212 back");
        assertEquals(published.ci95().lower(), white.lowerCi95(), EPS);
        assertEquals(published.ci95().upper(), white.upperCi95(), EPS);
        assertEquals(published.ci998().lower(), white.lowerCi998(), EPS);
        assertEquals(published.ci998().upper(), white.upperCi998(), EPS);
        assertNotEquals(exact.ci95().lower(), white.lowerCi95(), 1e-6);
        assertFalse(white.suppressed());
    }

    @Test
    void aPublicRateTimesItsPopulationGivesOnlyThePublishedCountBack() {
        PublicView view = publicView(detentions, detentionRows());
        for (IndicatorValue v : detentionRows()) {
            Figures f = view.figures(v);
            if (f.value() == null) {
                continue;
            }
            double derived = f.value() * f.denominator() / PER_100K;
            assertEquals(DisclosureControl.publishCount(detentions.id(), v.numerator()).doubleValue(), derived, 1e-6, v.group());
            if (v.numerator() % 5 != 0) {
                assertNotEquals(v.numerator(), Math.round(derived), v.group() + ": the exact count is not derivable");
            }
        }
    }

    @Test
    void aCountOfOneToFourHidesTheValueItsLimitsAndItsRatio() {
        PublicView view = publicView(detentions, detentionRows());
        Figures black = view.figures("Black");
        assertTrue(black.suppressed());
        assertNull(black.numerator());
        assertNull(black.value());
        assertNull(black.lowerCi95());
        assertNull(black.upperCi95());
        assertNull(black.lowerCi998());
        assertNull(black.upperCi998());
        assertNull(black.ci95());
        assertEquals(40_000.0, black.denominator(), "the population stays public");
        assertTrue(view.valueHidden("Black"));
        assertNull(view.comparison("Black"), "no ratio from a hidden count");
        assertNull(view.observation(detentionRows().get(1)), "nor a funnel or trend input");
        // Without secondary suppression, every other group stays public.
        assertFalse(view.valueHidden("White"));
        assertFalse(view.valueHidden("Asian"));
        assertFalse(view.valueHidden("Mixed"));
    }

    @Test
    void zeroIsShownWithItsRateButNoRatio() {
        PublicView view = publicView(detentions, detentionRows());
        Figures mixed = view.figures("Mixed");
        CrudeRate zero = CrudeRate.of(0, 30_000, PER_100K);
        assertEquals(0L, mixed.numerator());
        assertEquals(0.0, mixed.value());
        assertEquals(zero.ci95().upper(), mixed.upperCi95(), EPS);
        assertFalse(mixed.suppressed());
        assertNull(view.comparison("Mixed"), "a ratio needs events on both sides");
    }

    @Test
    void aPopulationBelowFiveHidesTheRate() {
        PublicView view = publicView(detentions, List.of(rate("White", 212, 900_000, 212, 900_000),
                rate("Other", 0, 3, 212, 900_000)));
        Figures other = view.figures("Other");
        assertTrue(other.suppressed());
        assertNull(other.value());
        assertEquals(0L, other.numerator());
    }

    @Test
    void theRatioIsCalculatedFromTheRoundedCounts() {
        PublicView view = publicView(detentions, detentionRows());
        Comparison asian = view.comparison("Asian");
        RateRatio published = RateRatio.ofCrude(pub(detentions, 17), 120_000, pub(detentions, 212), 900_000)
                .orElseThrow();
        RateRatio exact = RateRatio.ofCrude(17, 120_000, 212, 900_000).orElseThrow();
        assertNotNull(asian);
        assertEquals(published.value(), asian.estimate(), EPS);
        assertEquals(published.ci95().lower(), asian.lower(), EPS);
        assertEquals(published.ci95().upper(), asian.upper(), EPS);
        assertNotEquals(exact.value(), asian.estimate(), 1e-6);
        assertNull(view.comparison("White"), "the reference has no ratio to itself");
        assertEquals(new Observation(pub(detentions, 17), 120_000), view.observation(detentionRows().get(2)),
                "funnels and trends take the published counts");
    }

    @Test
    void aProportionIsCalculatedFromTheRoundedNumeratorAndDenominator() {
        List<IndicatorValue> rows = List.of(
                proportion("White", 501, 1003), proportion("Black", 88, 212), proportion("Asian", 0, 3),
                proportion("Mixed", 2, 40));
        PublicView view = publicView(recovery, rows);
        Figures black = view.figures("Black");
        long x = pub(recovery, 88);
        long n = pub(recovery, 212);
        Proportion published = Proportion.of(x, n, 100);
        assertEquals(x, black.numerator());
        assertEquals((double) n, black.denominator(), "a count denominator is rounded too");
        assertEquals(published.value(), black.value(), EPS);
        assertNotEquals(Proportion.of(88, 212, 100).value(), black.value(), 1e-6);
        assertEquals(published.ci95().lower(), black.lowerCi95(), EPS);
        assertEquals(published.ci95().upper(), black.upperCi95(), EPS);
        assertEquals(published.ci998().lower(), black.lowerCi998(), EPS);
        assertEquals(published.ci998().upper(), black.upperCi998(), EPS);

        ProportionDifference difference = ProportionDifference.of(x, n, pub(recovery, 501), pub(recovery, 1003));
        Comparison vsWhite = view.comparison("Black");
        assertEquals(difference.value() * 100, vsWhite.estimate(), EPS);
        assertEquals(difference.ci95().lower() * 100, vsWhite.lower(), EPS);
        assertEquals(difference.ci95().upper() * 100, vsWhite.upper(), EPS);

        Figures asian = view.figures("Asian");
        assertTrue(asian.suppressed(), "a denominator of 1–9 is hidden with everything from it");
        assertNull(asian.denominator());
        assertNull(asian.value());
        assertNull(view.comparison("Asian"));
        Figures mixed = view.figures("Mixed");
        assertTrue(mixed.suppressed());
        assertNull(mixed.numerator());
        assertEquals(40.0, mixed.denominator());
        assertNull(view.comparison("Mixed"));
    }

    @Test
    void aNumeratorRoundedAboveItsDenominatorIsPublishedAsAllOfIt() {
        long x = -1;
        long n = -1;
        for (long candidate = 10; candidate < 1_000 && x < 0; candidate++) {
            for (long d = candidate + 1; d <= candidate + 4; d++) {
                if (pub(recovery, candidate) > pub(recovery, d)) {
                    x = candidate;
                    n = d;
                    break;
                }
            }
        }
        assertTrue(x > 0, "some numerator rounds above its denominator under the test key");
        PublicView view = publicView(recovery, List.of(proportion("White", 501, 1003), proportion("Black", x, n)));
        Figures black = view.figures("Black");
        assertEquals(pub(recovery, n), black.numerator());
        assertEquals((double) pub(recovery, n), black.denominator());
        assertEquals(100.0, black.value(), EPS);
        assertTrue(black.upperCi95() <= 100.0 + EPS);
    }

    private IndicatorValue proportion(String group, long x, long n) {
        Proportion p = Proportion.percentage(x, n);
        boolean reference = group.equals("White");
        ProportionDifference d = reference ? null : ProportionDifference.of(x, n, 501, 1003);
        return new IndicatorValue(recovery.id(), "QMJ", "2024-01", "month", Breakdown.BROAD_ETHNICITY, group, x,
                (double) n, p.value(), p.ci95().lower(), p.ci95().upper(), p.ci998().lower(), p.ci998().upper(),
                reference ? null : "White", d == null ? null : d.value() * 100,
                d == null ? null : d.ci95().lower() * 100, d == null ? null : d.ci95().upper() * 100);
    }

    /** Strata of a DSR: counts, populations and weights (the weights need not be ESP2013 here). */
    private static List<Stratum> strata(long[] counts, boolean rounded) {
        double[] populations = {40_000, 35_000, 30_000, 25_000, 20_000};
        double[] weights = {5_500, 6_000, 6_500, 7_000, 5_000};
        List<Stratum> strata = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            long x = rounded ? DisclosureControl.roundForDerivation("mha-detention-rate-dsr", counts[i]) : counts[i];
            strata.add(new Stratum(x, populations[i], weights[i]));
        }
        return strata;
    }

    private IndicatorValue dsr(String group, long[] counts) {
        DirectlyStandardisedRate exact = DirectlyStandardisedRate.per100k(strata(counts, false)).orElse(null);
        DirectlyStandardisedRate published = DirectlyStandardisedRate.per100k(strata(counts, true)).orElse(null);
        long observed = 0;
        for (long c : counts) {
            observed += c;
        }
        return new IndicatorValue(detentionsDsr.id(), "QMJ", "2024-01", "month", Breakdown.BROAD_ETHNICITY, group,
                observed, 150_000.0, exact == null ? null : exact.value(),
                exact == null ? null : exact.ci95().lower(), exact == null ? null : exact.ci95().upper(),
                exact == null ? null : exact.ci998().lower(), exact == null ? null : exact.ci998().upper(),
                group.equals("White") ? null : "White", null, null, null, published);
    }

    @Test
    void aDsrShowsTheFiguresOfItsRoundedStrataAndWithholdsItsCount() {
        long[] white = {31, 42, 27, 18, 9};
        long[] black = {3, 17, 22, 1, 18};
        PublicView view = publicView(detentionsDsr, List.of(dsr("White", white), dsr("Black", black)));
        DirectlyStandardisedRate exact = DirectlyStandardisedRate.per100k(strata(black, false)).orElseThrow();
        DirectlyStandardisedRate published = DirectlyStandardisedRate.per100k(strata(black, true)).orElseThrow();
        Figures f = view.figures("Black");
        assertNull(f.numerator(), "O is withheld");
        assertFalse(f.suppressed());
        assertEquals(published.value(), f.value(), EPS);
        assertEquals(published.ci95().lower(), f.lowerCi95(), EPS);
        assertEquals(published.ci95().upper(), f.upperCi95(), EPS);
        assertEquals(published.ci998().lower(), f.lowerCi998(), EPS);
        assertEquals(published.ci998().upper(), f.upperCi998(), EPS);
        assertNotEquals(exact.value(), f.value(), 1e-6, "the exact DSR is a combination of exact counts");
        long protectedO = 0;
        for (long c : black) {
            protectedO += DisclosureControl.roundForDerivation(detentionsDsr.id(), c);
        }
        long withoutSmall = DisclosureControl.roundForDerivation(detentionsDsr.id(), 17)
                + DisclosureControl.roundForDerivation(detentionsDsr.id(), 22)
                + DisclosureControl.roundForDerivation(detentionsDsr.id(), 18);
        assertEquals(withoutSmall, protectedO, "strata of 1–9 count as 0: the 3 and the 1 add nothing");
        assertEquals(protectedO, published.observed());

        RateRatio ratio = RateRatio.ofStandardised(published,
                DirectlyStandardisedRate.per100k(strata(white, true)).orElseThrow());
        Comparison c = view.comparison("Black");
        assertEquals(ratio.value(), c.estimate(), EPS);
        assertEquals(ratio.ci95().lower(), c.lower(), EPS);
        assertEquals(ratio.ci95().upper(), c.upper(), EPS);
    }

    @Test
    void aDsrOfFewerThanTwentyProtectedEventsIsHidden() {
        // 12 + 9: the exact DSR exists, the protected strata hold 10 or 15 events (the 9 counts as
        // 0), fewer than a table must hold to be shown.
        long[] few = {12, 9, 0, 0, 0};
        IndicatorValue v = dsr("Black", few);
        assertNotNull(v.publicDsr(), "precondition: a DSR from the protected strata");
        PublicView view = publicView(detentionsDsr, List.of(dsr("White", new long[] {31, 42, 27, 18, 9}), v));
        assertTrue(view.figures("Black").suppressed());
        assertNull(view.figures("Black").value());
        assertNull(view.comparison("Black"));
    }

    @Test
    void aDsrWithoutAPublicDsrIsHidden() {
        // Exact O = 11 gives a DSR; the protected strata (all of 1–9, so all 0) give none.
        long[] few = {1, 2, 2, 1, 5};
        IndicatorValue v = dsr("Black", few);
        assertNotNull(v.value(), "precondition: an exact DSR");
        assertNull(v.publicDsr(), "precondition: no DSR from the rounded strata");
        PublicView view = publicView(detentionsDsr, List.of(dsr("White", new long[] {31, 42, 27, 18, 9}), v));
        Figures f = view.figures("Black");
        assertTrue(f.suppressed());
        assertNull(f.value());
        assertNull(f.lowerCi95());
        assertNull(f.numerator());
        assertNull(view.comparison("Black"));
    }

    @Test
    void theExactViewShowsTheStoredFigures() {
        List<IndicatorValue> rows = detentionRows();
        PublicView view = PublicView.of(detentions, BROAD, "QMJ", rows, true);
        for (IndicatorValue v : rows) {
            Figures f = view.figures(v);
            assertEquals(v.numerator(), f.numerator());
            assertEquals(v.denominator(), f.denominator());
            assertEquals(v.value(), f.value());
            assertEquals(v.lower95(), f.lowerCi95());
            assertEquals(v.upper95(), f.upperCi95());
            assertEquals(v.lower998(), f.lowerCi998());
            assertEquals(v.upper998(), f.upperCi998());
            assertFalse(f.suppressed());
            assertFalse(view.valueHidden(v.group()));
            Comparison c = view.comparison(v);
            if (v.comparison() == null) {
                assertNull(c);
            } else {
                assertEquals(v.comparison(), c.estimate());
                assertEquals(v.comparisonLower95(), c.lower());
                assertEquals(v.comparisonUpper95(), c.upper());
            }
        }
        assertEquals(3L, view.figures("Black").numerator());
        assertEquals(new Observation(212, 900_000), view.observation(rows.get(0)));

        IndicatorValue dsr = dsr("Black", new long[] {3, 7, 12, 1, 8});
        Figures exactDsr = PublicView.of(detentionsDsr, BROAD, "QMJ", List.of(dsr), true).figures(dsr);
        assertEquals(31L, exactDsr.numerator(), "the exact view shows O");
        assertEquals(dsr.value(), exactDsr.value());
    }
}
