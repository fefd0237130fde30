package uk.nhs.mhe.library.casestudy;

import uk.nhs.mhe.common.problem.FieldError;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a case study against the contract: required fields, vocabularies, lengths. Pure: no
 * framework imports. Every finding is an envelope-level {@link FieldError} ({@code row} null).
 */
public final class CaseStudyValidator {

    static final int MAX_TITLE = 200;
    static final int MAX_SUMMARY = 2_000;
    static final int MAX_BODY = 100_000;
    static final int MAX_TEXT = 10_000;
    static final int MAX_LIST = 30;
    static final int MAX_TAG = 50;
    private static final Pattern INDICATOR_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,63}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"]{1,64}@[^@\\s<>\"]{1,255}\\.[A-Za-z]{2,}");

    private CaseStudyValidator() {
    }

    public static List<FieldError> validate(CaseStudyInput in) {
        List<FieldError> errors = new ArrayList<>();
        if (in == null) {
            errors.add(FieldError.envelope("body", "required", "A JSON case study is required."));
            return errors;
        }
        text(errors, "title", in.title(), true, MAX_TITLE);
        text(errors, "summary", in.summary(), true, MAX_SUMMARY);
        text(errors, "body", in.body(), true, MAX_BODY);
        code(errors, "region", in.region(), Vocabularies.REGIONS);
        code(errors, "serviceArea", in.serviceArea(), Vocabularies.SERVICE_AREAS);
        code(errors, "interventionType", in.interventionType(), Vocabularies.INTERVENTION_TYPES);
        code(errors, "stage", in.stage(), Vocabularies.STAGES);
        code(errors, "evidenceLevel", in.evidenceLevel(), Vocabularies.EVIDENCE_LEVELS);
        if (in.populationGroups().isEmpty()) {
            errors.add(FieldError.envelope("populationGroups", "required", "At least one population group is required."));
        }
        codes(errors, "populationGroups", in.populationGroups(), Vocabularies.POPULATION_GROUPS);
        text(errors, "evaluation", in.evaluation(), false, MAX_TEXT);
        text(errors, "sponsorship", in.sponsorship(), false, MAX_TEXT);
        size(errors, "outcomes", in.outcomes());
        for (int i = 0; i < in.outcomes().size(); i++) {
            CaseStudyInput.Outcome o = in.outcomes().get(i);
            String f = "outcomes[" + i + "]";
            if (o == null) {
                errors.add(FieldError.envelope(f, "required", "An outcome must be an object."));
                continue;
            }
            text(errors, f + ".metric", o.metric(), true, MAX_TAG * 4);
            text(errors, f + ".baseline", o.baseline(), false, MAX_TAG * 4);
            text(errors, f + ".after", o.after(), false, MAX_TAG * 4);
            text(errors, f + ".period", o.period(), false, MAX_TAG * 4);
        }
        size(errors, "relatedIndicators", in.relatedIndicators());
        for (String id : in.relatedIndicators()) {
            if (id == null || !INDICATOR_ID.matcher(id).matches()) {
                errors.add(FieldError.envelope("relatedIndicators", "invalid-format",
                        "'" + id + "' is not an indicator catalogue id (lower-case letters, digits and hyphens)."));
            }
        }
        size(errors, "tags", in.tags());
        for (String tag : in.tags()) {
            text(errors, "tags", tag, true, MAX_TAG);
        }
        if (in.contact() != null) {
            text(errors, "contact.name", in.contact().name(), false, MAX_TAG * 4);
            String email = in.contact().email();
            if (hasControl(email)) {
                errors.add(FieldError.envelope("contact.email", "invalid-characters", "contact.email contains control characters."));
            } else if (email != null && !email.isBlank() && !EMAIL.matcher(email.trim()).matches()) {
                errors.add(FieldError.envelope("contact.email", "invalid-format", "Not an email address."));
            }
            if ((email != null && !email.isBlank()) && !Boolean.TRUE.equals(in.contact().consent())) {
                errors.add(FieldError.envelope("contact.consent", "required",
                        "A contact is published only with the contact's consent (consent: true)."));
            }
        }
        return errors;
    }

    /**
     * True if {@code s} holds a C0 control character other than tab, carriage return and line
     * feed: PostgreSQL refuses NUL in text, and XML (the Atom feed) refuses the others.
     */
    public static boolean hasControl(String s) {
        if (s == null) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x20 && ch != '\t' && ch != '\r' && ch != '\n') {
                return true;
            }
        }
        return false;
    }

    private static void text(List<FieldError> errors, String field, String value, boolean required, int max) {
        if (hasControl(value)) {
            errors.add(FieldError.envelope(field, "invalid-characters",
                    field + " contains control characters (only tab, carriage return and line feed are allowed)."));
        } else if (value == null || value.isBlank()) {
            if (required) {
                errors.add(FieldError.envelope(field, "required", field + " is required."));
            }
        } else if (value.length() > max) {
            errors.add(FieldError.envelope(field, "too-long", field + " is longer than " + max + " characters."));
        }
    }

    private static void code(List<FieldError> errors, String field, String value, Map<String, String> vocabulary) {
        if (value == null || value.isBlank()) {
            errors.add(FieldError.envelope(field, "required", field + " is required."));
        } else if (!vocabulary.containsKey(value)) {
            errors.add(unknown(field, value, vocabulary));
        }
    }

    private static void codes(List<FieldError> errors, String field, Collection<String> values, Map<String, String> vocabulary) {
        size(errors, field, values);
        for (String v : values) {
            if (v == null || !vocabulary.containsKey(v)) {
                errors.add(unknown(field, v, vocabulary));
            }
        }
    }

    static FieldError unknown(String field, String value, Map<String, String> vocabulary) {
        return FieldError.envelope(field, "unknown-value",
                "'" + value + "' is not one of " + String.join(", ", vocabulary.keySet()) + ".");
    }

    private static void size(List<FieldError> errors, String field, Collection<?> values) {
        if (values.size() > MAX_LIST) {
            errors.add(FieldError.envelope(field, "too-many", field + " has more than " + MAX_LIST + " entries."));
        }
    }
}
