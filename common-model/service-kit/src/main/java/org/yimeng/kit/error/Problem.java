package org.yimeng.kit.error;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.yimeng.model.ErrorCode;
import org.yimeng.model.ErrorMessages;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** An RFC 9457 problem document with the platform's stable {@code code} and, for validation, {@code violations}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "code", "instance", "violations"})
@Schema(name = "Problem", description = "RFC 9457 problem details with a stable error code")
public final class Problem {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://yimeng.local/problems/";

    public final URI type;
    public final String title;
    public final int status;
    public final String detail;
    @Schema(description = "Stable UPPER_SNAKE error code", example = "DUPLICATE_VOLUNTEER")
    public final String code;
    public final String instance;
    public final List<Violation> violations;
    private final Map<String, Object> extra = new LinkedHashMap<>();

    /** One invalid field of a request. */
    public record Violation(String field, String message) {
    }

    /** A problem with the English title (the detail as given). */
    public Problem(ErrorCode code, String detail, String instance, List<Violation> violations) {
        this(code, Locale.ENGLISH, detail, instance, violations);
    }

    /** A problem with the title in {@code language} ({@code ErrorMessages}); the detail is already in it. */
    public Problem(ErrorCode code, Locale language, String detail, String instance, List<Violation> violations) {
        this.type = URI.create(TYPE_BASE + code.name().toLowerCase().replace('_', '-'));
        this.title = ErrorMessages.title(code, language);
        this.status = code.status();
        this.detail = detail;
        this.code = code.name();
        this.instance = instance;
        this.violations = violations;
    }

    @JsonAnyGetter
    public Map<String, Object> extra() {
        return extra;
    }
}
