package uk.nhs.mhe.indicator.compute;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import uk.nhs.mhe.indicator.catalogue.Catalogue;
import uk.nhs.mhe.indicator.catalogue.Indicator;
import uk.nhs.mhe.indicator.catalogue.Indicator.AreaBasis;
import uk.nhs.mhe.indicator.compute.Cell.CellSet;
import uk.nhs.mhe.indicator.period.Period;
import uk.nhs.mhe.indicator.reference.Area;
import uk.nhs.mhe.indicator.reference.AreaType;
import uk.nhs.mhe.indicator.reference.Areas;
import uk.nhs.mhe.reference.ReferenceData;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Which records each area of a measure adds up (indicators.md, "Counting rules"): a measure of the
 * submitting provider ({@code ethnicity-validity}) counts a provider's records under the ICB that
 * ODS assigns to the provider, that ICB's region and England, wherever the patients live.
 * <p>
 * Reference data: RV5 (South London and Maudsley) is under QKK (South East London, London Y56);
 * RXT (Birmingham and Solihull) under QHL (Birmingham and Solihull, Midlands Y60).
 */
class IndicatorCalculatorTest {

    private static final ReferenceData REF = ReferenceData.get();
    private static final Areas AREAS = new Areas(REF);
    private static final IndicatorCalculator CALCULATOR = new IndicatorCalculator(AREAS, Breakdown.all(REF));
    private static final Catalogue CATALOGUE = new Catalogue(new ObjectMapper());
    private static final Period MARCH = Period.month(YearMonth.of(2024, 3));

    /** One MHSDS record as ethnicity-validity sees it. */
    private record Rec(String provider, String residenceIcb, String ethnicCategory) {
        boolean valid() {
            return !ethnicCategory.equals("Z") && !ethnicCategory.equals("99");
        }
    }

    /**
     * RV5 (ODS ICB QKK): 10 records of patients resident in QHL (8 valid) and 5 resident in QKK
     * (5 valid). RXT (ODS ICB QHL): 4 resident in QHL (1 valid) and 6 resident in QKK (6 valid).
     */
    private static List<Rec> records() {
        List<Rec> records = new ArrayList<>();
        add(records, "RV5", "QHL", "A", 8);
        add(records, "RV5", "QHL", "Z", 2);
        add(records, "RV5", "QKK", "M", 5);
        add(records, "RXT", "QHL", "N", 1);
        add(records, "RXT", "QHL", "99", 3);
        add(records, "RXT", "QKK", "A", 6);
        return records;
    }

    @Test
    void aProvidersRecordsCountInItsOdsIcbAndRegionNotInThePatientsIcbOfResidence() {
        Indicator indicator = CATALOGUE.find("ethnicity-validity").orElseThrow();
        assertEquals(AreaBasis.SUBMITTING_PROVIDER, indicator.areaBasis());
        Map<String, IndicatorValue> none = byArea(compute(indicator, records()), "none", "All");

        // RV5's 15 records (10 of QHL residents) count in QKK, RV5's ODS ICB, and London.
        assertCounts(13, 15, none.get("RV5"));
        assertCounts(13, 15, none.get("QKK"));
        assertCounts(13, 15, none.get("Y56"));
        // RXT's 10 records (6 of QKK residents) in QHL and the Midlands.
        assertCounts(7, 10, none.get("RXT"));
        assertCounts(7, 10, none.get("QHL"));
        assertCounts(7, 10, none.get("Y60"));
        assertCounts(20, 25, none.get("ENGLAND"));
        assertEquals(100.0 * 13 / 15, none.get("QKK").value(), 1e-9);

        // By residence QHL would have had 14 records (9 valid), QKK 11 (11 valid): the same
        // indicator measured by residence, for contrast.
        Map<String, IndicatorValue> byResidence = byArea(compute(byResidence(indicator), records()), "none", "All");
        assertCounts(9, 14, byResidence.get("QHL"));
        assertCounts(11, 11, byResidence.get("QKK"));
        assertCounts(13, 15, byResidence.get("RV5"));
        assertCounts(20, 25, byResidence.get("ENGLAND"));
    }

    @Test
    void regionsAreTheSumOfTheirIcbsAndIcbsOfTheirProviders() {
        Indicator indicator = CATALOGUE.find("ethnicity-validity").orElseThrow();
        List<Rec> records = new ArrayList<>(records());
        // More providers across regions: RRP and RV3 (QMJ, London), RPG (QKK), RQ3 (QHL), RAT (QMF).
        add(records, "RRP", "QKK", "A", 4);
        add(records, "RRP", "QRV", "Z", 3);
        add(records, "RV3", "QMJ", "B", 7);
        add(records, "RPG", "QHL", "99", 2);
        add(records, "RPG", "QKK", "C", 9);
        add(records, "RQ3", "QMJ", "A", 5);
        add(records, "RAT", "QYG", "S", 1);
        Map<String, IndicatorValue> none = byArea(compute(indicator, records), "none", "All");

        long[] england = {0, 0};
        for (Area region : AREAS.ofType(AreaType.REGION)) {
            long[] icbs = {0, 0};
            for (Area icb : AREAS.ofType(AreaType.ICB)) {
                if (!icb.parent().equals(region.code())) {
                    continue;
                }
                long[] providers = {0, 0};
                for (Area provider : AREAS.ofType(AreaType.PROVIDER)) {
                    if (icb.code().equals(provider.parent())) {
                        addTo(providers, none.get(provider.code()));
                    }
                }
                assertSameCounts(providers, none.get(icb.code()), icb.code() + " is the sum of its providers");
                addTo(icbs, none.get(icb.code()));
            }
            assertSameCounts(icbs, none.get(region.code()), region.code() + " is the sum of its ICBs");
            addTo(england, none.get(region.code()));
        }
        assertSameCounts(england, none.get("ENGLAND"), "England is the sum of the regions");
        assertEquals(records.size(), (long) none.get("ENGLAND").denominator().doubleValue());
        // London: RV5 13/15, RRP 4/7, RV3 7/7, RPG 9/11, RAT 1/1; the Midlands: RXT 7/10, RQ3 5/5.
        assertCounts(13 + 4 + 7 + 9 + 1, 15 + 7 + 7 + 11 + 1, none.get("Y56"));
        assertCounts(7 + 5, 10 + 5, none.get("Y60"));
    }

    @Test
    void theProviderBreakdownOfAnIcbListsOnlyItsOwnProviders() {
        Indicator indicator = CATALOGUE.find("ethnicity-validity").orElseThrow();
        List<IndicatorValue> values = compute(indicator, records());

        Map<String, IndicatorValue> qkk = byGroup(values, "QKK");
        assertEquals(Set.of("RV5"), qkk.keySet(), "RXT treats QKK residents but ODS places it under QHL");
        assertCounts(13, 15, qkk.get("RV5"));
        Map<String, IndicatorValue> qhl = byGroup(values, "QHL");
        assertEquals(Set.of("RXT"), qhl.keySet());
        assertCounts(7, 10, qhl.get("RXT"));
        assertEquals(Set.of("RV5"), byGroup(values, "Y56").keySet());
        Map<String, IndicatorValue> england = byGroup(values, "ENGLAND");
        assertEquals(Set.of("RV5", "RXT"), england.keySet());
        assertCounts(13, 15, england.get("RV5"));
        assertCounts(7, 10, england.get("RXT"));
    }

    @Test
    void talkingTherapiesProportionsStayByResidenceAndOnlyProportionsCanBeByProvider() {
        assertEquals(List.of("ethnicity-validity"), CATALOGUE.all().stream()
                .filter(i -> i.areaBasis() == AreaBasis.SUBMITTING_PROVIDER).map(Indicator::id).toList());
        Indicator rate = CATALOGUE.find("mha-detention-rate").orElseThrow();
        assertThrows(IllegalArgumentException.class, () -> new Indicator(rate.id(), rate.name(), rate.definition(),
                rate.numerator(), rate.denominator(), rate.unit(), rate.multiplier(), rate.method(), rate.polarity(),
                rate.dataset(), rate.breakdowns(), rate.periodTypes(), rate.calculation(), rate.counting(),
                rate.numeratorRule(), rate.denominatorRule(), rate.areaTypes(), AreaBasis.SUBMITTING_PROVIDER,
                rate.comparison()));
    }

    private static Indicator byResidence(Indicator i) {
        return new Indicator(i.id(), i.name(), i.definition(), i.numerator(), i.denominator(), i.unit(), i.multiplier(),
                i.method(), i.polarity(), i.dataset(), i.breakdowns(), i.periodTypes(), i.calculation(), i.counting(),
                i.numeratorRule(), i.denominatorRule(), i.areaTypes(), AreaBasis.RESIDENCE, i.comparison());
    }

    /** A proportion reads no population. */
    private static List<IndicatorValue> compute(Indicator indicator, List<Rec> records) {
        return CALCULATOR.compute(indicator, 0, MARCH, cells(records), null);
    }

    /**
     * The cells the MHSDS episode query gives (CellQuery): ethnicity by residence × age band × sex,
     * ethnicity by provider, and residence × provider for the provider breakdown.
     */
    private static List<Cell> cells(List<Rec> records) {
        Map<List<Object>, long[]> counts = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        for (Rec r : records) {
            long x = r.valid() ? 1 : 0;
            for (List<Object> key : List.<List<Object>>of(
                    List.of(CellSet.ETHNICITY, false, r.residenceIcb(), r.ethnicCategory(), "30-34", 2),
                    List.of(CellSet.ETHNICITY, true, r.provider(), r.ethnicCategory()),
                    List.of(CellSet.PROVIDER, false, r.residenceIcb(), r.provider()))) {
                long[] c = counts.computeIfAbsent(key, k -> new long[2]);
                c[0] += x;
                c[1] += 1;
            }
        }
        List<Cell> cells = new ArrayList<>();
        counts.forEach((key, c) -> cells.add(new Cell((CellSet) key.get(0), (Boolean) key.get(1), (String) key.get(2),
                (String) key.get(3), key.size() > 4 ? (String) key.get(4) : null,
                key.size() > 4 ? (Integer) key.get(5) : null, new long[] {c[0]}, new long[] {c[1]})));
        return cells;
    }

    private static void add(List<Rec> records, String provider, String residenceIcb, String ethnicCategory, int n) {
        for (int i = 0; i < n; i++) {
            records.add(new Rec(provider, residenceIcb, ethnicCategory));
        }
    }

    private static Map<String, IndicatorValue> byArea(List<IndicatorValue> values, String breakdown, String group) {
        return values.stream().filter(v -> v.breakdown().equals(breakdown) && v.group().equals(group))
                .collect(Collectors.toMap(IndicatorValue::area, v -> v));
    }

    private static Map<String, IndicatorValue> byGroup(List<IndicatorValue> values, String area) {
        return values.stream().filter(v -> v.breakdown().equals("provider") && v.area().equals(area))
                .collect(Collectors.toMap(IndicatorValue::group, v -> v));
    }

    private static void assertCounts(long numerator, long denominator, IndicatorValue v) {
        assertNotNull(v);
        assertEquals(numerator, v.numerator(), v.toString());
        assertEquals((double) denominator, v.denominator(), v.toString());
    }

    private static void addTo(long[] sum, IndicatorValue v) {
        sum[0] += v.numerator();
        sum[1] += (long) Objects.requireNonNull(v.denominator()).doubleValue();
    }

    private static void assertSameCounts(long[] expected, IndicatorValue v, String message) {
        assertEquals(expected[0], v.numerator(), message);
        assertEquals((double) expected[1], v.denominator(), message);
    }
}
