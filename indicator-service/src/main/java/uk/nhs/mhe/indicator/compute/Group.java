package uk.nhs.mhe.indicator.compute;

/** One group of a breakdown: the {@code group} value of api.md and its label. */
public record Group(String code, String label) {
}
