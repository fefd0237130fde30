package uk.nhs.mhe.ingest.dataset;

/**
 * A rule between two fields of one record, declared as data: the validator executes it and
 * {@code GET /api/v1/datasets} publishes it, so the rule exists once. It reads "when
 * {@code when.field} {@code when.op} {@code when.value}, then {@code then.field} must
 * {@code then.expect} ({@code then.value})". {@code field} is the field a finding names.
 * A rule is checked only when both of its fields passed their own field-level checks.
 */
public record CrossFieldRule(String id, String field, String description, Condition when, Requirement then) {

    public enum Op {
        /** the field has this value */
        EQUALS,
        /** the field is missing or has another value */
        NOT_EQUALS
    }

    public enum Expect {
        /** the field must have this value */
        EQUALS,
        /** the field must be given */
        PRESENT,
        /** the field must be left empty */
        ABSENT
    }

    public record Condition(String field, Op op, String value) {
    }

    public record Requirement(String field, Expect expect, String value) {
    }

    public static CrossFieldRule rule(String id, String field, String description, String whenField, Op op,
            String whenValue, String thenField, Expect expect, String thenValue) {
        return new CrossFieldRule(id, field, description, new Condition(whenField, op, whenValue),
                new Requirement(thenField, expect, thenValue));
    }
}
