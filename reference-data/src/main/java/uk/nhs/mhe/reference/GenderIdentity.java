package uk.nhs.mhe.reference;

/**
 * An NHS GENDER IDENTITY code. {@code sexForRates} is 1 or 2 where the code maps to a sex in the
 * population table, and {@code null} where it does not (non-binary, other, not stated, not known).
 */
public record GenderIdentity(String code, String description, Integer sexForRates) {
}
