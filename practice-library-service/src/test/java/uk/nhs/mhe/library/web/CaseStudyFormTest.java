package uk.nhs.mhe.library.web;

import org.junit.jupiter.api.Test;
import uk.nhs.mhe.common.problem.FieldError;
import uk.nhs.mhe.library.casestudy.CaseStudyInput;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CaseStudyFormTest {

    @Test
    void mapsThePostedFormToTheApiInput() {
        CaseStudyForm form = CaseStudyForm.of(Map.of(
                "title", List.of("Crisis café"), "summary", List.of("S"), "body", List.of("B"),
                "region", List.of("Y56"), "populationGroups", List.of("black", "ethnic-minority"),
                "serviceArea", List.of("crisis"), "tags", List.of(" peer support, ,evening "),
                "contactName", List.of(""), "contactEmail", List.of(""), "version", List.of("3")));
        CaseStudyInput in = form.toInput(List.of());
        assertEquals("Crisis café", in.title());
        assertEquals(List.of("black", "ethnic-minority"), in.populationGroups());
        assertEquals(List.of("peer support", "evening"), in.tags());
        assertNull(in.interventionType());
        assertNull(in.contact());
        assertEquals(3, in.version());
    }

    @Test
    void errorsFollowTheFormOrderOneMessagePerField() {
        Map<String, String> errors = CaseStudyForm.errorsByField(List.of(
                FieldError.envelope("contact.email", "invalid", "Enter an email address like name@example.org"),
                FieldError.envelope("title", "required", "Enter a title"),
                FieldError.envelope("title", "too-long", "Too long"),
                FieldError.envelope("outcomes[0].metric", "required", "Outcome metric missing")));
        // Outcomes are not edited on the page: their findings are shown against the body.
        assertEquals(List.of("title", "contactEmail", "body"), List.copyOf(errors.keySet()));
        assertEquals("Enter a title", errors.get("title"));
        assertTrue(errors.containsKey("contactEmail"));
    }

    @Test
    void messagesUseTheFormsWordsNotTheApisFieldNames() {
        Map<String, String> errors = CaseStudyForm.errorsByField(List.of(
                FieldError.envelope("serviceArea", "required", "serviceArea is required."),
                FieldError.envelope("region", "required", "region is required."),
                FieldError.envelope("summary", "too-long", "summary is longer than 600 characters."),
                FieldError.envelope("interventionType", "unknown-value", "'x' is not one of peer-support, digital.")));
        assertEquals("Select a service area", errors.get("serviceArea"));
        assertEquals("Select an NHS England region", errors.get("region"));
        assertEquals("Summary must be 600 characters or fewer", errors.get("summary"));
        assertEquals("Select a type of intervention from the list", errors.get("interventionType"));
        for (String message : errors.values()) {
            assertFalse(message.matches(".*\\b(serviceArea|interventionType|region is)\\b.*"), message);
        }
        assertEquals("Enter a comment for the contributor to say why you are returning this case study",
                CaseStudyForm.commentMessage(FieldError.envelope("comment", "required", "A comment is required."), "return"));
    }
}
