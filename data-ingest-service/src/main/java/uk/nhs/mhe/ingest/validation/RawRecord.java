package uk.nhs.mhe.ingest.validation;

import uk.nhs.mhe.ingest.dataset.DatasetSpecification;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One record as a reader found it, slot by slot in the specification's field order: reused for
 * every record of a submission, so streaming a million records allocates no per-record tree.
 * After {@link RecordValidator#validate} the slots of a valid record hold its normalised values
 * ({@link #INTEGER} in {@link #number}, everything else as {@link #text}, {@link #NULL} when unknown).
 */
public final class RawRecord {

    public static final byte ABSENT = 0;
    public static final byte NULL = 1;
    public static final byte TEXT = 2;
    public static final byte INTEGER = 3;
    /** A JSON number that is not a whole number fitting in 64 bits. */
    public static final byte NUMBER = 4;
    public static final byte BOOLEAN = 5;
    /** A JSON object or array where a value was expected. */
    public static final byte STRUCTURE = 6;

    final DatasetSpecification spec;
    /** Values arrive as text (CSV): numbers are parsed from their text. */
    final boolean textual;
    final byte[] kind;
    final String[] text;
    final long[] number;
    List<String> unknownFields;
    boolean notAnObject;
    String rowProblemCode;
    String rowProblemMessage;

    public RawRecord(DatasetSpecification spec, boolean textual) {
        this.spec = spec;
        this.textual = textual;
        int n = spec.fields().size();
        this.kind = new byte[n];
        this.text = new String[n];
        this.number = new long[n];
    }

    public DatasetSpecification spec() {
        return spec;
    }

    public void clear() {
        Arrays.fill(kind, ABSENT);
        Arrays.fill(text, null);
        unknownFields = null;
        notAnObject = false;
        rowProblemCode = null;
        rowProblemMessage = null;
    }

    public void text(int field, String value) {
        kind[field] = TEXT;
        text[field] = value;
    }

    public void integer(int field, long value) {
        kind[field] = INTEGER;
        number[field] = value;
    }

    public void other(int field, byte valueKind, String asText) {
        kind[field] = valueKind;
        text[field] = asText;
    }

    public void unknownField(String name) {
        if (unknownFields == null) {
            unknownFields = new ArrayList<>(2);
        }
        unknownFields.add(name);
    }

    public void notAnObject() {
        notAnObject = true;
    }

    /** A problem with the row as a whole (e.g. a CSV row with the wrong number of cells). */
    public void rowProblem(String code, String message) {
        rowProblemCode = code;
        rowProblemMessage = message;
    }

    /** The normalised kind of slot {@code field}: {@link #NULL}, {@link #TEXT} or {@link #INTEGER} once valid. */
    public byte kind(int field) {
        return kind[field];
    }

    public String text(int field) {
        return text[field];
    }

    public long number(int field) {
        return number[field];
    }
}
