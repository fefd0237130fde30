package uk.nhs.mhe.indicator.compute;

import uk.nhs.mhe.indicator.catalogue.Indicator;
import uk.nhs.mhe.indicator.catalogue.Indicator.AreaBasis;
import uk.nhs.mhe.indicator.catalogue.Indicator.Calculation;
import uk.nhs.mhe.indicator.compute.Breakdown.Attribute;
import uk.nhs.mhe.indicator.compute.Cell.CellSet;
import uk.nhs.mhe.indicator.period.Period;
import uk.nhs.mhe.indicator.reference.AgeBands;
import uk.nhs.mhe.indicator.reference.Area;
import uk.nhs.mhe.indicator.reference.AreaType;
import uk.nhs.mhe.indicator.reference.Areas;
import uk.nhs.mhe.indicator.stats.CrudeRate;
import uk.nhs.mhe.indicator.stats.DirectlyStandardisedRate;
import uk.nhs.mhe.indicator.stats.DisclosureControl;
import uk.nhs.mhe.indicator.stats.Esp2013;
import uk.nhs.mhe.indicator.stats.Proportion;
import uk.nhs.mhe.indicator.stats.ProportionDifference;
import uk.nhs.mhe.indicator.stats.RateRatio;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Values of one indicator for one period, for every area and breakdown, from the period's
 * {@link Cell}s and the {@link Population} that applies. Pure and deterministic (sums in a fixed
 * order), so a value recalculated for one changed month is bit-for-bit the value a recalculation
 * from scratch gives.
 * <p>
 * Residence areas add the cells of their ICBs; provider areas (provider measures) take the
 * provider's own cells. A measure of the submitting provider ({@link AreaBasis#SUBMITTING_PROVIDER})
 * takes provider cells only, each counted in the provider, the ICB that ODS assigns to it, that
 * ICB's region and England. A group with no population has counts but no rate; a DSR needs 10 events.
 */
public final class IndicatorCalculator {

    private final Areas areas;
    private final Map<String, Breakdown> breakdowns;
    private final Map<String, List<String>> residenceAreasOfIcb = new HashMap<>();
    /** A provider and the areas above it: its ODS ICB, that ICB's region, England. */
    private final Map<String, List<String>> areasOfProvider = new HashMap<>();

    public IndicatorCalculator(Areas areas, Map<String, Breakdown> breakdowns) {
        this.areas = areas;
        this.breakdowns = breakdowns;
        for (Area icb : areas.ofType(AreaType.ICB)) {
            residenceAreasOfIcb.put(icb.code(), List.of(icb.code(), icb.parent(), Areas.ENGLAND));
        }
        for (Area provider : areas.ofType(AreaType.PROVIDER)) {
            List<String> above = residenceAreasOfIcb.get(provider.parent());
            if (above != null) {
                List<String> all = new ArrayList<>(List.of(provider.code()));
                all.addAll(above);
                areasOfProvider.put(provider.code(), List.copyOf(all));
            }
        }
    }

    /** Counts and strata of one group in one area. */
    private static final class Tally {
        long numerator;
        long denominator;
        final long[] strata = new long[Population.STRATA];
    }

    /**
     * @param index the indicator's position in the cells' count arrays
     */
    public List<IndicatorValue> compute(Indicator indicator, int index, Period period, List<Cell> cells,
            Population population) {
        boolean[] bands = bandsOf(indicator);
        boolean bySubmittingProvider = indicator.areaBasis() == AreaBasis.SUBMITTING_PROVIDER;
        List<IndicatorValue> values = new ArrayList<>();
        for (String breakdownId : indicator.breakdowns()) {
            Breakdown breakdown = breakdowns.get(breakdownId);
            CellSet set = setOf(breakdown.attribute());
            // area → group → tally; TreeMaps so every sum runs in the same order every time
            Map<String, Map<String, Tally>> tallies = new TreeMap<>();
            for (Cell cell : cells) {
                if (cell.set() != set) {
                    continue;
                }
                long x = cell.numerators()[index];
                long d = cell.denominators()[index];
                if (x == 0 && d == 0) {
                    continue;
                }
                List<String> targets;
                if (bySubmittingProvider) {
                    targets = areasOfSubmittingProvider(cell);
                    if (targets == null) {
                        continue; // a residence cell, or not a provider of the trusts list
                    }
                } else if (cell.byProvider()) {
                    targets = List.of(cell.area());
                } else {
                    targets = residenceAreasOfIcb.get(cell.area());
                    if (targets == null) {
                        continue; // not a current ICB: the ingest service validates against the same list
                    }
                }
                String group = breakdown.groupOf(attributeValue(breakdown, cell));
                Integer sex = set == CellSet.GENDER ? sexOfGender(cell.attribute()) : cell.sex();
                for (String area : targets) {
                    Tally t = tallies.computeIfAbsent(area, k -> new TreeMap<>()).computeIfAbsent(group, k -> new Tally());
                    t.numerator += x;
                    t.denominator += d;
                    if (sex != null && cell.ageBand() != null) {
                        t.strata[Population.stratum(cell.ageBand(), sex)] += x;
                    }
                }
            }
            for (Area area : areasOf(indicator)) {
                Map<String, Tally> groups = tallies.getOrDefault(area.code(), Map.of());
                Map<String, double[]> people = indicator.isRate() ? populationByGroup(breakdown, area, population, bands)
                        : Map.of();
                List<Group> shown = groupsShown(breakdown, groups, bands);
                Optional<String> reference = breakdown.referenceGroup();
                Tally refTally = reference.map(groups::get).orElse(null);
                double[] refPeople = reference.map(people::get).orElse(null);
                for (Group group : shown) {
                    Tally t = groups.getOrDefault(group.code(), new Tally());
                    String ref = reference.filter(r -> !r.equals(group.code())).orElse(null);
                    values.add(value(indicator, area.code(), period, breakdown.id(), group.code(), t,
                            people.get(group.code()), ref, ref == null ? null : refTally == null ? new Tally() : refTally,
                            refPeople, bands));
                }
            }
        }
        return values;
    }

    /**
     * Where a cell counts for a measure of the submitting provider: a provider cell in the
     * provider, its ODS ICB, that ICB's region and England; a cell of the provider breakdown
     * (residence × provider) in the provider's ICB, region and England, whatever the residence
     * (provider areas have no provider breakdown). Null for other residence cells, which count nowhere.
     */
    private List<String> areasOfSubmittingProvider(Cell cell) {
        if (cell.byProvider()) {
            return areasOfProvider.get(cell.area());
        }
        if (cell.set() == CellSet.PROVIDER) {
            List<String> withProvider = areasOfProvider.get(cell.attribute());
            return withProvider == null ? null : withProvider.subList(1, withProvider.size());
        }
        return null;
    }

    private IndicatorValue value(Indicator indicator, String area, Period period, String breakdown, String group,
            Tally t, double[] people, String ref, Tally refTally, double[] refPeople, boolean[] bands) {
        String type = period.type().apiName();
        return switch (indicator.calculation()) {
            case PROPORTION -> {
                if (t.denominator <= 0) {
                    yield new IndicatorValue(indicator.id(), area, period.code(), type, breakdown, group, t.numerator,
                            (double) t.denominator, null, null, null, null, null, ref, null, null, null);
                }
                Proportion p = Proportion.of(t.numerator, t.denominator, indicator.multiplier());
                ProportionDifference diff = ref != null && refTally.denominator > 0
                        ? ProportionDifference.of(t.numerator, t.denominator, refTally.numerator, refTally.denominator)
                        : null;
                double m = indicator.multiplier();
                yield new IndicatorValue(indicator.id(), area, period.code(), type, breakdown, group, t.numerator,
                        (double) t.denominator, p.value(), p.ci95().lower(), p.ci95().upper(), p.ci998().lower(),
                        p.ci998().upper(), ref, diff == null ? null : diff.value() * m,
                        diff == null ? null : diff.ci95().lower() * m, diff == null ? null : diff.ci95().upper() * m);
            }
            case CRUDE_RATE -> {
                double n = total(people);
                if (!(n > 0)) {
                    yield new IndicatorValue(indicator.id(), area, period.code(), type, breakdown, group, t.numerator,
                            people == null ? null : n, null, null, null, null, null, ref, null, null, null);
                }
                CrudeRate r = CrudeRate.of(t.numerator, n, indicator.multiplier());
                double n0 = total(refPeople);
                Optional<RateRatio> ratio = ref != null && n0 > 0
                        ? RateRatio.ofCrude(t.numerator, n, refTally.numerator, n0) : Optional.empty();
                yield new IndicatorValue(indicator.id(), area, period.code(), type, breakdown, group, t.numerator, n,
                        r.value(), r.ci95().lower(), r.ci95().upper(), r.ci998().lower(), r.ci998().upper(), ref,
                        ratio.map(RateRatio::value).orElse(null), ratio.map(x -> x.ci95().lower()).orElse(null),
                        ratio.map(x -> x.ci95().upper()).orElse(null));
            }
            case DSR -> {
                Optional<DirectlyStandardisedRate> dsr = dsr(t, people, indicator.multiplier(), bands);
                Optional<RateRatio> ratio = ref == null ? Optional.empty()
                        : RateRatio.ofStandardised(dsr, dsr(refTally, refPeople, indicator.multiplier(), bands));
                long observed = dsr.map(DirectlyStandardisedRate::observed).orElse(observedWithPopulation(t, people));
                double n = total(people);
                Optional<DirectlyStandardisedRate> publicDsr = publicDsr(indicator.id(), t, people, indicator.multiplier(), bands);
                yield new IndicatorValue(indicator.id(), area, period.code(), type, breakdown, group, observed,
                        people == null ? null : n, dsr.map(DirectlyStandardisedRate::value).orElse(null),
                        dsr.map(d -> d.ci95().lower()).orElse(null), dsr.map(d -> d.ci95().upper()).orElse(null),
                        dsr.map(d -> d.ci998().lower()).orElse(null), dsr.map(d -> d.ci998().upper()).orElse(null),
                        ref, ratio.map(RateRatio::value).orElse(null), ratio.map(x -> x.ci95().lower()).orElse(null),
                        ratio.map(x -> x.ci95().upper()).orElse(null), publicDsr.orElse(null));
            }
        };
    }

    /** Strata are the age bands × sex; each stratum takes its age band's ESP2013 weight. */
    private static Optional<DirectlyStandardisedRate> dsr(Tally t, double[] people, double multiplier, boolean[] bands) {
        if (people == null || t == null) {
            return Optional.empty();
        }
        List<DirectlyStandardisedRate.Stratum> strata = new ArrayList<>();
        for (int i = 0; i < Population.STRATA; i++) {
            if (!bands[i / 2]) {
                continue;
            }
            strata.add(new DirectlyStandardisedRate.Stratum(t.strata[i], people[i],
                    Esp2013.weight(AgeBands.ALL.get(i / 2))));
        }
        return DirectlyStandardisedRate.of(strata, multiplier);
    }

    /**
     * The DSR the public view shows: the same method over the strata's counts each randomly
     * rounded to base 5 ({@link DisclosureControl#roundForDerivation}), so that nothing in it is a
     * function of an exact count.
     */
    private static Optional<DirectlyStandardisedRate> publicDsr(String indicator, Tally t, double[] people, double multiplier,
            boolean[] bands) {
        if (t == null) {
            return Optional.empty();
        }
        Tally rounded = new Tally();
        for (int i = 0; i < Population.STRATA; i++) {
            rounded.strata[i] = DisclosureControl.roundForDerivation(indicator, t.strata[i]);
        }
        return dsr(rounded, people, multiplier, bands);
    }

    /** The events a DSR counts: those of records with a sex in strata that have a population. */
    private static long observedWithPopulation(Tally t, double[] people) {
        long o = 0;
        for (int i = 0; i < Population.STRATA; i++) {
            if (people != null && people[i] > 0) {
                o += t.strata[i];
            }
        }
        return o;
    }

    private static double total(double[] people) {
        if (people == null) {
            return 0;
        }
        double n = 0;
        for (double p : people) {
            n += p;
        }
        return n;
    }

    /**
     * People of each group of the breakdown in a residence area (strata outside the indicator's
     * age bands set to 0). Breakdowns without a population cut (sexual orientation, provider), and
     * IMD for years uploaded without deciles, have none: their groups get counts but no rate.
     */
    private Map<String, double[]> populationByGroup(Breakdown breakdown, Area area, Population population,
            boolean[] bands) {
        String key = area.code() + '|' + breakdown.id() + '|' + java.util.Arrays.toString(bands);
        Map<String, double[]> cached = population.byGroupCache.get(key);
        if (cached == null) {
            cached = computePopulationByGroup(breakdown, area, population, bands);
            population.byGroupCache.put(key, cached);
        }
        return cached;
    }

    private Map<String, double[]> computePopulationByGroup(Breakdown breakdown, Area area, Population population,
            boolean[] bands) {
        Map<String, double[]> result = new TreeMap<>();
        if (area.type() == AreaType.PROVIDER) {
            return result;
        }
        Map<String, Map<String, double[]>> source = switch (breakdown.attribute()) {
            case ETHNIC_CATEGORY, AGE_BAND, GENDER -> population.byEthnicity;
            case IMD_DECILE -> population.byImd;
            case SEXUAL_ORIENTATION, PROVIDER -> Map.of();
        };
        for (String icb : new TreeSet<>(areas.residenceAreas().get(area.code()))) {
            for (Map.Entry<String, double[]> e : source.getOrDefault(icb, Map.of()).entrySet()) {
                double[] strata = e.getValue();
                for (int i = 0; i < Population.STRATA; i++) {
                    if (strata[i] == 0 || !bands[i / 2]) {
                        continue;
                    }
                    String key = switch (breakdown.attribute()) {
                        case ETHNIC_CATEGORY, IMD_DECILE -> e.getKey();
                        case AGE_BAND -> AgeBands.ALL.get(i / 2);
                        case GENDER -> String.valueOf(i % 2 + 1);
                        default -> throw new IllegalStateException();
                    };
                    String group = breakdown.groupOf(key);
                    double[] target = result.computeIfAbsent(group, k -> new double[Population.STRATA]);
                    target[i] += strata[i];
                }
            }
        }
        return result;
    }

    private List<Group> groupsShown(Breakdown breakdown, Map<String, Tally> tallies, boolean[] bands) {
        if (!breakdown.hasFixedGroups()) {
            return tallies.keySet().stream().map(code -> new Group(code, code)).toList();
        }
        if (breakdown.attribute() == Attribute.AGE_BAND) {
            return breakdown.groups().stream().filter(g -> bands[AgeBands.ALL.indexOf(g.code())]).toList();
        }
        return breakdown.groups();
    }

    private List<Area> areasOf(Indicator indicator) {
        List<Area> result = new ArrayList<>();
        for (String type : indicator.areaTypes()) {
            result.addAll(areas.ofType(AreaType.valueOf(type)));
        }
        return result;
    }

    private static String attributeValue(Breakdown breakdown, Cell cell) {
        return breakdown.attribute() == Attribute.AGE_BAND ? cell.ageBand() : cell.attribute();
    }

    private static CellSet setOf(Attribute attribute) {
        return switch (attribute) {
            case ETHNIC_CATEGORY -> CellSet.ETHNICITY;
            case GENDER, AGE_BAND -> CellSet.GENDER;
            case IMD_DECILE -> CellSet.IMD;
            case SEXUAL_ORIENTATION -> CellSet.SEXUAL_ORIENTATION;
            case PROVIDER -> CellSet.PROVIDER;
        };
    }

    /** Gender codes map to sex for rates: 1 → 1, 2 → 2; others have none (indicators.md). */
    static Integer sexOfGender(String gender) {
        return switch (gender == null ? "" : gender) {
            case "1" -> 1;
            case "2" -> 2;
            default -> null;
        };
    }

    /** Which of the 20 age bands the indicator's population covers. */
    private static boolean[] bandsOf(Indicator indicator) {
        boolean[] bands = new boolean[AgeBands.ALL.size()];
        List<String> only = indicator.denominatorRule().ageBands();
        for (int i = 0; i < bands.length; i++) {
            bands[i] = only == null || only.contains(AgeBands.ALL.get(i));
        }
        return bands;
    }
}
