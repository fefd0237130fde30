package uk.nhs.mhe.common.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One validation finding: {@code row} is 1-based over data records (the CSV header is not a
 * row), {@code null} for an envelope field such as {@code provider} or {@code period}.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FieldError(Long row, String field, String code, String message) {

    public static FieldError envelope(String field, String code, String message) {
        return new FieldError(null, field, code, message);
    }
}
