package uk.nhs.mhe.ingest.dataset;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dataset's record layout: its fields (types, ranges, code lists, uniqueness) and its
 * cross-field rules. The validator, the data-quality summary, the CSV header check and
 * {@code GET /api/v1/datasets} all read this one definition.
 */
public record DatasetSpecification(String id, String name, String recordDescription, List<FieldSpec> fields,
        List<CrossFieldRule> rules) {

    public DatasetSpecification {
        fields = List.copyOf(fields);
        rules = List.copyOf(rules);
        for (CrossFieldRule r : rules) {
            if (indexIn(fields, r.when().field()) < 0 || indexIn(fields, r.then().field()) < 0
                    || indexIn(fields, r.field()) < 0) {
                throw new IllegalArgumentException("Rule " + r.id() + " names a field " + id + " does not have");
            }
        }
    }

    @JsonIgnore
    public Map<String, FieldSpec> fieldsByName() {
        Map<String, FieldSpec> byName = new LinkedHashMap<>();
        fields.forEach(f -> byName.put(f.name(), f));
        return byName;
    }

    /** Position of a field in {@link #fields()}, or -1. */
    public int indexOf(String field) {
        return indexIn(fields, field);
    }

    private static int indexIn(List<FieldSpec> fields, String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
