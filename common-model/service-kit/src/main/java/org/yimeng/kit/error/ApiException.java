package org.yimeng.kit.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yimeng.model.ErrorCode;
import org.yimeng.model.ErrorMessages;

/**
 * The one exception type for a client's mistake or a broken business rule. Mapped once to problem+json with the
 * stable {@code code}; extra properties (e.g. {@code existingId}) are added to the problem document. The detail
 * given here is the English one; {@link #detail(String, Object...)} names its words in the {@code ErrorMessages}
 * bundles ({@code CODE.detail.name}) so that a Chinese reader gets the specific detail, not only the code's generic one.
 */
public class ApiException extends RuntimeException {
    private final ErrorCode code;
    private final transient Map<String, Object> properties = new LinkedHashMap<>();
    private String messageKey;
    private transient Object[] messageArgs = new Object[0];

    public ApiException(ErrorCode code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    /** Adds a property to the problem document, e.g. the id of the record a duplicate collides with. */
    public ApiException with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    /**
     * The specific detail's bundle key {@code CODE.detail.name} and its arguments ({0}, {1}, …). For a 422 made by
     * {@link #invalid} it words the violation's message (the field stays its JSON name).
     */
    public ApiException detail(String name, Object... args) {
        this.messageKey = code.name() + ".detail." + name;
        this.messageArgs = args == null ? new Object[0] : args.clone();
        return this;
    }

    /** The bundle key of the specific detail, or null when only the English text and the generic detail exist. */
    public String messageKey() {
        return messageKey;
    }

    public Object[] messageArgs() {
        return messageArgs.clone();
    }

    /** The detail in {@code language}: the specific words when the bundle has them, else English or the generic one. */
    public String detailIn(java.util.Locale language) {
        List<Problem.Violation> v = violationsIn(language);
        if (v != null && v.size() == 1 && ErrorMessages.isChinese(language)) {
            return v.get(0).field() + "：" + v.get(0).message();
        }
        return ErrorMessages.detail(code, language, getMessage(), messageKey, messageArgs);
    }

    /** The violations in {@code language} (a one-field 422 made by {@link #invalid} is worded), or null. */
    public List<Problem.Violation> violationsIn(java.util.Locale language) {
        if (!(properties.get(VIOLATIONS) instanceof List<?> list)) {
            return null;
        }
        List<Problem.Violation> out = new java.util.ArrayList<>();
        for (Object o : list) {
            Problem.Violation given = (Problem.Violation) o;
            if (list.size() == 1 && ErrorMessages.isChinese(language)) {
                String specific = messageKey == null ? null : ErrorMessages.text(language, messageKey, messageArgs);
                given = new Problem.Violation(given.field(),
                        specific != null ? specific : ErrorMessages.text(language, "VALIDATION_FAILED.detail.invalid"));
            }
            out.add(given);
        }
        return out;
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    /** 404 naming the kind of record ({@code NOT_FOUND.detail.<what>} words it in Chinese) and its id. */
    public static ApiException notFound(String what, Object id) {
        return new ApiException(ErrorCode.NOT_FOUND, what + " " + id + " not found").detail(what.replace(' ', '_'), id);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(ErrorCode.FORBIDDEN, detail);
    }

    /** A 422 VALIDATION_FAILED naming one field, for rules Bean Validation cannot express. */
    public static ApiException invalid(String field, String message) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, field + ": " + message)
                .with(VIOLATIONS, List.of(new Problem.Violation(field, message)));
    }

    static final String VIOLATIONS = "violations";
}
