package org.yimeng.kit.error;

import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
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
import org.yimeng.model.ErrorCode;

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
        List<Problem.Violation> violations = null;
        Problem problem;
        Object v = e.properties().get(ApiException.VIOLATIONS);
        if (v instanceof List<?> list) {
            violations = new ArrayList<>();
            for (Object o : list) {
                violations.add((Problem.Violation) o);
            }
        }
        problem = new Problem(e.code(), e.getMessage(), path(uri), violations);
        e.properties().forEach((k, val) -> {
            if (!ApiException.VIOLATIONS.equals(k)) {
                problem.extra().put(k, val);
            }
        });
        return respond(problem);
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = new ArrayList<>();
        for (ConstraintViolation<?> cv : e.getConstraintViolations()) {
            violations.add(new Problem.Violation(field(cv.getPropertyPath()), cv.getMessage()));
        }
        violations.sort(java.util.Comparator.comparing(Problem.Violation::field));
        String detail = violations.size() == 1
                ? violations.get(0).field() + ": " + violations.get(0).message()
                : violations.size() + " fields are invalid";
        return respond(new Problem(ErrorCode.VALIDATION_FAILED, detail, path(uri), violations));
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
        return respond(new Problem(ErrorCode.UNAUTHORIZED, "A valid bearer token is required", path(uri), null));
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return respond(new Problem(ErrorCode.UNAUTHORIZED, "The bearer token is invalid or expired", path(uri), null));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(new Problem(ErrorCode.FORBIDDEN, "Your role may not do this", path(uri), null));
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
        String detail = switch (code) {
            case NOT_FOUND -> "No resource at " + path(uri);
            case METHOD_NOT_ALLOWED -> "This method is not allowed on " + path(uri);
            case UNSUPPORTED_MEDIA_TYPE -> "Send application/json";
            case NOT_ACCEPTABLE -> "The requested media type is not offered here";
            default -> "The request could not be read";
        };
        return respond(new Problem(code, detail, path(uri), null));
    }

    @ServerExceptionMapper({OptimisticLockException.class, PessimisticLockException.class})
    public Response concurrentChange(RuntimeException e, UriInfo uri) {
        return respond(new Problem(ErrorCode.CONFLICT, "The record was changed concurrently; try again", path(uri), null));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (isUnavailable(e)) {
            LOG.warnf("database unavailable on %s: %s", path(uri), e.getClass().getSimpleName());
            return respond(new Problem(ErrorCode.SERVICE_UNAVAILABLE, "A backing service is unavailable; try again shortly",
                    path(uri), null));
        }
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error %s on %s", id, path(uri));
        Problem p = new Problem(ErrorCode.INTERNAL_ERROR, "Unexpected error; reference " + id, path(uri), null);
        return respond(p);
    }

    static Problem jsonProblem(JsonProcessingException e, String instance) {
        if (e instanceof JsonParseException || !(e instanceof JsonMappingException mapping)) {
            return new Problem(ErrorCode.MALFORMED_REQUEST, "The body is not valid JSON", instance, null);
        }
        String field = jsonPath(mapping);
        String message;
        if (e instanceof InvalidFormatException ife && ife.getTargetType() != null && ife.getTargetType().isEnum()) {
            message = "must be one of " + java.util.Arrays.toString(ife.getTargetType().getEnumConstants());
        } else if (e instanceof MismatchedInputException mie && mie.getTargetType() != null) {
            message = "must be " + describe(mie.getTargetType());
        } else {
            message = "has a value of the wrong type";
        }
        if (field.isEmpty()) {
            return new Problem(ErrorCode.MALFORMED_REQUEST, "The body has the wrong shape", instance, null);
        }
        return new Problem(ErrorCode.MALFORMED_REQUEST, field + " " + message, instance,
                List.of(new Problem.Violation(field, message)));
    }

    private static String describe(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class) {
            return "an integer";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (List.class.isAssignableFrom(type) || java.util.Set.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type.getName().startsWith("java.time.")) {
            return type == java.time.LocalDate.class ? "a date (YYYY-MM-DD)" : "an ISO-8601 instant";
        }
        return "an object of the documented shape";
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

    private static Response respond(Problem problem) {
        return Response.status(problem.status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
