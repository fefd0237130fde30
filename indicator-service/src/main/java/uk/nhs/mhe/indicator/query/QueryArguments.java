package uk.nhs.mhe.indicator.query;

import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.mhe.common.problem.Problem;
import uk.nhs.mhe.common.problem.ProblemException;
import uk.nhs.mhe.indicator.catalogue.Catalogue;
import uk.nhs.mhe.indicator.catalogue.Indicator;
import uk.nhs.mhe.indicator.compute.Breakdown;
import uk.nhs.mhe.indicator.compute.Group;
import uk.nhs.mhe.indicator.period.Period;
import uk.nhs.mhe.indicator.period.PeriodType;
import uk.nhs.mhe.indicator.reference.Area;
import uk.nhs.mhe.indicator.reference.Areas;
import uk.nhs.mhe.reference.ReferenceData;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the query parameters of the indicator endpoints into catalogue entries, areas,
 * breakdowns, groups and periods. Anything unknown is refused with what is available (a
 * problem's {@code available}), never answered with an empty result that looks like "no events".
 */
@ApplicationScoped
public class QueryArguments {

    private final Catalogue catalogue;
    private final Areas areas;
    private final Map<String, Breakdown> breakdowns;

    public QueryArguments(Catalogue catalogue, Areas areas, ReferenceData ref) {
        this.catalogue = catalogue;
        this.areas = areas;
        this.breakdowns = Breakdown.all(ref);
    }

    public Indicator indicator(String id) {
        return catalogue.find(id).orElseThrow(() -> new ProblemException(
                Problem.of("unknown-indicator", "Unknown indicator", 404, "No indicator '" + id + "'")
                        .with("available", catalogue.all().stream().map(Indicator::id).toList())));
    }

    public Breakdown breakdown(Indicator indicator, String id) {
        String bd = blank(id) ? Breakdown.NONE : id.trim();
        if (!indicator.breakdowns().contains(bd) || !breakdowns.containsKey(bd)) {
            throw new ProblemException(Problem.of("unknown-breakdown", "Unknown breakdown", 400,
                    indicator.id() + " has no breakdown '" + bd + "'").with("available", indicator.breakdowns()));
        }
        return breakdowns.get(bd);
    }

    /** The breakdown of one group, {@code All}: the total row. */
    public Breakdown none() {
        return breakdowns.get(Breakdown.NONE);
    }

    /** An area the indicator is measured for; England by default. */
    public Area area(Indicator indicator, String code) {
        // ODS codes are upper case; accept "y56" or "england" as typed.
        String wanted = blank(code) ? Areas.ENGLAND : code.trim().toUpperCase(Locale.ROOT);
        Area area = areas.find(wanted).orElseThrow(() -> new ProblemException(
                Problem.of("unknown-area", "Unknown area", 404, "No area '" + code
                        + "'; areas are ODS codes or ENGLAND, listed at /api/v1/areas")));
        if (!indicator.areaTypes().contains(area.type().name())) {
            throw new ProblemException(Problem.of("area-not-available", "Area not available", 400,
                    indicator.id() + " is measured for " + String.join(", ", indicator.areaTypes())
                            + " areas, not for " + area.type() + " " + area.code())
                    .with("availableAreaTypes", indicator.areaTypes())
                    .with("available", indicator.areaTypes()));
        }
        return area;
    }

    public Area area(String code) {
        return areas.find(code).orElseThrow();
    }

    /** The name of an area, or its code when the reference data does not know it. */
    public String areaName(String code) {
        return areas.find(code).map(Area::name).orElse(code);
    }

    public Areas areas() {
        return areas;
    }

    /**
     * The label of a group: the breakdown's own, or for providers (whose groups are ODS codes
     * found in the data) the provider's name.
     */
    public String label(Breakdown breakdown, String group) {
        if (breakdown.hasFixedGroups()) {
            return breakdown.group(group).map(Group::label).orElse(group);
        }
        return areaName(group);
    }

    /**
     * A period with stored values ({@code stored}, newest first within each type), the newest
     * when none is asked for. A period that is not written as one is a bad request; a real period
     * without values is not found. Both list what is available.
     */
    public String period(Indicator indicator, List<String> stored, String text) {
        if (stored.isEmpty()) {
            throw new ProblemException(Problem.of("no-data", "No data yet", 404,
                    "No values of " + indicator.id() + " have been calculated yet").with("available", List.of()));
        }
        if (blank(text)) {
            return stored.stream().filter(p -> Period.parse(p).map(x -> x.type() == PeriodType.MONTH).orElse(false))
                    .findFirst().orElse(stored.get(0));
        }
        Period period = Period.parse(text).orElseThrow(() -> new ProblemException(
                Problem.of("invalid-period", "Invalid period", 400, "'" + text
                        + "' is not a period: write a month 2024-03, a financial year FY2023-24 or twelve months R12-2024-03")
                        .with("available", stored)));
        if (!stored.contains(period.code())) {
            throw new ProblemException(Problem.of("unknown-period", "Period not available", 404,
                    "No values of " + indicator.id() + " for period '" + period.code() + "'").with("available", stored));
        }
        return period.code();
    }

    /**
     * A group of a breakdown; the first by default ({@code All} for {@code none}). For providers
     * the groups are those in {@code present}.
     */
    public String group(Breakdown breakdown, String group, List<String> present) {
        List<String> groups = breakdown.hasFixedGroups() ? breakdown.groups().stream().map(Group::code).toList()
                : present.stream().sorted().distinct().toList();
        if (blank(group)) {
            if (groups.isEmpty()) {
                throw new ProblemException(Problem.of("no-data", "No data yet", 404,
                        "No values by " + breakdown.id() + " have been calculated yet").with("available", List.of()));
            }
            return groups.get(0);
        }
        if (!groups.contains(group.trim())) {
            throw new ProblemException(Problem.of("unknown-group", "Unknown group", 400,
                    "Breakdown " + breakdown.id() + " has no group '" + group + "'").with("available", groups));
        }
        return group.trim();
    }

    /** {@code england} (default) or {@code parent}. */
    public String benchmark(String benchmark) {
        String mode = blank(benchmark) ? "england" : benchmark.trim().toLowerCase(Locale.ROOT);
        if (!mode.equals("england") && !mode.equals("parent")) {
            throw new ProblemException(Problem.of("unknown-benchmark", "Unknown benchmark", 400,
                    "benchmark must be england or parent, got '" + benchmark + "'").with("available", List.of("england", "parent")));
        }
        return mode;
    }

    public Catalogue catalogue() {
        return catalogue;
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
