package uk.nhs.mhe.ingest.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import uk.nhs.mhe.common.problem.FieldError;
import uk.nhs.mhe.ingest.dataset.DatasetSpecification;
import uk.nhs.mhe.ingest.dataset.FieldSpec;

import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks one record at a time against a {@link DatasetSpecification}: presence, JSON type,
 * code lists, ranges, lengths, uniqueness within the submission and unknown fields. A valid
 * record comes back normalised: the specification's fields, in its order, with {@code null}
 * for an absent optional value. Stateful (uniqueness, data quality): one instance per submission.
 */
public final class RecordValidator {

    private final DatasetSpecification spec;
    private final Map<String, FieldSpec> fields;
    private final Map<String, Set<String>> seen = new java.util.HashMap<>();
    private final DataQuality quality;

    public RecordValidator(DatasetSpecification spec) {
        this.spec = spec;
        this.fields = spec.fieldsByName();
        this.quality = new DataQuality(spec);
        spec.fields().stream().filter(FieldSpec::unique).forEach(f -> seen.put(f.name(), new HashSet<>()));
    }

    public DataQuality quality() {
        return quality;
    }

    /**
     * Validates {@code record} (row 1-based); adds findings to {@code errors} and returns the
     * normalised record, or {@code null} when the row has any finding.
     */
    public ObjectNode validate(long row, JsonNode record, List<FieldError> errors) {
        if (record == null || !record.isObject()) {
            errors.add(new FieldError(row, null, ErrorCode.NOT_A_RECORD, "Each record must be a JSON object"));
            return null;
        }
        int before = errors.size();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (FieldSpec field : spec.fields()) {
            JsonNode value = record.get(field.name());
            if (value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
                if (field.required()) {
                    errors.add(new FieldError(row, field.name(), ErrorCode.REQUIRED, field.name() + " is required"));
                }
                quality.missing(field);
                out.putNull(field.name());
                continue;
            }
            Finding finding = check(field, value);
            if (finding != null) {
                errors.add(new FieldError(row, field.name(), finding.code(), finding.message()));
                quality.invalid(field);
                continue;
            }
            String text = value.asText();
            if (field.unique() && !seen.get(field.name()).add(text)) {
                errors.add(new FieldError(row, field.name(), ErrorCode.DUPLICATE,
                        field.name() + " '" + text + "' appears more than once in the submission"));
            }
            quality.valid(field, text);
            switch (field.type()) {
                case INTEGER -> out.put(field.name(), value.longValue());
                default -> out.put(field.name(), text);
            }
        }
        for (Iterator<String> names = record.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.containsKey(name)) {
                errors.add(new FieldError(row, name, ErrorCode.UNKNOWN_FIELD,
                        "'" + name + "' is not a field of " + spec.id() + "; fields are " + fields.keySet()));
            }
        }
        return errors.size() == before ? out : null;
    }

    private record Finding(String code, String message) {
    }

    /** What is wrong with a present value, or {@code null} when it satisfies the field's rule. */
    private Finding check(FieldSpec field, JsonNode value) {
        switch (field.type()) {
            case STRING -> {
                if (!value.isTextual()) {
                    return wrongType(field, "a string");
                }
                int length = value.asText().length();
                if (length < field.minLength() || length > field.maxLength()) {
                    return new Finding(ErrorCode.LENGTH, field.name() + " must be " + field.minLength() + "–" + field.maxLength()
                            + " characters long, got " + length);
                }
            }
            case CODE -> {
                if (!value.isTextual()) {
                    return wrongType(field, "a string code (e.g. \"" + field.permittedValues().get(0) + "\")");
                }
                if (!field.codeList().contains(value.asText())) {
                    return new Finding(ErrorCode.NOT_IN_CODE_LIST, "'" + value.asText() + "' is not in " + field.codeList().name() + " " + field.permittedValues());
                }
            }
            case FLAG -> {
                if (!value.isTextual()) {
                    return wrongType(field, "\"Y\" or \"N\"");
                }
                if (!"Y".equals(value.asText()) && !"N".equals(value.asText())) {
                    return new Finding(ErrorCode.NOT_IN_CODE_LIST, field.name() + " must be \"Y\" or \"N\", got '" + value.asText() + "'");
                }
            }
            case INTEGER -> {
                if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                    return wrongType(field, "a whole JSON number");
                }
                long n = value.longValue();
                if (n < field.min() || (field.max() != null && n > field.max())) {
                    return new Finding(ErrorCode.OUT_OF_RANGE, field.name() + " must be " + (field.max() == null ? "at least " + field.min()
                            : "between " + field.min() + " and " + field.max()) + ", got " + n);
                }
            }
            case DATE -> {
                if (!value.isTextual()) {
                    return wrongType(field, "an ISO date string");
                }
            }
        }
        return null;
    }

    private static Finding wrongType(FieldSpec field, String expected) {
        return new Finding(ErrorCode.WRONG_TYPE, field.name() + " must be " + expected);
    }
}
