package uk.nhs.mhe.ingest.dataset;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dataset's record layout: its fields (types, ranges, code lists, uniqueness). The validator,
 * the data-quality summary and {@code GET /api/v1/datasets} all read this one definition.
 */
public record DatasetSpecification(String id, String name, String recordDescription, List<FieldSpec> fields) {

    @JsonIgnore
    public Map<String, FieldSpec> fieldsByName() {
        Map<String, FieldSpec> byName = new LinkedHashMap<>();
        fields.forEach(f -> byName.put(f.name(), f));
        return byName;
    }
}
