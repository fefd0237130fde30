package uk.nhs.mhe.reference;

/** An NHS England region (7 since July 2022), e.g. {@code Y56} London. */
public record Region(String odsCode, String onsCode, String name) {
}
