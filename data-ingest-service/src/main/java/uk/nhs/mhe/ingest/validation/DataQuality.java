package uk.nhs.mhe.ingest.validation;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import uk.nhs.mhe.ingest.dataset.DatasetSpecification;
import uk.nhs.mhe.ingest.dataset.FieldSpec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-field data-quality counts in the NHS Data Quality Maturity Index categories: valid,
 * other (valid but uninformative, e.g. ethnicity Z), default (e.g. ethnicity 99), invalid and
 * missing. Counted over every record of the submission, accepted or not.
 */
public final class DataQuality {

    /** Counts for one field. */
    @JsonPropertyOrder({"valid", "other", "defaultValue", "invalid", "missing", "validPercent"})
    public static final class FieldCounts {
        public long valid;
        public long other;
        public long defaultValue;
        public long invalid;
        public long missing;

        /** Share of records with a valid, informative value, as a percentage (null when no records). */
        public Double getValidPercent() {
            long total = valid + other + defaultValue + invalid + missing;
            return total == 0 ? null : Math.round(valid * 10000.0 / total) / 100.0;
        }
    }

    private final Map<String, FieldCounts> fields = new LinkedHashMap<>();

    public DataQuality(DatasetSpecification spec) {
        spec.fields().forEach(f -> fields.put(f.name(), new FieldCounts()));
    }

    void valid(FieldSpec field, String value) {
        FieldCounts c = fields.get(field.name());
        if (field.codeList() != null && field.codeList().other().contains(value)) {
            c.other++;
        } else if (field.codeList() != null && field.codeList().defaults().contains(value)) {
            c.defaultValue++;
        } else {
            c.valid++;
        }
    }

    void invalid(FieldSpec field) {
        fields.get(field.name()).invalid++;
    }

    void missing(FieldSpec field) {
        fields.get(field.name()).missing++;
    }

    public Map<String, FieldCounts> fields() {
        return fields;
    }
}
