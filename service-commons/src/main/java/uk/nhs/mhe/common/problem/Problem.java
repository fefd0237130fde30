package uk.nhs.mhe.common.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem detail. {@code type} is a stable URI naming the kind of problem (clients
 * switch on it); {@code detail} is for people. Validation problems list their {@code errors};
 * other members (such as {@code available} values) go in {@code extensions}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "errors"})
public record Problem(String type, String title, int status, String detail, String instance,
        List<FieldError> errors, @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** Prefix of every problem type this platform defines. */
    public static final String TYPE_PREFIX = "urn:uk:nhs:mhe:problem:";

    public static Problem of(String slug, String title, int status, String detail) {
        return new Problem(TYPE_PREFIX + slug, title, status, detail, null, null, null);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, fieldErrors, extensions);
    }

    public Problem withInstance(String uri) {
        return new Problem(type, title, status, detail, uri, errors, extensions);
    }

    public Problem with(String name, Object value) {
        Map<String, Object> more = extensions == null ? new LinkedHashMap<>() : new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new Problem(type, title, status, detail, instance, errors, more);
    }

    @JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return extensions == null ? Map.of() : extensions;
    }
}
