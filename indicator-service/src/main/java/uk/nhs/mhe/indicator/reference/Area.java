package uk.nhs.mhe.indicator.reference;

/** An area indicators are reported for; {@code code} is the ODS code, or {@code ENGLAND}. */
public record Area(String code, String onsCode, String name, AreaType type, String parent) {
}
