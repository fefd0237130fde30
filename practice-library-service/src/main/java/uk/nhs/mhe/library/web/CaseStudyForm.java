package uk.nhs.mhe.library.web;

import uk.nhs.mhe.common.problem.FieldError;
import uk.nhs.mhe.library.casestudy.CaseStudy;
import uk.nhs.mhe.library.casestudy.CaseStudyInput;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contributor editor's fields as the browser posts them (strings, comma-separated lists,
 * a consent checkbox), and their mapping to and from {@link CaseStudyInput}. Validation stays
 * in the service ({@code CaseStudyValidator}); this only translates. Outcomes are not edited on
 * the page: an edit keeps those of the current version. Pure.
 */
public record CaseStudyForm(String title, String summary, String body, String region, List<String> populationGroups,
        String serviceArea, String interventionType, String stage, String evidenceLevel, String evaluation,
        String sponsorship, String relatedIndicators, String tags, String contactName, String contactEmail,
        boolean contactConsent, Integer version) {

    public CaseStudyForm {
        populationGroups = populationGroups == null ? List.of() : List.copyOf(populationGroups);
    }

    public static CaseStudyForm empty() {
        return new CaseStudyForm("", "", "", "", List.of(), "", "", "", "", "", "", "", "", "", "", false, null);
    }

    /** The posted form ({@code application/x-www-form-urlencoded}, repeated names for checkboxes). */
    public static CaseStudyForm of(Map<String, List<String>> form) {
        Integer version;
        try {
            version = blank(first(form, "version")) ? null : Integer.valueOf(first(form, "version").trim());
        } catch (NumberFormatException e) {
            version = null;
        }
        return new CaseStudyForm(first(form, "title"), first(form, "summary"), first(form, "body"), first(form, "region"),
                form.getOrDefault("populationGroups", List.of()), first(form, "serviceArea"),
                first(form, "interventionType"), first(form, "stage"), first(form, "evidenceLevel"),
                first(form, "evaluation"), first(form, "sponsorship"), first(form, "relatedIndicators"),
                first(form, "tags"), first(form, "contactName"), first(form, "contactEmail"),
                "yes".equals(first(form, "contactConsent")), version);
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() || values.get(0) == null ? "" : values.get(0);
    }

    public static CaseStudyForm of(CaseStudy cs) {
        CaseStudyInput.Contact c = cs.contact();
        return new CaseStudyForm(cs.title(), cs.summary(), cs.body(), cs.region(), cs.populationGroups(),
                cs.serviceArea(), cs.interventionType(), cs.stage(), cs.evidenceLevel(), orEmpty(cs.evaluation()),
                orEmpty(cs.sponsorship()), String.join(", ", cs.relatedIndicators()), String.join(", ", cs.tags()),
                c == null ? "" : orEmpty(c.name()), c == null ? "" : orEmpty(c.email()),
                c != null && Boolean.TRUE.equals(c.consent()), cs.version());
    }

    public CaseStudyInput toInput(List<CaseStudyInput.Outcome> outcomes) {
        CaseStudyInput.Contact contact = blank(contactName) && blank(contactEmail) ? null
                : new CaseStudyInput.Contact(nullIfBlank(contactName), nullIfBlank(contactEmail), contactConsent);
        return new CaseStudyInput(title, summary, body, nullIfBlank(region), populationGroups, nullIfBlank(serviceArea),
                nullIfBlank(interventionType), nullIfBlank(stage), nullIfBlank(evidenceLevel), nullIfBlank(evaluation),
                outcomes, list(relatedIndicators), nullIfBlank(sponsorship), contact, list(tags), version);
    }

    public boolean selected(String populationGroup) {
        return populationGroups.contains(populationGroup);
    }

    /**
     * The service's findings keyed by the form field they belong to (the first message per
     * field, as the NHS.UK error message pattern shows one per field), in the form's order for
     * the error summary. Findings about outcomes, which the page does not edit, go to the body.
     */
    public static Map<String, String> errorsByField(List<FieldError> errors) {
        Map<String, String> byField = new LinkedHashMap<>();
        for (String field : FIELD_ORDER) {
            for (FieldError e : errors) {
                if (field.equals(formField(e.field()))) {
                    byField.putIfAbsent(field, pageMessage(field, e));
                }
            }
        }
        for (FieldError e : errors) {
            if (!FIELD_ORDER.contains(formField(e.field()))) {
                byField.putIfAbsent("body", e.message());
            }
        }
        return byField;
    }

    /** The form's labels, as the page shows them, for its messages. */
    private static final Map<String, String> LABELS = Map.ofEntries(Map.entry("title", "Title"),
            Map.entry("summary", "Summary"), Map.entry("body", "What you did"), Map.entry("region", "NHS England region"),
            Map.entry("populationGroups", "Population groups"), Map.entry("serviceArea", "Service area"),
            Map.entry("interventionType", "Type of intervention"), Map.entry("stage", "Stage"),
            Map.entry("evidenceLevel", "Strength of evidence"), Map.entry("evaluation", "Evaluation"),
            Map.entry("sponsorship", "Sponsorship"), Map.entry("relatedIndicators", "Related indicators"),
            Map.entry("tags", "Tags"), Map.entry("contactName", "Contact name"),
            Map.entry("contactEmail", "Contact email"), Map.entry("contactConsent", "Consent"));

    /** What to do about a required field left empty (NHS.UK: "Enter …" for text, "Select …" for choices). */
    private static final Map<String, String> REQUIRED = Map.of("title", "Enter a title", "summary", "Enter a summary",
            "body", "Enter what you did", "region", "Select an NHS England region",
            "populationGroups", "Select at least one population group", "serviceArea", "Select a service area",
            "interventionType", "Select a type of intervention", "stage", "Select a stage",
            "evidenceLevel", "Select the strength of evidence",
            "contactConsent", "Confirm that the contact agreed to be named, or leave the contact out");

    /** Fields chosen from a list (radios, selects, checkboxes): "Select …", not "Enter …". */
    private static final List<String> CHOSEN = List.of("region", "populationGroups", "serviceArea", "interventionType",
            "stage", "evidenceLevel");

    /**
     * The page's message for a finding of the service, in the words of the form (the NHS.UK
     * error message pattern: "Enter a title", "Select a service area"), not the API's field names.
     */
    static String pageMessage(String field, FieldError e) {
        String label = LABELS.getOrDefault(field, field);
        String lower = label.startsWith("NHS") ? label : label.toLowerCase(java.util.Locale.ROOT);
        String code = e.code() == null ? "" : e.code();
        switch (code) {
            case "required":
                return REQUIRED.getOrDefault(field, "Enter " + lower);
            case "too-long":
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)").matcher(e.message());
                return label + " must be " + (m.find() ? m.group(1) + " characters or fewer" : "shorter");
            case "invalid-characters":
                return label + " must not contain control characters";
            case "unknown-value":
                return CHOSEN.contains(field) ? REQUIRED.get(field) + " from the list"
                        : label + " must be chosen from the list";
            case "too-many":
                return label + " has too many entries";
            case "invalid-format":
                return field.equals("contactEmail")
                        ? "Enter an email address in the correct format, like name@example.com" : e.message();
            default:
                return e.message();
        }
    }

    /** The page's message for a moderator's or contributor's comment the service refused. */
    static String commentMessage(FieldError e, String action) {
        return switch (e.code() == null ? "" : e.code()) {
            case "required" -> "Enter a comment for the contributor to say why you are "
                    + (action.equals("return") ? "returning" : "acting on") + " this case study";
            case "too-long" -> "Comment must be 5,000 characters or fewer";
            case "invalid-characters" -> "Comment must not contain control characters";
            default -> e.message();
        };
    }


    static final List<String> FIELD_ORDER = List.of("title", "summary", "body", "region", "populationGroups",
            "serviceArea", "interventionType", "stage", "evidenceLevel", "evaluation", "sponsorship",
            "relatedIndicators", "tags", "contactName", "contactEmail", "contactConsent");

    static String formField(String apiField) {
        if (apiField == null) {
            return "body";
        }
        return switch (apiField) {
            case "contact.name" -> "contactName";
            case "contact.email" -> "contactEmail";
            case "contact.consent" -> "contactConsent";
            default -> {
                int bracket = apiField.indexOf('[');
                yield bracket > 0 ? apiField.substring(0, bracket) : apiField;
            }
        };
    }

    private static List<String> list(String commaSeparated) {
        if (blank(commaSeparated)) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(values::add);
        return values;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String nullIfBlank(String s) {
        return blank(s) ? null : s.trim();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
