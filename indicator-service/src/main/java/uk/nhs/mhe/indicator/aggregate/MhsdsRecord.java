package uk.nhs.mhe.indicator.aggregate;

/** An MHSDS record as carried by {@code SubmissionBatch} (consumer's copy of the producer's schema). */
public record MhsdsRecord(String personId, String ethnicCategory, String gender, int ageYears, String residenceIcb,
        Integer imdDecile, String inContact, int detentions, int ctos, int restrictiveInterventions) {
}
