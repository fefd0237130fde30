package uk.nhs.mhe.indicator.web;

import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.mhe.indicator.catalogue.Catalogue;
import uk.nhs.mhe.indicator.catalogue.Indicator;
import uk.nhs.mhe.indicator.compute.IndicatorValueStore;
import uk.nhs.mhe.indicator.query.Snapshot;
import uk.nhs.mhe.indicator.reference.Area;
import uk.nhs.mhe.indicator.reference.AreaType;
import uk.nhs.mhe.indicator.reference.Areas;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a page offers to choose from, for one indicator: only what the API would answer for it
 * (its area types, its breakdowns, the periods with stored values), so the forms never lead to
 * an error page.
 */
@ApplicationScoped
public class Choices {

    /** The options of every form of the indicator page. */
    public record Lists(List<Option> indicators, List<Option.Group> areas, List<Option> periods,
            List<Option> breakdowns, List<Option> benchmarks, List<Option> groups, List<Option> periodTypes,
            List<Option> areaTypes) {
    }

    static final List<String> TREND_PERIOD_TYPES = List.of("month", "FY");
    static final List<String> FUNNEL_AREA_TYPES = List.of("REGION", "ICB", "PROVIDER");

    private final Catalogue catalogue;
    private final Areas areas;
    private final Snapshot snapshot;

    public Choices(Catalogue catalogue, Areas areas, Snapshot snapshot) {
        this.catalogue = catalogue;
        this.areas = areas;
        this.snapshot = snapshot;
    }

    List<Option> indicators(String current) {
        return catalogue.all().stream().map(i -> Option.of(i.id(), i.name(), current)).toList();
    }

    /** England, then regions, ICBs and (for provider measures) providers, each by name. */
    List<Option.Group> areas(Indicator indicator, String current) {
        List<Option.Group> groups = new ArrayList<>();
        for (AreaType type : AreaType.values()) {
            if (!indicator.areaTypes().contains(type.name())) {
                continue;
            }
            List<Option> options = areas.ofType(type).stream().sorted(Comparator.comparing(Area::name))
                    .map(a -> Option.of(a.code(), a.name(), current)).toList();
            groups.add(new Option.Group(Wording.areaType(type.name()), options));
        }
        return groups;
    }

    /** Newest first within each period type, as the store lists them. */
    List<String> storedPeriods(String indicatorId) {
        return snapshot.read(c -> IndicatorValueStore.periods(c, indicatorId));
    }

    List<Option> periods(List<String> stored, String current) {
        return stored.stream().map(p -> Option.of(p, Wording.period(p), current)).toList();
    }

    List<Option> breakdowns(Indicator indicator, String current) {
        return indicator.breakdowns().stream().map(b -> Option.of(b, Wording.breakdown(b), current)).toList();
    }

    List<Option> benchmarks(String current) {
        return List.of(Option.of("england", "England", current),
                Option.of("parent", "The area's parent (region for an ICB, England for a region)", current));
    }

    List<Option> periodTypes(Indicator indicator, String current) {
        return TREND_PERIOD_TYPES.stream().filter(indicator.periodTypes()::contains)
                .map(t -> Option.of(t, Wording.periodType(t), current)).toList();
    }

    List<Option> funnelAreaTypes(Indicator indicator, String current) {
        return FUNNEL_AREA_TYPES.stream().filter(indicator.areaTypes()::contains)
                .map(t -> Option.of(t, Wording.areaType(t), current)).toList();
    }

    /** Whether an area code is one the indicator is measured for (when a form changes indicator). */
    boolean measuredFor(Indicator indicator, String areaCode) {
        return areas.find(areaCode).map(a -> indicator.areaTypes().contains(a.type().name())).orElse(false);
    }

    String areaName(String code) {
        return areas.find(code).map(Area::name).orElse(code);
    }

    List<Area> areasOf(AreaType type) {
        return areas.ofType(type);
    }

    Catalogue catalogue() {
        return catalogue;
    }
}
