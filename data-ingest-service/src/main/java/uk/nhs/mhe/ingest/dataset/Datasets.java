package uk.nhs.mhe.ingest.dataset;

import uk.nhs.mhe.reference.ReferenceData;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static uk.nhs.mhe.ingest.dataset.CrossFieldRule.Expect.ABSENT;
import static uk.nhs.mhe.ingest.dataset.CrossFieldRule.Expect.PRESENT;
import static uk.nhs.mhe.ingest.dataset.CrossFieldRule.Op.EQUALS;
import static uk.nhs.mhe.ingest.dataset.CrossFieldRule.Op.NOT_EQUALS;
import static uk.nhs.mhe.ingest.dataset.CrossFieldRule.rule;
import static uk.nhs.mhe.ingest.dataset.FieldSpec.code;
import static uk.nhs.mhe.ingest.dataset.FieldSpec.dateInPeriod;
import static uk.nhs.mhe.ingest.dataset.FieldSpec.flag;
import static uk.nhs.mhe.ingest.dataset.FieldSpec.integer;
import static uk.nhs.mhe.ingest.dataset.FieldSpec.string;

/**
 * The dataset specifications this service accepts, built from the NHS code lists shipped in
 * the reference-data module (never retyped here). This is the only place fields and rules are
 * written down: the validator executes them and {@code GET /api/v1/datasets} publishes them.
 */
public final class Datasets {

    public static final String MHSDS = "MHSDS";
    public static final String TALKING_THERAPIES = "TALKING_THERAPIES";

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
        CodeList orientation = new CodeList("NHS SEXUAL ORIENTATION", ref.sexualOrientations().keySet(),
                Set.of("U", "Z"), Set.of("9"));

        DatasetSpecification mhsds = new DatasetSpecification(MHSDS, "Mental Health Services Data Set",
                "one record per person in contact with the provider during the month",
                List.of(
                        string("personId", 1, 64, true, "national pseudonym of the person; unique in the submission"),
                        code("ethnicCategory", ethnic, true, "NHS ethnic category A–S, Z (not stated) or 99 (not known)"),
                        code("gender", gender, true, "gender identity code 1, 2, 3, 4, Z or X"),
                        integer("ageYears", 0, 120L, true, "age in whole years"),
                        code("residenceIcb", icb, true, "ICB of residence, ODS code"),
                        integer("imdDecile", 1, 10L, false, "IMD decile of residence, 1 = most deprived; optional"),
                        flag("inContact", "in contact with secondary mental health services in the month"),
                        integer("detentions", 0, 31L, true, "Mental Health Act detentions starting in the month (at most one a day)"),
                        integer("ctos", 0, 31L, true, "community treatment orders starting in the month (at most one a day)"),
                        integer("restrictiveInterventions", 0, 1_000L, true, "restrictive interventions in the month")),
                List.of());

        DatasetSpecification talkingTherapies = new DatasetSpecification(TALKING_THERAPIES,
                "NHS Talking Therapies for anxiety and depression",
                "one record per referral received during the month",
                List.of(
                        string("referralId", 1, 64, true, "the referral's identifier; unique in the submission"),
                        string("personId", 1, 64, false, "national pseudonym of the person (a person may have several referrals)"),
                        code("ethnicCategory", ethnic, true, "NHS ethnic category A–S, Z (not stated) or 99 (not known)"),
                        code("gender", gender, true, "gender identity code 1, 2, 3, 4, Z or X"),
                        integer("ageYears", 0, 120L, true, "age in whole years at referral"),
                        code("residenceIcb", icb, true, "ICB of residence, ODS code"),
                        integer("imdDecile", 1, 10L, false, "IMD decile of residence, 1 = most deprived; optional"),
                        code("sexualOrientation", orientation, true,
                                "sexual orientation 1, 2, 3, 4, U (unsure), Z (not stated) or 9 (not known)"),
                        dateInPeriod("referralDate", true, "date the referral was received, inside the reporting month"),
                        flag("enteredTreatment", "had at least one treatment appointment"),
                        flag("finishedCourse", "finished a course of treatment (two or more treatment appointments)"),
                        flag("casenessAtStart", false, "at caseness on the first treatment appointment; required when enteredTreatment=Y"),
                        flag("casenessAtEnd", false, "at caseness at the end of the course; Y only when finishedCourse=Y"),
                        flag("reliableImprovement", false, "showed reliable improvement; Y only when finishedCourse=Y"),
                        integer("daysToFirstTreatment", 0, 3_660L, false,
                                "days from referral to first treatment; given when, and only when, enteredTreatment=Y")),
                List.of(
                        rule("TT1", "finishedCourse", "finishedCourse=Y requires enteredTreatment=Y",
                                "finishedCourse", EQUALS, "Y", "enteredTreatment", CrossFieldRule.Expect.EQUALS, "Y"),
                        rule("TT2", "casenessAtStart", "casenessAtStart is required when enteredTreatment=Y",
                                "enteredTreatment", EQUALS, "Y", "casenessAtStart", PRESENT, null),
                        rule("TT3", "casenessAtEnd", "casenessAtEnd is Y only when finishedCourse=Y",
                                "casenessAtEnd", EQUALS, "Y", "finishedCourse", CrossFieldRule.Expect.EQUALS, "Y"),
                        rule("TT4", "reliableImprovement", "reliableImprovement is Y only when finishedCourse=Y",
                                "reliableImprovement", EQUALS, "Y", "finishedCourse", CrossFieldRule.Expect.EQUALS, "Y"),
                        rule("TT5", "daysToFirstTreatment", "daysToFirstTreatment is required when enteredTreatment=Y",
                                "enteredTreatment", EQUALS, "Y", "daysToFirstTreatment", PRESENT, null),
                        rule("TT6", "daysToFirstTreatment", "daysToFirstTreatment is given only when enteredTreatment=Y",
                                "enteredTreatment", NOT_EQUALS, "Y", "daysToFirstTreatment", ABSENT, null)));

        Map<String, DatasetSpecification> all = new LinkedHashMap<>();
        all.put(mhsds.id(), mhsds);
        all.put(talkingTherapies.id(), talkingTherapies);
        return Collections.unmodifiableMap(all);
    }
}
