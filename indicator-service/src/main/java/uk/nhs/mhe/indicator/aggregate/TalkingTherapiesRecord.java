package uk.nhs.mhe.indicator.aggregate;

/** A Talking Therapies referral as carried by {@code SubmissionBatch} (consumer's copy of the producer's schema). */
public record TalkingTherapiesRecord(String referralId, String personId, String ethnicCategory, String gender,
        int ageYears, String residenceIcb, Integer imdDecile, String sexualOrientation, String referralDate,
        String enteredTreatment, String finishedCourse, String casenessAtStart, String casenessAtEnd,
        String reliableImprovement, Integer daysToFirstTreatment) {
}
