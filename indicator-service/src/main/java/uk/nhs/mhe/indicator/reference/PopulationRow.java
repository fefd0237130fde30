package uk.nhs.mhe.indicator.reference;

/** One stratum of the population table; {@code imdDecile} is null when the upload has no IMD column. */
public record PopulationRow(String areaCode, String ethnicCategory, String ageBand, int sex, Integer imdDecile,
        long population) {
}
