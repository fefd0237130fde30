package uk.nhs.mhe.library.casestudy;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A case study as the API answers it: the editable fields and the read-only ones. A retracted
 * case study read by someone outside its organisation is a tombstone: title, status and the
 * reason, the content left out.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CaseStudy(UUID id, String organisation, Status status, int version,
        String title, String summary, String body, String region, List<String> populationGroups,
        String serviceArea, String interventionType, String stage, String evidenceLevel,
        String evaluation, List<CaseStudyInput.Outcome> outcomes, List<String> relatedIndicators,
        String sponsorship, CaseStudyInput.Contact contact, List<String> tags,
        Instant createdAt, Instant updatedAt, Instant publishedAt, LocalDate reviewDue, long views,
        String moderatorComment, String retractionReason, Instant retractedAt, boolean reviewOverdue,
        List<Attachment> attachments) {

    public record Attachment(UUID id, String filename, String mediaType, long size, Instant uploadedAt) {
    }

    public CaseStudy tombstone() {
        return new CaseStudy(id, organisation, status, version, title, null, null, region, List.of(), null, null,
                null, null, null, List.of(), List.of(), null, null, List.of(), createdAt, updatedAt, publishedAt,
                null, views, null, retractionReason, retractedAt, false, List.of());
    }

    /** The editable content, as stored in a revision and compared by diffs. */
    public CaseStudyInput content() {
        return new CaseStudyInput(title, summary, body, region, populationGroups, serviceArea, interventionType,
                stage, evidenceLevel, evaluation, outcomes, relatedIndicators, sponsorship, contact, tags, null);
    }
}
