package uk.nhs.mhe.indicator.period;

import java.util.Arrays;
import java.util.Optional;

/** Kinds of reporting period, with the names the API uses ({@code month}, {@code FY}, {@code R12}). */
public enum PeriodType {
    MONTH("month"), FY("FY"), R12("R12");

    private final String apiName;

    PeriodType(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    public static Optional<PeriodType> fromApiName(String name) {
        return Arrays.stream(values()).filter(t -> t.apiName.equalsIgnoreCase(name == null ? "" : name.trim())).findFirst();
    }
}
