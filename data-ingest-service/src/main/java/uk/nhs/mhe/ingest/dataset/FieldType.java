package uk.nhs.mhe.ingest.dataset;

/** How a field is written: JSON strings for identifiers, codes and flags; JSON numbers for counts. */
public enum FieldType {
    /** Free identifier, e.g. a pseudonymised person id. */
    STRING,
    /** A code from a code list; always a string, even when it looks like a number ("99"). */
    CODE,
    /** A whole number within a range. */
    INTEGER,
    /** Y or N. */
    FLAG,
    /** An ISO date (yyyy-MM-dd) inside the reporting period. */
    DATE
}
