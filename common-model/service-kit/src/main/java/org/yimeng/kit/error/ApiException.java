package org.yimeng.kit.error;

import java.util.LinkedHashMap;
import java.util.Map;

import org.yimeng.model.ErrorCode;

/**
 * The one exception type for a client's mistake or a broken business rule. Mapped once to problem+json with the
 * stable {@code code}; extra properties (e.g. {@code existingId}) are added to the problem document.
 */
public class ApiException extends RuntimeException {
    private final ErrorCode code;
    private final transient Map<String, Object> properties = new LinkedHashMap<>();

    public ApiException(ErrorCode code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    /** Adds a property to the problem document, e.g. the id of the record a duplicate collides with. */
    public ApiException with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    public static ApiException notFound(String what, Object id) {
        return new ApiException(ErrorCode.NOT_FOUND, what + " " + id + " not found");
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(ErrorCode.FORBIDDEN, detail);
    }

    /** A 422 VALIDATION_FAILED naming one field, for rules Bean Validation cannot express. */
    public static ApiException invalid(String field, String message) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, field + ": " + message)
                .with(VIOLATIONS, java.util.List.of(new Problem.Violation(field, message)));
    }

    static final String VIOLATIONS = "violations";
}
