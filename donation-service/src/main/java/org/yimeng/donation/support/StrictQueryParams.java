package org.yimeng.donation.support;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
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
import org.yimeng.model.ErrorCode;

/**
 * Reads typed query parameters strictly. JAX-RS turns a query value it cannot convert into a 404 (as if the resource
 * did not exist), and the built-in conversions accept values the database cannot take: an instant in the year
 * 1,000,000,000 or a date in +999999999 reached PostgreSQL and came back as a 500. Here a bad value is a 422
 * VALIDATION_FAILED naming the parameter: UUIDs in their canonical form, integers as plain decimal digits, enum names
 * exactly, dates as {@code YYYY-MM-DD} and instants as ISO-8601 (api.md), both with a four-digit year. A blank value
 * counts as absent. Path parameters keep JAX-RS' reading (a malformed id names no resource: 404).
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
            super(parameter + ": " + reason, null, 422);
            this.parameter = parameter;
            this.reason = reason;
        }
    }

    /** Maps {@link InvalidQueryParameter} (more specific than the kit's WebApplicationException mapper). */
    public static class Problems {
        @ServerExceptionMapper
        public Response invalid(InvalidQueryParameter e, UriInfo uri) {
            Problem p = new Problem(ErrorCode.VALIDATION_FAILED, e.getMessage(), "/" + uri.getPath().replaceFirst("^/", ""),
                    List.of(new Problem.Violation(e.parameter, e.reason)));
            return Response.status(p.status).type(Problem.MEDIA_TYPE).entity(p).build();
        }
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = null;
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                name = q.value();
            }
        }
        if (name == null) {
            return null;
        }
        Function<String, Object> read;
        String expected;
        if (rawType == UUID.class) {
            read = v -> UUID_FORM.matcher(v).matches() ? UUID.fromString(v) : null;
            expected = "must be a UUID";
        } else if (rawType == Long.class || rawType == long.class) {
            read = v -> INTEGER.matcher(v).matches() ? Long.valueOf(v) : null;
            expected = "must be an integer";
        } else if (rawType == Integer.class || rawType == int.class) {
            read = v -> INTEGER.matcher(v).matches() ? Integer.valueOf(v) : null;
            expected = "must be an integer";
        } else if (rawType == LocalDate.class) {
            read = v -> DATE.matcher(v).matches() && !v.startsWith("0000") ? LocalDate.parse(v) : null;
            expected = "must be a date (YYYY-MM-DD)";
        } else if (rawType == Instant.class) {
            read = v -> {
                Instant i = Instant.parse(v);
                return i.isBefore(FIRST) || !i.isBefore(LAST) ? null : i;
            };
            expected = "must be an ISO-8601 instant with a four-digit year";
        } else if (rawType.isEnum()) {
            Class<? extends Enum> type = (Class<? extends Enum>) rawType;
            read = v -> Enum.valueOf(type, v);
            expected = "must be one of " + Arrays.toString(rawType.getEnumConstants());
        } else {
            return null;
        }
        String parameter = name;
        return new ParamConverter<>() {
            @Override
            public T fromString(String value) {
                if (value == null || value.isBlank()) {
                    return null;
                }
                Object v;
                try {
                    v = read.apply(value);
                } catch (RuntimeException e) {
                    v = null;
                }
                if (v == null) {
                    throw new InvalidQueryParameter(parameter, expected);
                }
                return (T) v;
            }

            @Override
            public String toString(T value) {
                return String.valueOf(value);
            }
        };
    }
}
