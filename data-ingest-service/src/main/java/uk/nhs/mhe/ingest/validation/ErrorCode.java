package uk.nhs.mhe.ingest.validation;

/** Stable codes of row-level findings; clients may switch on them. */
public final class ErrorCode {
    public static final String REQUIRED = "REQUIRED";
    public static final String WRONG_TYPE = "WRONG_TYPE";
    public static final String NOT_IN_CODE_LIST = "NOT_IN_CODE_LIST";
    public static final String OUT_OF_RANGE = "OUT_OF_RANGE";
    public static final String LENGTH = "LENGTH";
    /** A control character (NUL included), a lone surrogate or a noncharacter in a text field. */
    public static final String INVALID_CHARACTER = "INVALID_CHARACTER";
    public static final String DUPLICATE = "DUPLICATE";
    public static final String UNKNOWN_FIELD = "UNKNOWN_FIELD";
    public static final String NOT_A_RECORD = "NOT_A_RECORD";
    /** A date outside the submission's reporting month. */
    public static final String OUTSIDE_PERIOD = "OUTSIDE_PERIOD";
    /** A cross-field rule of the dataset specification failed; the message starts with the rule id. */
    public static final String CROSS_FIELD_RULE = "CROSS_FIELD_RULE";
    /** A CSV row with more or fewer cells than the header. */
    public static final String COLUMN_COUNT = "COLUMN_COUNT";

    private ErrorCode() {
    }
}
