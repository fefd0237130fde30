package uk.nhs.mhe.library.casestudy;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * What a contributor writes: the editable fields of a case study (docs/api.md). {@code version}
 * is not content: on a {@code PUT} it is the version the edit was based on (like
 * {@code If-Match}); it is never stored in a revision.
 */
public record CaseStudyInput(String title, String summary, String body, String region,
        List<String> populationGroups, String serviceArea, String interventionType, String stage,
        String evidenceLevel, String evaluation, List<Outcome> outcomes, List<String> relatedIndicators,
        String sponsorship, Contact contact, List<String> tags,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer version) {

    public record Outcome(String metric, String baseline, String after, String period) {
    }

    public record Contact(String name, String email, Boolean consent) {
    }

    public List<String> populationGroups() {
        return populationGroups == null ? List.of() : populationGroups;
    }

    public List<Outcome> outcomes() {
        return outcomes == null ? List.of() : outcomes;
    }

    public List<String> relatedIndicators() {
        return relatedIndicators == null ? List.of() : relatedIndicators;
    }

    public List<String> tags() {
        return tags == null ? List.of() : tags;
    }
}
