package uk.nhs.mhe.ingest.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import uk.nhs.mhe.common.problem.FieldError;
import uk.nhs.mhe.ingest.dataset.CrossFieldRule;
import uk.nhs.mhe.ingest.dataset.DatasetSpecification;
import uk.nhs.mhe.ingest.dataset.FieldSpec;
import uk.nhs.mhe.ingest.dataset.FieldType;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Iterator;
import java.util.List;

/**
 * Checks one record at a time against a {@link DatasetSpecification}: presence, type, code
 * lists, ranges, lengths, dates inside the reporting month, uniqueness within the submission,
 * the specification's cross-field rules and unknown fields. Nothing here knows a particular
 * dataset: every rule comes from the specification. A valid record is left normalised in its
 * {@link RawRecord}. Stateful (uniqueness, data quality): one instance per submission; close it.
 */
public final class RecordValidator implements AutoCloseable {

    private final DatasetSpecification spec;
    private final FieldSpec[] fields;
    private final YearMonth period;
    private final UniqueValues[] unique;
    private final int[][] rules; // {when, then, reported} field indexes per rule
    private final boolean[] fieldFailed;
    private final DataQuality quality;

    public RecordValidator(DatasetSpecification spec) {
        this(spec, null);
    }

    /** {@code period} is the reporting month dates must fall in ({@code null}: not checked). */
    public RecordValidator(DatasetSpecification spec, YearMonth period) {
        this.spec = spec;
        this.fields = spec.fields().toArray(FieldSpec[]::new);
        this.period = period;
        this.quality = new DataQuality(spec);
        this.unique = new UniqueValues[fields.length];
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].unique()) {
                unique[i] = new UniqueValues();
            }
        }
        this.rules = new int[spec.rules().size()][];
        for (int r = 0; r < rules.length; r++) {
            CrossFieldRule rule = spec.rules().get(r);
            rules[r] = new int[] {spec.indexOf(rule.when().field()), spec.indexOf(rule.then().field()),
                    spec.indexOf(rule.field())};
        }
        this.fieldFailed = new boolean[fields.length];
    }

    public DataQuality quality() {
        return quality;
    }

    public DatasetSpecification spec() {
        return spec;
    }

    /**
     * Validates {@code record} (row 1-based); adds findings to {@code errors} and returns whether
     * the record is valid. A valid record's slots then hold its normalised values.
     */
    public boolean validate(long row, RawRecord record, List<FieldError> errors) {
        if (record.notAnObject) {
            errors.add(new FieldError(row, null, ErrorCode.NOT_A_RECORD, "Each record must be a JSON object"));
            return false;
        }
        if (record.rowProblemCode != null) {
            errors.add(new FieldError(row, null, record.rowProblemCode, record.rowProblemMessage));
            return false;
        }
        int before = errors.size();
        for (int i = 0; i < fields.length; i++) {
            FieldSpec field = fields[i];
            byte kind = record.kind[i];
            fieldFailed[i] = false;
            if (kind == RawRecord.ABSENT || kind == RawRecord.NULL || (kind == RawRecord.TEXT && record.text[i].isEmpty())) {
                if (field.required()) {
                    errors.add(new FieldError(row, field.name(), ErrorCode.REQUIRED, field.name() + " is required"));
                    fieldFailed[i] = true;
                }
                quality.missing(i);
                record.kind[i] = RawRecord.NULL;
                record.text[i] = null;
                continue;
            }
            String problem = check(field, i, record);
            if (problem != null) {
                errors.add(new FieldError(row, field.name(), problemCode, problem));
                quality.invalid(i);
                fieldFailed[i] = true;
                continue;
            }
            if (unique[i] != null && !unique[i].add(record.text[i])) {
                errors.add(new FieldError(row, field.name(), ErrorCode.DUPLICATE,
                        field.name() + " '" + printable(record.text[i], 100) + "' appears more than once in the submission"));
            }
            quality.valid(i, field.type() == FieldType.INTEGER ? null : record.text[i]);
        }
        for (int r = 0; r < rules.length; r++) {
            int when = rules[r][0];
            int then = rules[r][1];
            if (fieldFailed[when] || fieldFailed[then]) {
                continue;
            }
            CrossFieldRule rule = spec.rules().get(r);
            if (applies(rule.when(), record, when) && !satisfied(rule.then(), record, then)) {
                errors.add(new FieldError(row, rule.field(), ErrorCode.CROSS_FIELD_RULE,
                        rule.id() + ": " + rule.description()));
            }
        }
        if (record.unknownFields != null) {
            for (String name : record.unknownFields) {
                errors.add(new FieldError(row, name, ErrorCode.UNKNOWN_FIELD,
                        "'" + printable(name, 100) + "' is not a field of " + spec.id() + "; fields are " + spec.fieldsByName().keySet()));
            }
        }
        return errors.size() == before;
    }

    private static String valueOf(RawRecord record, int i) {
        return record.kind[i] == RawRecord.NULL ? null
                : record.kind[i] == RawRecord.INTEGER ? Long.toString(record.number[i]) : record.text[i];
    }

    private static boolean applies(CrossFieldRule.Condition when, RawRecord record, int i) {
        String v = valueOf(record, i);
        return switch (when.op()) {
            case EQUALS -> when.value().equals(v);
            case NOT_EQUALS -> !when.value().equals(v);
        };
    }

    private static boolean satisfied(CrossFieldRule.Requirement then, RawRecord record, int i) {
        String v = valueOf(record, i);
        return switch (then.expect()) {
            case EQUALS -> then.value().equals(v);
            case PRESENT -> v != null;
            case ABSENT -> v == null;
        };
    }

    private String problemCode;

    /**
     * The index of the first character no identifier may hold, or -1: control characters (NUL,
     * tab, line breaks, DEL, the C1 controls), lone surrogate halves (text that was not valid
     * UTF-16, e.g. invalid UTF-8 decoded leniently) and the noncharacters U+FFFE and U+FFFF.
     * PostgreSQL refuses a NUL in text, so a NUL accepted here could never be counted later.
     */
    static int firstUnprintable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\uFFFE' || c == '\uFFFF') {
                return i;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@code text} safe to store and show: each character {@link #firstUnprintable} objects to
     * written as {@code \\uXXXX}, and cut to {@code max} characters. A finding's message quotes
     * what the provider sent, and a field name may be anything a JSON key can hold; PostgreSQL
     * refuses a NUL in text, so an unescaped one would turn a 400 into a 500.
     */
    public static String printable(String text, int max) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 16);
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isISOControl(c) || Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.length() < max || text.length() <= max ? out.toString() : out + "…";
    }

    /** What is wrong with a present value (setting {@link #problemCode}), or {@code null}; normalises the slot. */
    private String check(FieldSpec field, int i, RawRecord record) {
        byte kind = record.kind[i];
        String text = record.text[i];
        switch (field.type()) {
            case STRING -> {
                if (kind != RawRecord.TEXT) {
                    return wrongType(field, "a string");
                }
                int length = text.length();
                if (length < field.minLength() || length > field.maxLength()) {
                    problemCode = ErrorCode.LENGTH;
                    return field.name() + " must be " + field.minLength() + "–" + field.maxLength()
                            + " characters long, got " + length;
                }
                if (text.isBlank()) {
                    problemCode = ErrorCode.REQUIRED;
                    return field.name() + " must not be blank";
                }
                int bad = firstUnprintable(text);
                if (bad >= 0) {
                    problemCode = ErrorCode.INVALID_CHARACTER;
                    return field.name() + " has a control or invalid character (U+"
                            + String.format("%04X", (int) text.charAt(bad)) + ") at position " + (bad + 1)
                            + "; only printable characters are allowed";
                }
            }
            case CODE -> {
                if (kind != RawRecord.TEXT) {
                    return wrongType(field, "a string code (e.g. \"" + field.permittedValues().get(0) + "\")");
                }
                if (!field.codeList().contains(text)) {
                    problemCode = ErrorCode.NOT_IN_CODE_LIST;
                    return "'" + printable(text, 100) + "' is not in " + field.codeList().name() + " " + field.permittedValues();
                }
            }
            case FLAG -> {
                if (kind != RawRecord.TEXT) {
                    return wrongType(field, "\"Y\" or \"N\"");
                }
                if (!"Y".equals(text) && !"N".equals(text)) {
                    problemCode = ErrorCode.NOT_IN_CODE_LIST;
                    return field.name() + " must be \"Y\" or \"N\", got '" + printable(text, 100) + "'";
                }
            }
            case INTEGER -> {
                long n;
                if (kind == RawRecord.INTEGER) {
                    n = record.number[i];
                } else if (kind == RawRecord.TEXT && record.textual) {
                    if (!isWholeNumber(text)) {
                        return wrongType(field, "a whole number");
                    }
                    n = Long.parseLong(text);
                    record.kind[i] = RawRecord.INTEGER;
                    record.number[i] = n;
                } else {
                    return wrongType(field, record.textual ? "a whole number" : "a whole JSON number");
                }
                if (n < field.min() || (field.max() != null && n > field.max())) {
                    problemCode = ErrorCode.OUT_OF_RANGE;
                    return field.name() + " must be " + (field.max() == null ? "at least " + field.min()
                            : "between " + field.min() + " and " + field.max()) + ", got " + n;
                }
            }
            case DATE -> {
                if (kind != RawRecord.TEXT) {
                    return wrongType(field, "an ISO date string yyyy-MM-dd");
                }
                LocalDate date = isoDate(text);
                if (date == null) {
                    return wrongType(field, "an ISO date yyyy-MM-dd, got '" + printable(text, 100) + "'");
                }
                if (period != null && !YearMonth.from(date).equals(period)) {
                    problemCode = ErrorCode.OUTSIDE_PERIOD;
                    return field.name() + " " + text + " is outside the reporting period " + period;
                }
            }
        }
        return null;
    }

    private static boolean isWholeNumber(String s) {
        int start = s.startsWith("-") ? 1 : 0;
        if (s.length() == start || s.length() - start > 18) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static LocalDate isoDate(String s) {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return null;
        }
        for (int i = 0; i < 10; i++) {
            if (i != 4 && i != 7 && (s.charAt(i) < '0' || s.charAt(i) > '9')) {
                return null;
            }
        }
        try {
            return LocalDate.of(Integer.parseInt(s, 0, 4, 10), Integer.parseInt(s, 5, 7, 10), Integer.parseInt(s, 8, 10, 10));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private String wrongType(FieldSpec field, String expected) {
        problemCode = ErrorCode.WRONG_TYPE;
        return field.name() + " must be " + expected;
    }

    /**
     * Convenience for tests and small callers: validates a JSON tree and returns the normalised
     * record, or {@code null} when the row has any finding.
     */
    public ObjectNode validate(long row, JsonNode json, List<FieldError> errors) {
        RawRecord record = new RawRecord(spec, false);
        fill(json, record);
        if (!validate(row, record, errors)) {
            return null;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < fields.length; i++) {
            switch (record.kind[i]) {
                case RawRecord.NULL -> out.putNull(fields[i].name());
                case RawRecord.INTEGER -> out.put(fields[i].name(), record.number[i]);
                default -> out.put(fields[i].name(), record.text[i]);
            }
        }
        return out;
    }

    /** Copies a JSON tree into a record's slots, as the streaming JSON reader would. */
    public static void fill(JsonNode json, RawRecord record) {
        record.clear();
        if (json == null || !json.isObject()) {
            record.notAnObject();
            return;
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            int i = record.spec.indexOf(name);
            if (i < 0) {
                record.unknownField(name);
                continue;
            }
            JsonNode v = json.get(name);
            if (v.isNull()) {
                record.other(i, RawRecord.NULL, null);
            } else if (v.isTextual()) {
                record.text(i, v.asText());
            } else if (v.isIntegralNumber() && v.canConvertToLong()) {
                record.integer(i, v.longValue());
            } else if (v.isNumber()) {
                record.other(i, RawRecord.NUMBER, v.asText());
            } else if (v.isBoolean()) {
                record.other(i, RawRecord.BOOLEAN, v.asText());
            } else {
                record.other(i, RawRecord.STRUCTURE, null);
            }
        }
    }

    @Override
    public void close() {
        for (UniqueValues u : unique) {
            if (u != null) {
                u.close();
            }
        }
    }
}
