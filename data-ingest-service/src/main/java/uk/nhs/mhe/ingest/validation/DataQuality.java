package uk.nhs.mhe.ingest.validation;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import uk.nhs.mhe.ingest.dataset.DatasetSpecification;
import uk.nhs.mhe.ingest.dataset.FieldSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-field data-quality counts in the NHS Data Quality Maturity Index categories: valid,
 * other (valid but uninformative, e.g. ethnicity Z), default (e.g. ethnicity 99), invalid and
 * missing. Counted over every record of the submission, accepted or not. The "other" and
 * "default" codes come from each field's code list in the dataset specification.
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
    private final FieldCounts[] byIndex;
    private final List<FieldSpec> specs;

    public DataQuality(DatasetSpecification spec) {
        specs = spec.fields();
        byIndex = new FieldCounts[specs.size()];
        for (int i = 0; i < specs.size(); i++) {
            byIndex[i] = new FieldCounts();
            fields.put(specs.get(i).name(), byIndex[i]);
        }
    }

    void valid(int field, String value) {
        FieldSpec spec = specs.get(field);
        FieldCounts c = byIndex[field];
        if (value != null && spec.codeList() != null && spec.codeList().other().contains(value)) {
            c.other++;
        } else if (value != null && spec.codeList() != null && spec.codeList().defaults().contains(value)) {
            c.defaultValue++;
        } else {
            c.valid++;
        }
    }

    void invalid(int field) {
        byIndex[field].invalid++;
    }

    void missing(int field) {
        byIndex[field].missing++;
    }

    public Map<String, FieldCounts> fields() {
        return fields;
    }
}
