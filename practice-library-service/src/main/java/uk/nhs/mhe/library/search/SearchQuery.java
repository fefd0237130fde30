package uk.nhs.mhe.library.search;

import uk.nhs.mhe.common.problem.FieldError;
import uk.nhs.mhe.library.casestudy.Status;
import uk.nhs.mhe.library.casestudy.Vocabularies;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A search of the library: websearch-syntax text {@code q}, filters (facets, {@code status}, {@code organisation}; (several values of one
 * several values of one filter: any of them; {@code populationGroups}: all of them), sort, 1-based page. Pure.
 */
public record SearchQuery(String q, List<String> populationGroups, List<String> serviceArea, List<String> region,
        List<String> evidenceLevel, List<String> stage, List<String> status, List<String> organisation, boolean reviewOverdue,
        int page, int size, Sort sort) {

    public static final int MAX_SIZE = 100;

    public enum Sort {
        RELEVANCE, NEWEST, POPULAR
    }

    public static SearchQuery all() {
        return new SearchQuery(null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), false, 1,
                20, Sort.NEWEST);
    }

    public SearchQuery withPage(int newPage, int newSize) {
        return new SearchQuery(q, populationGroups, serviceArea, region, evidenceLevel, stage, status, organisation, reviewOverdue,
                newPage, newSize, sort);
    }

    public boolean hasText() {
        return q != null && !q.isBlank();
    }

    /** Parses query parameters (repeated or comma-separated values); findings go to {@code errors}. */
    public static SearchQuery parse(Map<String, List<String>> params, List<FieldError> errors) {
        String q = first(params, "q");
        if (q != null && q.length() > 500) {
            errors.add(FieldError.envelope("q", "too-long", "The search text is longer than 500 characters."));
        }
        if (uk.nhs.mhe.library.casestudy.CaseStudyValidator.hasControl(q)) {
            errors.add(FieldError.envelope("q", "invalid-characters",
                    "The search text contains control characters (only tab, carriage return and line feed are allowed)."));
        }
        List<String> groups = values(params, "populationGroups", Vocabularies.POPULATION_GROUPS, errors);
        List<String> areas = values(params, "serviceArea", Vocabularies.SERVICE_AREAS, errors);
        List<String> regions = values(params, "region", Vocabularies.REGIONS, errors);
        List<String> evidence = values(params, "evidenceLevel", Vocabularies.EVIDENCE_LEVELS, errors);
        List<String> stages = values(params, "stage", Vocabularies.STAGES, errors);
        List<String> statuses = new ArrayList<>();
        for (String s : split(params.get("status"))) {
            try {
                statuses.add(Status.valueOf(s.toUpperCase(Locale.ROOT)).name());
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.envelope("status", "unknown-value", "'" + s + "' is not one of "
                        + Arrays.toString(Status.values()) + "."));
            }
        }
        List<String> organisations = split(params.get("organisation"));
        for (String o : organisations) {
            if (!o.matches("[A-Z0-9]{3,5}")) {
                errors.add(FieldError.envelope("organisation", "invalid-format", "'" + o + "' is not an ODS code."));
            }
        }
        int page = integer(params, "page", 1, 1, 10_000, errors);
        int size = integer(params, "size", 20, 1, MAX_SIZE, errors);
        String sortText = first(params, "sort");
        Sort sort = q == null || q.isBlank() ? Sort.NEWEST : Sort.RELEVANCE;
        if (sortText != null && !sortText.isBlank()) {
            try {
                sort = Sort.valueOf(sortText.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.envelope("sort", "unknown-value", "sort is one of relevance, newest, popular."));
            }
        }
        return new SearchQuery(q == null || q.isBlank() ? null : q.trim(), groups, areas, regions, evidence, stages,
                statuses, organisations, "true".equalsIgnoreCase(first(params, "reviewOverdue")), page, size, sort);
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static List<String> split(List<String> raw) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        if (raw != null) {
            for (String r : raw) {
                for (String s : r.split(",")) {
                    if (!s.isBlank()) {
                        out.add(s.trim());
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    private static List<String> values(Map<String, List<String>> params, String name, Map<String, String> vocabulary,
            List<FieldError> errors) {
        List<String> values = split(params.get(name));
        for (String v : values) {
            if (!vocabulary.containsKey(v)) {
                errors.add(FieldError.envelope(name, "unknown-value",
                        "'" + v + "' is not one of " + String.join(", ", vocabulary.keySet()) + "."));
            }
        }
        return values;
    }

    private static int integer(Map<String, List<String>> params, String name, int dflt, int min, int max,
            List<FieldError> errors) {
        String v = first(params, name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            int i = Integer.parseInt(v.trim());
            if (i < min || i > max) {
                errors.add(FieldError.envelope(name, "out-of-range", name + " must be between " + min + " and " + max + "."));
                return dflt;
            }
            return i;
        } catch (NumberFormatException e) {
            errors.add(FieldError.envelope(name, "invalid-format", name + " must be a whole number."));
            return dflt;
        }
    }
}
