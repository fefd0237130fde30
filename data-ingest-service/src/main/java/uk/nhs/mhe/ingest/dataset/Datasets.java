package uk.nhs.mhe.ingest.dataset;

import uk.nhs.mhe.reference.ReferenceData;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static uk.nhs.mhe.ingest.dataset.FieldSpec.code;
import static uk.nhs.mhe.ingest.dataset.FieldSpec.flag;
import static uk.nhs.mhe.ingest.dataset.FieldSpec.integer;
import static uk.nhs.mhe.ingest.dataset.FieldSpec.string;

/**
 * The dataset specifications this service accepts, built from the NHS code lists shipped in
 * the reference-data module (never retyped here).
 */
public final class Datasets {

    public static final String MHSDS = "MHSDS";

    private static final Map<String, DatasetSpecification> ALL = build();

    private Datasets() {
    }

    public static Optional<DatasetSpecification> find(String id) {
        return Optional.ofNullable(id).map(ALL::get);
    }

    public static Map<String, DatasetSpecification> all() {
        return ALL;
    }

    private static Map<String, DatasetSpecification> build() {
        ReferenceData ref = ReferenceData.get();
        CodeList ethnic = new CodeList("NHS ETHNIC CATEGORY", ref.ethnicCategories().keySet(), Set.of("Z"), Set.of("99"));
        CodeList gender = new CodeList("NHS GENDER IDENTITY", ref.genderIdentities().keySet(), Set.of("Z"), Set.of("X"));
        CodeList icb = new CodeList("ICB (ODS code, current boundaries)", ref.icbs().keySet(), Set.of(), Set.of());

        DatasetSpecification mhsds = new DatasetSpecification(MHSDS, "Mental Health Services Data Set",
                "one record per person in contact with the provider during the month",
                java.util.List.of(
                        string("personId", 1, 64, true, "national pseudonym of the person; unique in the submission"),
                        code("ethnicCategory", ethnic, true, "NHS ethnic category A–S, Z (not stated) or 99 (not known)"),
                        code("gender", gender, true, "gender identity code 1, 2, 3, 4, Z or X"),
                        integer("ageYears", 0, 120L, true, "age in whole years"),
                        code("residenceIcb", icb, true, "ICB of residence, ODS code"),
                        integer("imdDecile", 1, 10L, false, "IMD decile of residence, 1 = most deprived; optional"),
                        flag("inContact", "in contact with secondary mental health services in the month"),
                        integer("detentions", 0, null, true, "Mental Health Act detentions starting in the month"),
                        integer("ctos", 0, null, true, "community treatment orders starting in the month"),
                        integer("restrictiveInterventions", 0, null, true, "restrictive interventions in the month")));

        Map<String, DatasetSpecification> all = new LinkedHashMap<>();
        all.put(mhsds.id(), mhsds);
        return java.util.Collections.unmodifiableMap(all);
    }
}
