package uk.nhs.mhe.reference;

/** An NHS SEXUAL ORIENTATION code. */
public record SexualOrientation(String code, String description) {
}
