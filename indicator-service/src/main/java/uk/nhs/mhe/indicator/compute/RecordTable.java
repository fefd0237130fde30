package uk.nhs.mhe.indicator.compute;

import java.util.List;
import java.util.Set;

/** Where each dataset's records are kept, and their columns. */
public enum RecordTable {
    MHSDS("mhsds_record", "person_id",
            List.of("person_id", "ethnic_category", "gender", "age_years", "residence_icb", "imd_decile", "period",
                    "provider", "detentions", "ctos", "restrictive_interventions"),
            List.of("in_contact")),
    TALKING_THERAPIES("tt_record", "referral_id",
            List.of("referral_id", "person_id", "ethnic_category", "gender", "age_years", "residence_icb", "imd_decile",
                    "sexual_orientation", "period", "provider", "days_to_first_treatment"),
            List.of("entered_treatment", "finished_course", "caseness_at_start", "caseness_at_end",
                    "reliable_improvement"));

    private final String table;
    private final String tieBreak;
    private final List<String> valueColumns;
    private final List<String> booleanColumns;

    RecordTable(String table, String tieBreak, List<String> valueColumns, List<String> booleanColumns) {
        this.table = table;
        this.tieBreak = tieBreak;
        this.valueColumns = valueColumns;
        this.booleanColumns = booleanColumns;
    }

    public static RecordTable of(String dataset) {
        return valueOf(dataset);
    }

    public String table() {
        return table;
    }

    /** Orders one person's records within a month and provider, so the chosen record is always the same. */
    public String tieBreak() {
        return tieBreak;
    }

    public List<String> valueColumns() {
        return valueColumns;
    }

    public List<String> booleanColumns() {
        return booleanColumns;
    }

    public boolean hasSexualOrientation() {
        return valueColumns.contains("sexual_orientation");
    }

    public CountRules rules() {
        Set<String> all = new java.util.HashSet<>(valueColumns);
        all.addAll(booleanColumns);
        return new CountRules(all, Set.copyOf(booleanColumns));
    }
}
