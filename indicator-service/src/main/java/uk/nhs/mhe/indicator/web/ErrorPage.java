package uk.nhs.mhe.indicator.web;

import uk.nhs.mhe.common.problem.Problem;
import uk.nhs.mhe.indicator.catalogue.Indicator;
import uk.nhs.mhe.indicator.reference.AreaType;

import java.util.ArrayList;
import java.util.List;

/**
 * A friendly page for a selection the API refuses (unknown indicator, area, period ...): what
 * went wrong in words, and links to what is available instead, with the rest of the selection
 * kept. Built from the same problem the API answers, so pages and API never disagree.
 */
public record ErrorPage(Viewer viewer, int status, String title, String detail, String optionsHeading,
        List<Link> options, String here) {

    public record Link(String href, String label) {
    }

    static ErrorPage of(Problem problem, String indicatorId, Selection selection, Choices choices, Viewer viewer,
            String here) {
        String slug = problem.type().startsWith(Problem.TYPE_PREFIX)
                ? problem.type().substring(Problem.TYPE_PREFIX.length()) : problem.type();
        List<String> available = available(problem);
        String base = "/indicators/" + java.net.URLEncoder.encode(indicatorId == null ? "" : indicatorId,
                java.nio.charset.StandardCharsets.UTF_8);
        List<Link> links = new ArrayList<>();
        String heading = "Choose one of these";
        switch (slug) {
            case "unknown-indicator" -> {
                heading = "Available indicators";
                choices.catalogue().all().forEach(i -> links.add(new Link("/indicators/" + i.id() + selection.query(),
                        i.name())));
            }
            case "unknown-area", "area-not-available" -> {
                heading = "Available areas";
                Indicator indicator = choices.catalogue().find(indicatorId).orElse(null);
                for (AreaType type : List.of(AreaType.ENGLAND, AreaType.REGION, AreaType.ICB)) {
                    if (indicator == null || indicator.areaTypes().contains(type.name())) {
                        choices.areasOf(type).forEach(a -> links.add(
                                new Link(base + selection.withArea(a.code()).query(), a.name())));
                    }
                }
            }
            case "invalid-period", "unknown-period" -> {
                heading = "Periods with values";
                available.forEach(p -> links.add(new Link(base + selection.withPeriod(p).query(), Wording.period(p))));
            }
            case "unknown-breakdown" -> {
                heading = "Available breakdowns";
                available.forEach(b -> links.add(new Link(base + selection.withBreakdown(b).query(), Wording.breakdown(b))));
            }
            case "unknown-benchmark", "unknown-group", "unknown-period-type", "unknown-area-type" -> {
                String parameter = switch (slug) {
                    case "unknown-benchmark" -> "benchmark";
                    case "unknown-group" -> "group";
                    case "unknown-period-type" -> "periodType";
                    default -> "areaType";
                };
                available.forEach(v -> links.add(new Link(base + selection.with(parameter, v).query(), v)));
            }
            default -> {
                heading = "Indicators";
                choices.catalogue().all().forEach(i -> links.add(new Link("/indicators/" + i.id(), i.name())));
            }
        }
        return new ErrorPage(viewer, problem.status(), problem.title(), problem.detail(), heading, links, here);
    }

    private static List<String> available(Problem problem) {
        Object value = problem.extensionMembers().get("available");
        List<String> result = new ArrayList<>();
        if (value instanceof Iterable<?> list) {
            list.forEach(v -> result.add(String.valueOf(v)));
        }
        return result;
    }
}
