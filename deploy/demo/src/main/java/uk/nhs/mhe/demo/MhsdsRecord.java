package uk.nhs.mhe.demo;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One MHSDS record as api.md defines it: codes and Y/N flags as strings, counts as numbers,
 * {@code imdDecile} a number or {@code null} when not known.
 */
@JsonPropertyOrder({"personId", "ethnicCategory", "gender", "ageYears", "residenceIcb", "imdDecile", "inContact",
    "detentions", "ctos", "restrictiveInterventions"})
public record MhsdsRecord(String personId, String ethnicCategory, String gender, int ageYears, String residenceIcb,
        Integer imdDecile, String inContact, int detentions, int ctos, int restrictiveInterventions) {
}
