package uk.nhs.mhe.reference;

/**
 * An NHS ETHNIC CATEGORY code with its broad group as the NHS Data Dictionary groups it
 * (Chinese, {@code R}, sits in Other; ONS would put it under Asian).
 */
public record EthnicCategory(String code, String description, String broadGroup) {

    /** A–S are the valid, stated categories; {@code Z} is "not stated" and {@code 99} "not known". */
    public boolean isStated() {
        return code.length() == 1 && !"Z".equals(code);
    }
}
