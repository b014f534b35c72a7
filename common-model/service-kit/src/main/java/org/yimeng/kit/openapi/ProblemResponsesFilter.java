package org.yimeng.kit.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.yimeng.kit.error.Problem;
import org.yimeng.kit.page.Cursor;

/**
 * Makes the OpenAPI document a contract generated clients can trust (docs/service-kit.md, "OpenAPI"):
 * <ul>
 * <li>a {@code Problem} schema, and on every API operation the problem+json answers a client must handle (400, 401,
 * 403, 404, 409, 422 on {@code /api/}; 400, 404, 422 on {@code /public/}; 429 on writes and public paths), unless
 * the operation documents its own; every 4xx/5xx answer (also those smallrye derives from {@code @RolesAllowed})
 * gets the problem+json body;</li>
 * <li>every {@code limit} query parameter bounded as {@link Cursor#limit} enforces it (1..500, default 50);</li>
 * <li>every {@code pattern} anchored ({@code ^…$}): Bean Validation's {@code @Pattern} matches the whole value, a
 * JSON Schema pattern any part of it, so {@code 1[3-9][0-9]{9}} published as is accepted "abc13812345678xyz";</li>
 * <li>a nullable {@code $ref} ({@code @Schema(nullable = true)}, rendered by smallrye as
 * {@code anyOf: [{$ref}, {type: null}]}) keeps no stray {@code type} beside its {@code anyOf}.</li>
 * </ul>
 */
public class ProblemResponsesFilter implements OASFilter {
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Map<String, String> API_ERRORS = new LinkedHashMap<>();
    private static final Map<String, String> PUBLIC_ERRORS = new LinkedHashMap<>();
    private static final String RATE_LIMITED = "Too many requests (RATE_LIMITED): wait as Retry-After says";

    static {
        API_ERRORS.put("400", "Malformed request (bad JSON, wrong types, invalid cursor)");
        API_ERRORS.put("401", "Missing, invalid or expired bearer token");
        API_ERRORS.put("403", "Outside the caller's role or scope");
        API_ERRORS.put("404", "Not found");
        API_ERRORS.put("409", "Conflict with the current state (duplicates, in-flight idempotency key)");
        API_ERRORS.put("422", "Validation or business rule failed");
        PUBLIC_ERRORS.put("400", API_ERRORS.get("400"));
        PUBLIC_ERRORS.put("404", API_ERRORS.get("404"));
        PUBLIC_ERRORS.put("422", API_ERRORS.get("422"));
    }

    @Override
    public Parameter filterParameter(Parameter parameter) {
        if (parameter.getIn() == Parameter.In.QUERY && "limit".equals(parameter.getName())) {
            Schema s = parameter.getSchema() == null ? OASFactory.createSchema() : parameter.getSchema();
            s.type(List.of(Schema.SchemaType.INTEGER)).format("int32").minimum(java.math.BigDecimal.ONE)
                    .maximum(java.math.BigDecimal.valueOf(Cursor.MAX_LIMIT))
                    .defaultValue(Cursor.DEFAULT_LIMIT);
            parameter.setSchema(s);
            if (parameter.getDescription() == null) {
                parameter.setDescription("Page size, " + 1 + ".." + Cursor.MAX_LIMIT + " (default "
                        + Cursor.DEFAULT_LIMIT + ")");
            }
        }
        return parameter;
    }

    @Override
    public Schema filterSchema(Schema schema) {
        String p = schema.getPattern();
        if (p != null && !(p.startsWith("^") && p.endsWith("$"))) {
            schema.setPattern(anchored(p));
        }
        List<Schema> anyOf = schema.getAnyOf();
        if (anyOf != null && schema.getType() != null && schema.getType().contains(Schema.SchemaType.NULL)
                && anyOf.stream().anyMatch(a -> a.getType() != null && a.getType().equals(List.of(Schema.SchemaType.NULL)))) {
            schema.setType(null);
        }
        return schema;
    }

    /** {@code p} matching the whole value, as Bean Validation reads it. */
    static String anchored(String p) {
        if (p.equals("\\S")) {
            return "^\\s*\\S[\\s\\S]*$"; // @NotBlank: some non-blank character, anywhere
        }
        String core = p.startsWith("^") ? p.substring(1) : p;
        core = core.endsWith("$") && !core.endsWith("\\$") ? core.substring(0, core.length() - 1) : core;
        return core.contains("|") ? "^(?:" + core + ")$" : "^" + core + "$";
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema("ProblemViolation", OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .addRequired("field").addRequired("message")
                .addProperty("field", string())
                .addProperty("message", string()));
        openAPI.getComponents().addSchema("Problem", OASFactory.createSchema()
                .description("RFC 9457 problem details with a stable error code; further members (e.g. existingId) "
                        + "as the code documents")
                .type(List.of(Schema.SchemaType.OBJECT))
                .addRequired("type").addRequired("title").addRequired("status").addRequired("code")
                .addProperty("type", string().format("uri"))
                .addProperty("title", string())
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER))
                        .minimum(java.math.BigDecimal.valueOf(400)).maximum(java.math.BigDecimal.valueOf(599)))
                .addProperty("detail", string())
                .addProperty("code", string().description("Stable UPPER_SNAKE error code").pattern("^[A-Z][A-Z0-9_]*$"))
                .addProperty("instance", string())
                .addProperty("violations", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                        .items(OASFactory.createSchema().ref("ProblemViolation"))));
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (var entry : openAPI.getPaths().getPathItems().entrySet()) {
            boolean api = entry.getKey().startsWith("/api/");
            boolean pub = entry.getKey().startsWith("/public/");
            if (!api && !pub) {
                continue;
            }
            PathItem item = entry.getValue();
            for (var method : item.getOperations().entrySet()) {
                Operation op = method.getValue();
                APIResponses responses = op.getResponses();
                if (responses == null) {
                    responses = OASFactory.createAPIResponses();
                    op.setResponses(responses);
                }
                for (var e : (api ? API_ERRORS : PUBLIC_ERRORS).entrySet()) {
                    if (responses.getAPIResponse(e.getKey()) == null) {
                        responses.addAPIResponse(e.getKey(), OASFactory.createAPIResponse().description(e.getValue()));
                    }
                }
                if ((pub || WRITES.contains(method.getKey().name())) && responses.getAPIResponse("429") == null) {
                    responses.addAPIResponse("429", OASFactory.createAPIResponse().description(RATE_LIMITED));
                }
                for (var r : responses.getAPIResponses().entrySet()) {
                    if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
                        withProblemBody(r.getValue());
                    }
                }
            }
        }
    }

    private static void withProblemBody(APIResponse response) {
        Content content = response.getContent();
        if (content == null) {
            content = OASFactory.createContent();
            response.setContent(content);
        }
        if (content.getMediaType(Problem.MEDIA_TYPE) == null) {
            content.addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                    .schema(OASFactory.createSchema().ref("Problem")));
        }
    }

    private static Schema string() {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING));
    }
}
