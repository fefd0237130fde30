package uk.nhs.mhe.indicator.reference;

/** Levels of the area hierarchy: England → 7 regions → 42 ICBs (residence); providers sit under an ICB. */
public enum AreaType {
    ENGLAND, REGION, ICB, PROVIDER
}
