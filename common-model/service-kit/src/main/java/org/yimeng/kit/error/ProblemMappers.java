package org.yimeng.kit.error;

import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.yimeng.kit.i18n.Language;
import org.yimeng.model.ErrorCode;
import org.yimeng.model.ErrorMessages;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Every error leaves the services as problem+json with a stable code: business rules, validation, unreadable
 * JSON, auth, unknown paths, and — without any internals — the unexpected.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri) {
        Locale lang = Language.ofRequest();
        Problem problem = new Problem(e.code(), lang, e.detailIn(lang), path(uri), e.violationsIn(lang));
        e.properties().forEach((k, val) -> {
            if (!ApiException.VIOLATIONS.equals(k)) {
                problem.extra().put(k, val);
            }
        });
        return respond(problem);
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        Locale lang = Language.ofRequest();
        List<Problem.Violation> violations = new ArrayList<>();
        for (ConstraintViolation<?> cv : e.getConstraintViolations()) {
            violations.add(new Problem.Violation(field(cv.getPropertyPath()), cv.getMessage()));
        }
        violations.sort(java.util.Comparator.comparing(Problem.Violation::field));
        String sep = ErrorMessages.isChinese(lang) ? "：" : ": ";
        String detail = violations.size() == 1
                ? violations.get(0).field() + sep + violations.get(0).message()
                : text(lang, ErrorCode.VALIDATION_FAILED, violations.size() + " fields are invalid", "fields",
                        violations.size());
        return respond(new Problem(ErrorCode.VALIDATION_FAILED, lang, detail, path(uri), violations));
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        return respond(jsonProblem(e, path(uri)));
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return respond(jsonProblem(e, path(uri)));
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return respond(problem(ErrorCode.UNAUTHORIZED, "A valid bearer token is required", "missing", path(uri)));
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return respond(problem(ErrorCode.UNAUTHORIZED, "The bearer token is invalid or expired", "invalid", path(uri)));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(problem(ErrorCode.FORBIDDEN, "Your role may not do this", "role", path(uri)));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException jpe) {
            return respond(jsonProblem(jpe, path(uri)));
        }
        int status = e.getResponse().getStatus();
        ErrorCode code = switch (status) {
            case 400 -> ErrorCode.MALFORMED_REQUEST;
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            default -> status < 500 ? ErrorCode.MALFORMED_REQUEST : ErrorCode.INTERNAL_ERROR;
        };
        if (code == ErrorCode.INTERNAL_ERROR) {
            return unexpected(e, uri);
        }
        Locale lang = Language.ofRequest();
        String detail = switch (code) {
            case NOT_FOUND -> text(lang, code, "No resource at " + path(uri), "path", path(uri));
            case METHOD_NOT_ALLOWED -> text(lang, code, "This method is not allowed on " + path(uri), "path", path(uri));
            case UNSUPPORTED_MEDIA_TYPE -> text(lang, code, "Send application/json", null);
            case NOT_ACCEPTABLE -> text(lang, code, "The requested media type is not offered here", null);
            case PAYLOAD_TOO_LARGE -> text(lang, code, "The body is too large", null);
            default -> text(lang, ErrorCode.MALFORMED_REQUEST, "The request could not be read", "unreadable");
        };
        return respond(new Problem(code, lang, detail, path(uri), null));
    }

    @ServerExceptionMapper({OptimisticLockException.class, PessimisticLockException.class})
    public Response concurrentChange(RuntimeException e, UriInfo uri) {
        return respond(problem(ErrorCode.CONFLICT, "The record was changed concurrently; try again", null, path(uri)));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (isUnavailable(e)) {
            LOG.warnf("database unavailable on %s: %s", path(uri), e.getClass().getSimpleName());
            return respond(problem(ErrorCode.SERVICE_UNAVAILABLE, "A backing service is unavailable; try again shortly",
                    null, path(uri)));
        }
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error %s on %s", id, path(uri));
        Locale lang = Language.ofRequest();
        return respond(new Problem(ErrorCode.INTERNAL_ERROR, lang,
                text(lang, ErrorCode.INTERNAL_ERROR, "Unexpected error; reference " + id, "reference", id), path(uri), null));
    }

    static Problem jsonProblem(JsonProcessingException e, String instance) {
        Locale lang = Language.ofRequest();
        ErrorCode code = ErrorCode.MALFORMED_REQUEST;
        if (e instanceof JsonParseException || !(e instanceof JsonMappingException mapping)) {
            return new Problem(code, lang, text(lang, code, "The body is not valid JSON", "json"), instance, null);
        }
        String field = jsonPath(mapping);
        if (field.isEmpty()) {
            return new Problem(code, lang, text(lang, code, "The body has the wrong shape", "shape"), instance, null);
        }
        String message;
        if (e instanceof InvalidFormatException ife && ife.getTargetType() != null && ife.getTargetType().isEnum()) {
            String values = java.util.Arrays.toString(ife.getTargetType().getEnumConstants());
            message = ErrorMessages.isChinese(lang) ? ErrorMessages.text(lang, "MALFORMED_REQUEST.detail.type.enum", values)
                    : "must be one of " + values;
        } else {
            String type = e instanceof MismatchedInputException mie && mie.getTargetType() != null
                    ? describe(mie.getTargetType()) : String.valueOf(e.getOriginalMessage()).startsWith("NUL") ? "nul"
                    : "wrong";
            message = typeWords(lang, type);
        }
        String sep = ErrorMessages.isChinese(lang) ? "：" : " ";
        return new Problem(code, lang, field + sep + message, instance, List.of(new Problem.Violation(field, message)));
    }

    private static final Map<String, String> ENGLISH_TYPES = Map.of("integer", "must be an integer", "boolean",
            "must be true or false", "string", "must be a string", "uuid", "must be a UUID", "array", "must be an array",
            "date", "must be a date (YYYY-MM-DD)", "instant", "must be an ISO-8601 instant", "object",
            "must be an object of the documented shape", "wrong", "has a value of the wrong type", "nul",
            "must not contain a NUL character");

    /** What a value must be, in the language: "must be an integer" / "须为整数". */
    public static String typeWords(Locale lang, String type) {
        String zh = ErrorMessages.isChinese(lang) ? ErrorMessages.text(lang, "MALFORMED_REQUEST.detail.type." + type) : null;
        return zh != null ? zh : ENGLISH_TYPES.getOrDefault(type, ENGLISH_TYPES.get("wrong"));
    }

    private static String describe(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class) {
            return "integer";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        if (type == String.class) {
            return "string";
        }
        if (type == UUID.class) {
            return "uuid";
        }
        if (List.class.isAssignableFrom(type) || java.util.Set.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        if (type.getName().startsWith("java.time.")) {
            return type == java.time.LocalDate.class ? "date" : "instant";
        }
        return "object";
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!b.isEmpty()) {
                    b.append('.');
                }
                b.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                b.append('[').append(ref.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    /** Drops the method and parameter names Bean Validation puts in front of a request body's field path. */
    static String field(Path path) {
        List<String> names = new ArrayList<>();
        Iterator<Path.Node> it = path.iterator();
        while (it.hasNext()) {
            Path.Node node = it.next();
            if (node.getKind() == ElementKind.METHOD) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                // a query/path parameter keeps its name; a body parameter is replaced by its fields
                names.add(node.getName());
                continue;
            }
            String name = node.getName();
            if (node.getIndex() != null) {
                names.add((name == null ? "" : name) + "[" + node.getIndex() + "]");
            } else if (name != null) {
                names.add(name);
            }
        }
        if (names.size() > 1) {
            names.remove(0); // the body parameter
        }
        return String.join(".", names);
    }

    private static boolean isUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof org.hibernate.exception.JDBCConnectionException
                    || t instanceof java.net.ConnectException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    /** The detail in the language: the kit's {@code CODE.detail.name} words, else English or the generic one. */
    static String text(Locale lang, ErrorCode code, String english, String name, Object... args) {
        return ErrorMessages.detail(code, lang, english, name == null ? null : code.name() + ".detail." + name, args);
    }

    private static Problem problem(ErrorCode code, String english, String name, String instance) {
        Locale lang = Language.ofRequest();
        return new Problem(code, lang, text(lang, code, english, name), instance, null);
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
