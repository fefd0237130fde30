package uk.nhs.mhe.ingest.dataset;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** One field of a dataset record, as published at {@code GET /api/v1/datasets}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldSpec(String name, FieldType type, boolean required, Integer minLength, Integer maxLength,
        Long min, Long max, @JsonIgnore CodeList codeList, boolean unique, String description) {

    public static FieldSpec string(String name, int minLength, int maxLength, boolean unique, String description) {
        return new FieldSpec(name, FieldType.STRING, true, minLength, maxLength, null, null, null, unique, description);
    }

    public static FieldSpec code(String name, CodeList codes, boolean required, String description) {
        return new FieldSpec(name, FieldType.CODE, required, null, null, null, null, codes, false, description);
    }

    /**
     * A whole number between {@code min} and {@code max}. Every integer field has an upper bound:
     * what ingest accepts must fit what the indicator service stores (PostgreSQL {@code integer})
     * and must be a plausible count, so that nothing accepted here fails downstream.
     */
    public static FieldSpec integer(String name, long min, long max, boolean required, String description) {
        return new FieldSpec(name, FieldType.INTEGER, required, null, null, min, max, null, false, description);
    }

    public static FieldSpec flag(String name, String description) {
        return flag(name, true, description);
    }

    public static FieldSpec flag(String name, boolean required, String description) {
        return new FieldSpec(name, FieldType.FLAG, required, null, null, null, null, null, false, description);
    }

    /** An ISO date (yyyy-MM-dd) that must fall inside the submission's reporting month. */
    public static FieldSpec dateInPeriod(String name, boolean required, String description) {
        return new FieldSpec(name, FieldType.DATE, required, null, null, null, null, null, false, description);
    }

    /** The code list's name, for the published specification. */
    @JsonProperty("codeList")
    public String codes() {
        return codeList == null ? null : codeList.name();
    }

    /** The permitted codes, for the published specification. */
    @JsonProperty("permittedValues")
    public List<String> permittedValues() {
        if (codeList != null) {
            return codeList.codes().stream().sorted(FieldSpec::codeOrder).toList();
        }
        return type == FieldType.FLAG ? List.of("Y", "N") : null;
    }

    /** Codes counted as "other" in the data-quality summary (valid but uninformative). */
    @JsonProperty("otherValues")
    public List<String> otherValues() {
        return codeList == null || codeList.other().isEmpty() ? null : codeList.other().stream().sorted().toList();
    }

    /** Codes counted as "default" in the data-quality summary (nothing known). */
    @JsonProperty("defaultValues")
    public List<String> defaultValues() {
        return codeList == null || codeList.defaults().isEmpty() ? null : codeList.defaults().stream().sorted().toList();
    }

    private static int codeOrder(String a, String b) {
        // Letters before numbers, as the NHS Data Dictionary lists them (A..S, Z, 99).
        boolean da = Character.isDigit(a.charAt(0));
        boolean db = Character.isDigit(b.charAt(0));
        return da == db ? a.compareTo(b) : (da ? 1 : -1);
    }
}
