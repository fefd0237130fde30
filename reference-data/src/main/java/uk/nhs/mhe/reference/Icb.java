package uk.nhs.mhe.reference;

/** An Integrated Care Board (42 since July 2022), with the region it belongs to. */
public record Icb(String odsCode, String onsCode, String name, String regionOdsCode) {
}
