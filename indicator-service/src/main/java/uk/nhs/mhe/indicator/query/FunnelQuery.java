package uk.nhs.mhe.indicator.query;

import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.mhe.common.problem.Problem;
import uk.nhs.mhe.common.problem.ProblemException;
import uk.nhs.mhe.indicator.catalogue.Indicator;
import uk.nhs.mhe.indicator.compute.Breakdown;
import uk.nhs.mhe.indicator.compute.IndicatorValue;
import uk.nhs.mhe.indicator.compute.IndicatorValueStore;
import uk.nhs.mhe.indicator.reference.Areas;
import uk.nhs.mhe.indicator.reference.AreaType;
import uk.nhs.mhe.indicator.stats.FunnelLimits;
import uk.nhs.mhe.indicator.stats.FunnelSignificance;
import uk.nhs.mhe.indicator.stats.Observation;
import uk.nhs.mhe.indicator.stats.RateFunnel;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A funnel plot of one group over every area of a type (indicators.md, "Funnel plot limits"):
 * the areas' values against their denominators, with PHE's 95% and 99.8% limits around the
 * average. Proportions use the PHE proportion limits (as percentages), crude rates exact Poisson
 * limits (per multiplier). DSRs have no funnel: their limits depend on each area's age and sex
 * mix, not on one denominator.
 */
@ApplicationScoped
public class FunnelQuery {

    /** Denominators at which the limits are given: enough for a smooth line. */
    static final int LIMIT_POINTS = 50;

    private static final List<AreaType> FUNNEL_AREA_TYPES = List.of(AreaType.REGION, AreaType.ICB, AreaType.PROVIDER);

    private final Snapshot snapshot;
    private final QueryArguments arguments;

    public FunnelQuery(Snapshot snapshot, QueryArguments arguments) {
        this.snapshot = snapshot;
        this.arguments = arguments;
    }

    public IndicatorFunnel funnel(String indicatorId, String areaTypeName, String period, String breakdownId,
            String group, boolean exact) {
        Indicator indicator = arguments.indicator(indicatorId);
        if (indicator.calculation() == Indicator.Calculation.DSR) {
            String crude = indicatorId.replaceFirst("-dsr$", "");
            Problem problem = Problem.of("funnel-not-defined", "No funnel plot for a standardised rate", 400,
                    "Funnel limits are defined for proportions and crude rates, not for directly standardised rates"
                            + (arguments.catalogue().find(crude).isPresent() ? "; ask for the crude rate " + crude : ""));
            throw new ProblemException(arguments.catalogue().find(crude).isPresent()
                    ? problem.with("suggested", crude) : problem);
        }
        Breakdown breakdown = arguments.breakdown(indicator, breakdownId);
        AreaType areaType = areaType(indicator, areaTypeName);
        return snapshot.read(c -> answer(c, indicator, areaType, period, breakdown, group, exact));
    }

    private static AreaType areaType(Indicator indicator, String name) {
        List<String> available = FUNNEL_AREA_TYPES.stream().map(Enum::name)
                .filter(indicator.areaTypes()::contains).toList();
        String wanted = QueryArguments.blank(name) ? AreaType.ICB.name() : name.trim().toUpperCase(Locale.ROOT);
        if (!available.contains(wanted)) {
            throw new ProblemException(Problem.of("unknown-area-type", "Area type not available", 400,
                    indicator.id() + " has funnel plots over " + String.join(", ", available) + ", not " + wanted)
                    .with("available", available));
        }
        return AreaType.valueOf(wanted);
    }

    private IndicatorFunnel answer(Connection c, Indicator indicator, AreaType areaType, String periodWanted,
            Breakdown breakdown, String groupWanted, boolean exact) throws SQLException {
        String period = arguments.period(indicator, IndicatorValueStore.periods(c, indicator.id()), periodWanted);
        // Provider groups are the providers with data: England's breakdown lists them all.
        List<String> present = breakdown.hasFixedGroups() ? List.of()
                : IndicatorValueStore.read(c, indicator.id(), Areas.ENGLAND, period, breakdown.id()).stream()
                        .map(IndicatorValue::group).toList();
        String group = arguments.group(breakdown, groupWanted, present);
        // Each area's whole table of the breakdown: whether a group is shown depends on its table.
        Map<String, List<IndicatorValue>> tables = IndicatorValueStore.readBreakdownInAllAreas(c, indicator.id(),
                period, breakdown.id()).stream()
                .filter(v -> arguments.areas().find(v.area()).map(a -> a.type() == areaType).orElse(false))
                .collect(java.util.stream.Collectors.groupingBy(IndicatorValue::area));
        List<IndicatorValue> values = tables.values().stream().flatMap(List::stream)
                .filter(v -> v.group().equals(group))
                .sorted(Comparator.comparing(IndicatorValue::area)).toList();

        // Each area's figures as the caller may see them; in the public view the average and the
        // positions come from the published counts only, like every other public figure.
        Map<String, PublicView> views = new HashMap<>();
        List<Observation> observations = new ArrayList<>();
        for (IndicatorValue v : values) {
            PublicView view = PublicView.of(indicator, breakdown, v.area(), tables.get(v.area()), exact);
            views.put(v.area(), view);
            Observation o = view.observation(v);
            if (o != null) {
                observations.add(o);
            }
        }
        Double a = observations.isEmpty() ? null : FunnelLimits.average(observations);
        List<IndicatorFunnel.Point> points = new ArrayList<>();
        for (IndicatorValue v : values) {
            PublicView view = views.get(v.area());
            PublicView.Figures f = view.figures(v);
            IndicatorFunnel.Position position = a == null || f.value() == null || f.numerator() == null
                    || f.denominator() == null || !(f.denominator() > 0)
                    ? null : position(indicator, a, f.numerator(), f.denominator(), f.value());
            points.add(new IndicatorFunnel.Point(v.area(), arguments.areaName(v.area()), f.numerator(),
                    f.denominator(), f.value(), position, f.suppressed()));
        }
        Double average = a == null ? null : a * indicator.multiplier();
        List<IndicatorFunnel.Limit> limits = a == null ? List.of() : limits(indicator, a, observations, exact);
        return new IndicatorFunnel(indicator.id(), period, areaType.name(), breakdown.id(), group,
                arguments.label(breakdown, group), exact ? IndicatorData.EXACT : IndicatorData.PUBLIC, average,
                points, limits);
    }

    /**
     * The lines at one denominator: PHE's proportion limits, or for rates (crude and DSR) the
     * four lines of {@link RateFunnel} evaluated at population N. For a rate these are a drawing
     * aid only: an area's position comes from its own interval ({@link #position(Indicator,
     * double, long, double, Double)}).
     */
    private static FunnelLimits limitsAt(Indicator indicator, double average, double denominator) {
        return indicator.calculation() == Indicator.Calculation.PROPORTION
                ? FunnelLimits.forProportions(average, denominator)
                : FunnelLimits.forRates(average, denominator, indicator.multiplier());
    }

    /**
     * Limits at {@link #LIMIT_POINTS} denominators spread evenly on a log scale (the funnel
     * narrows fastest at small denominators) from the smallest area's to the largest's. In the
     * public view a count denominator's span is widened to multiples of 5, so that the line's ends
     * do not publish the smallest and largest areas' exact counts, which the points round.
     *
     * <p>For rates PHE tabulates each line per event count k, at a population of its own for each
     * of the four lines; one shared denominator per point is kept here by evaluating every line at
     * N through the real count that lies on it there ({@link RateFunnel#at}), which passes exactly
     * through PHE's points. The observations' denominators are populations, for a DSR the derived
     * ones ({@link RateFunnel#dsrObservation}).
     */
    private static List<IndicatorFunnel.Limit> limits(Indicator indicator, double average,
            List<Observation> observations, boolean exact) {
        double min = observations.stream().mapToDouble(Observation::denominator).min().orElseThrow();
        double max = observations.stream().mapToDouble(Observation::denominator).max().orElseThrow();
        if (!exact && !indicator.isRate()) {
            min = Math.max(1, Math.floor(min / 5) * 5);
            max = Math.ceil(max / 5) * 5;
        }
        List<IndicatorFunnel.Limit> result = new ArrayList<>();
        int steps = min == max ? 1 : LIMIT_POINTS;
        for (int i = 0; i < steps; i++) {
            double n = steps == 1 ? min : min * Math.pow(max / min, (double) i / (steps - 1));
            FunnelLimits l = limitsAt(indicator, average, n);
            result.add(new IndicatorFunnel.Limit(n, l.ci95().lower(), l.ci95().upper(), l.ci998().lower(),
                    l.ci998().upper()));
        }
        return result;
    }

    /**
     * Where an area lies, as PHEindicatormethods {@code assign_funnel_significance} decides it
     * (indicators.md, "Funnel plot limits"). Proportions: the area's value against the limits at
     * its own denominator. Rates: the area's own 95% and 99.8% interval of its count (exact below
     * 10 events, Byar's from 10) against a × its population, not its value against the plotted
     * lines; a DSR's population is the derived x × multiplier / DSR, and a DSR of fewer than 10
     * events is not assessed.
     *
     * @param average a = Σx/Σn per person (not per multiplier), as {@link FunnelLimits#average}
     * @param numerator the area's count x (as shown: the public view's figures in public)
     * @param denominator the area's denominator (a crude rate's population; unused for a DSR)
     * @param value the area's value: percentage, crude rate or DSR per multiplier (null only for a
     *     DSR of fewer than 10 events, which is not computed)
     * @return null when the area is not assessed (a DSR of fewer than 10 events)
     */
    static IndicatorFunnel.Position position(Indicator indicator, double average, long numerator,
            double denominator, Double value) {
        return switch (indicator.calculation()) {
            case PROPORTION -> position(Objects.requireNonNull(value, "value"),
                    FunnelLimits.forProportions(average, denominator));
            case CRUDE_RATE -> position(RateFunnel.of(average, indicator.multiplier())
                    .significance(numerator, denominator));
            case DSR -> position(RateFunnel.of(average, indicator.multiplier()).significanceOfDsr(numerator, value));
        };
    }

    /** A proportion's position: its value against the limits at its own denominator. */
    static IndicatorFunnel.Position position(double value, FunnelLimits limits) {
        return position(limits.significance(value));
    }

    private static IndicatorFunnel.Position position(FunnelSignificance significance) {
        return switch (significance) {
            case HIGH_0_001 -> IndicatorFunnel.Position.ABOVE_998;
            case HIGH_0_025 -> IndicatorFunnel.Position.ABOVE_95;
            case NOT_SIGNIFICANT -> IndicatorFunnel.Position.INSIDE;
            case LOW_0_025 -> IndicatorFunnel.Position.BELOW_95;
            case LOW_0_001 -> IndicatorFunnel.Position.BELOW_998;
            case NOT_APPLICABLE -> null;
        };
    }
}
