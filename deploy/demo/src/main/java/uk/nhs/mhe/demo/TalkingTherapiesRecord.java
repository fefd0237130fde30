package uk.nhs.mhe.demo;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One TALKING_THERAPIES record (one referral) as api.md defines it: codes and Y/N flags as
 * strings, {@code referralDate} an ISO date, numbers as numbers, and {@code null} for an optional
 * value that does not apply or is not known.
 */
@JsonPropertyOrder({"referralId", "personId", "ethnicCategory", "gender", "ageYears", "residenceIcb", "imdDecile",
    "sexualOrientation", "referralDate", "enteredTreatment", "finishedCourse", "casenessAtStart", "casenessAtEnd",
    "reliableImprovement", "daysToFirstTreatment"})
public record TalkingTherapiesRecord(String referralId, String personId, String ethnicCategory, String gender,
        int ageYears, String residenceIcb, Integer imdDecile, String sexualOrientation, String referralDate,
        String enteredTreatment, String finishedCourse, String casenessAtStart, String casenessAtEnd,
        String reliableImprovement, Integer daysToFirstTreatment) {
}
