package org.yimeng.kit.openapi;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.yimeng.kit.error.Problem;

/**
 * Publishes the error model in the OpenAPI document: a {@code Problem} schema and, on every API operation, the
 * problem+json answers a client must handle (400, 401, 403, 404, 409, 422), unless the operation documents its own.
 */
public class ProblemResponsesFilter implements OASFilter {
    private static final Map<String, String> ERRORS = Map.of(
            "400", "Malformed request (bad JSON, wrong types, invalid cursor)",
            "401", "Missing, invalid or expired bearer token",
            "403", "Outside the caller's role or scope",
            "404", "Not found",
            "409", "Conflict with the current state (duplicates, in-flight idempotency key)",
            "422", "Validation or business rule failed");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema("ProblemViolation", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.OBJECT))
                .addProperty("field", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.STRING)))
                .addProperty("message", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.STRING))));
        openAPI.getComponents().addSchema("Problem", OASFactory.createSchema()
                .description("RFC 9457 problem details with a stable error code")
                .type(java.util.List.of(Schema.SchemaType.OBJECT))
                .addProperty("type", string())
                .addProperty("title", string())
                .addProperty("status", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.INTEGER)))
                .addProperty("detail", string())
                .addProperty("code", string().description("Stable UPPER_SNAKE error code"))
                .addProperty("instance", string())
                .addProperty("violations", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.ARRAY))
                        .items(OASFactory.createSchema().ref("ProblemViolation"))));
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (var entry : openAPI.getPaths().getPathItems().entrySet()) {
            if (!entry.getKey().startsWith("/api/")) {
                continue;
            }
            PathItem item = entry.getValue();
            for (Operation op : item.getOperations().values()) {
                APIResponses responses = op.getResponses();
                if (responses == null) {
                    responses = OASFactory.createAPIResponses();
                    op.setResponses(responses);
                }
                for (var e : ERRORS.entrySet()) {
                    if (responses.getAPIResponse(e.getKey()) == null) {
                        responses.addAPIResponse(e.getKey(), OASFactory.createAPIResponse().description(e.getValue())
                                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem")))));
                    }
                }
            }
        }
    }

    private static Schema string() {
        return OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.STRING));
    }
}
