package org.yimeng.kit.http;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.yimeng.kit.error.Problem;
import org.yimeng.kit.error.ProblemMappers;
import org.yimeng.kit.i18n.Language;
import org.yimeng.model.ErrorCode;
import org.yimeng.model.ErrorMessages;

/**
 * Reads typed query parameters strictly. JAX-RS turns a query value it cannot convert into a 404 (as if the resource
 * did not exist), a Boolean from any word but "true" into false, and its conversions accept values the database
 * cannot take: an instant in the year 1,000,000,000 or a date in +999999999 reached PostgreSQL and came back as a 500.
 * Here a bad value is a 422 VALIDATION_FAILED naming the parameter (api.md: wrong types are 400 or 422): UUIDs in
 * their canonical form, integers as plain decimal digits, booleans as {@code true|false}, enum names exactly, dates
 * as {@code YYYY-MM-DD} and instants as ISO-8601, both with a four-digit year. A blank value counts as absent. Path
 * parameters keep JAX-RS' reading (a malformed id names no resource: 404).
 * <p>
 * A resource that takes a query parameter as a String applies the same rules with {@link #read}.
 */
@Provider
public class StrictQueryParams implements ParamConverterProvider {
    private static final Pattern UUID_FORM = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,19}");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST = LocalDate.of(10_000, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);

    /** A query value that does not read as its parameter's type: answered 422 by {@link Problems}. */
    public static final class InvalidQueryParameter extends WebApplicationException {
        final String parameter;
        final String reason;

        InvalidQueryParameter(String parameter, String reason) {
            // a WebApplicationException, so that RESTEasy Reactive passes it on instead of turning it into a 404
            super(parameter + ": " + reason, null, 422);
            this.parameter = parameter;
            this.reason = reason;
        }
    }

    /** Maps {@link InvalidQueryParameter} (more specific than the kit's WebApplicationException mapper). */
    public static class Problems {
        @ServerExceptionMapper
        public Response invalid(InvalidQueryParameter e, UriInfo uri) {
            Locale lang = Language.ofRequest();
            String reason = ErrorMessages.isChinese(lang) ? chinese(lang, e.reason) : e.reason;
            Problem p = new Problem(ErrorCode.VALIDATION_FAILED, lang,
                    e.parameter + (ErrorMessages.isChinese(lang) ? "：" : ": ") + reason,
                    "/" + uri.getPath().replaceFirst("^/", ""), List.of(new Problem.Violation(e.parameter, reason)));
            return Response.status(p.status).type(Problem.MEDIA_TYPE).entity(p).build();
        }
    }

    /** The Chinese words of a rule's English expectation (the rules below). */
    private static String chinese(Locale lang, String reason) {
        if (reason.startsWith("must be one of ")) {
            return ErrorMessages.text(lang, "MALFORMED_REQUEST.detail.type.enum", reason.substring("must be one of ".length()));
        }
        String type = switch (reason) {
            case "must be a UUID" -> "uuid";
            case "must be an integer" -> "integer";
            case "must be true or false" -> "boolean";
            case "must be a date (YYYY-MM-DD)" -> "date";
            case "must be an ISO-8601 instant with a four-digit year" -> "instant";
            default -> "wrong";
        };
        return ProblemMappers.typeWords(lang, type);
    }

    /**
     * {@code value} of query parameter {@code name} as {@code type} (UUID, Integer, Long, Boolean, LocalDate, Instant
     * or an enum): null when absent or blank, else the value or a 422 naming the parameter.
     */
    public static <T> T read(Class<T> type, String name, String value) {
        Rule<T> rule = rule(type);
        if (rule == null) {
            throw new IllegalArgumentException("no strict reading of " + type);
        }
        return rule.read(name, value);
    }

    @Override
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = null;
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                name = q.value();
            }
        }
        Rule<T> rule = name == null ? null : rule(rawType);
        if (rule == null) {
            return null;
        }
        String parameter = name;
        return new ParamConverter<>() {
            @Override
            public T fromString(String value) {
                return rule.read(parameter, value);
            }

            @Override
            public String toString(T value) {
                return String.valueOf(value);
            }
        };
    }

    /** How one type is read: a parser that returns null (or throws) for a value it refuses, and what it expects. */
    private record Rule<T>(java.util.function.Function<String, Object> parse, String expected) {
        @SuppressWarnings("unchecked")
        T read(String name, String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            Object v;
            try {
                v = parse.apply(value);
            } catch (RuntimeException e) {
                v = null;
            }
            if (v == null) {
                throw new InvalidQueryParameter(name, expected);
            }
            return (T) v;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> Rule<T> rule(Class<T> type) {
        if (type == UUID.class) {
            return new Rule<>(v -> UUID_FORM.matcher(v).matches() ? UUID.fromString(v) : null, "must be a UUID");
        } else if (type == Long.class || type == long.class) {
            return new Rule<>(v -> INTEGER.matcher(v).matches() ? Long.valueOf(v) : null, "must be an integer");
        } else if (type == Integer.class || type == int.class) {
            return new Rule<>(v -> INTEGER.matcher(v).matches() ? Integer.valueOf(v) : null, "must be an integer");
        } else if (type == Boolean.class || type == boolean.class) {
            return new Rule<>(v -> v.equals("true") ? Boolean.TRUE : v.equals("false") ? Boolean.FALSE : null,
                    "must be true or false");
        } else if (type == LocalDate.class) {
            return new Rule<>(v -> DATE.matcher(v).matches() && !v.startsWith("0000") ? LocalDate.parse(v) : null,
                    "must be a date (YYYY-MM-DD)");
        } else if (type == Instant.class) {
            return new Rule<>(v -> {
                Instant i = Instant.parse(v);
                return i.isBefore(FIRST) || !i.isBefore(LAST) ? null : i;
            }, "must be an ISO-8601 instant with a four-digit year");
        } else if (type.isEnum()) {
            Class<? extends Enum> e = (Class<? extends Enum>) type;
            return new Rule<>(v -> Enum.valueOf(e, v), "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
        return null;
    }
}
