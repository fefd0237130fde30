package uk.nhs.mhe.indicator.reference;

import java.util.List;

/**
 * The 20 population age bands (indicators.md): the ESP2013 five-year bands with 15–19 split at
 * 18 for children's measures.
 */
public final class AgeBands {

    public static final List<String> ALL = List.of("0-4", "5-9", "10-14", "15-17", "18-19", "20-24", "25-29",
            "30-34", "35-39", "40-44", "45-49", "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84",
            "85-89", "90+");

    private AgeBands() {
    }

    /** The band an age in whole years falls in. */
    public static String of(int ageYears) {
        if (ageYears < 0) {
            throw new IllegalArgumentException("age must be >= 0: " + ageYears);
        }
        if (ageYears >= 90) {
            return "90+";
        }
        if (ageYears >= 15 && ageYears <= 19) {
            return ageYears <= 17 ? "15-17" : "18-19";
        }
        int lower = ageYears / 5 * 5;
        return lower + "-" + (lower + 4);
    }
}
