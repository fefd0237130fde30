package uk.nhs.mhe.library.web;

import io.quarkus.qute.TemplateData;
import uk.nhs.mhe.library.casestudy.Vocabularies;

import java.util.List;
import java.util.Map;

/** The vocabularies' labels for templates: ids are the contract, people read the labels. */
@TemplateData
public final class Labels {

    public static final Labels INSTANCE = new Labels();

    public Map<String, String> populationGroups() {
        return Vocabularies.POPULATION_GROUPS;
    }

    public Map<String, String> serviceAreas() {
        return Vocabularies.SERVICE_AREAS;
    }

    public Map<String, String> interventionTypes() {
        return Vocabularies.INTERVENTION_TYPES;
    }

    public Map<String, String> stages() {
        return Vocabularies.STAGES;
    }

    public Map<String, String> evidenceLevels() {
        return Vocabularies.EVIDENCE_LEVELS;
    }

    public Map<String, String> regions() {
        return Vocabularies.REGIONS;
    }

    public String of(Map<String, String> vocabulary, String id) {
        return id == null ? "" : vocabulary.getOrDefault(id, id);
    }

    public String groups(List<String> ids) {
        return ids == null ? "" : String.join(", ", ids.stream().map(id -> of(Vocabularies.POPULATION_GROUPS, id)).toList());
    }

    /** A status in words, for the tag beside the title (text, so not colour alone). */
    public String status(Object status) {
        return switch (String.valueOf(status)) {
            case "DRAFT" -> "Draft";
            case "SUBMITTED" -> "Awaiting moderation";
            case "RETURNED" -> "Returned for changes";
            case "PUBLISHED" -> "Published";
            case "ARCHIVED" -> "Archived";
            case "RETRACTED" -> "Retracted";
            default -> String.valueOf(status);
        };
    }

    /** NHS.UK tag colour for a status; the words above carry the meaning. */
    public String statusColour(Object status) {
        return switch (String.valueOf(status)) {
            case "PUBLISHED" -> "nhsuk-tag--green";
            case "SUBMITTED" -> "nhsuk-tag--blue";
            case "RETURNED" -> "nhsuk-tag--orange";
            case "RETRACTED", "ARCHIVED" -> "nhsuk-tag--grey";
            default -> "nhsuk-tag--white";
        };
    }
}
