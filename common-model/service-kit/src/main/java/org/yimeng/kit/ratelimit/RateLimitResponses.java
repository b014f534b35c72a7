package org.yimeng.kit.ratelimit;

import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.yimeng.kit.error.Problem;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/** Declares the 429 {@code RATE_LIMITED} answer, with its headers, on every operation {@link RateLimitFilter} limits. */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class RateLimitResponses implements OASFilter {
    private static final Set<PathItem.HttpMethod> WRITES = Set.of(PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT,
            PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE);

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, op) -> {
            boolean limited = RateLimitFilter.isPublic(path) || (path.startsWith("/api/") && WRITES.contains(method));
            if (limited) {
                add(op);
            }
        }));
    }

    private static void add(Operation op) {
        if (op.getResponses() == null) {
            op.setResponses(OASFactory.createAPIResponses());
        }
        if (op.getResponses().getAPIResponse("429") != null) {
            return;
        }
        APIResponse r = OASFactory.createAPIResponse()
                .description("Over the rate limit (per client address on public pages, per token subject on writes)")
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem"))))
                .addHeader("Retry-After", header("Seconds until one more request is allowed"));
        r.addHeader(RateLimitFilter.LIMIT, header("Requests the bucket holds"))
                .addHeader(RateLimitFilter.REMAINING, header("Requests left now"))
                .addHeader(RateLimitFilter.RESET, header("Seconds until the bucket is full again"));
        op.getResponses().addAPIResponse("429", r);
    }

    private static org.eclipse.microprofile.openapi.models.headers.Header header(String description) {
        return OASFactory.createHeader().description(description)
                .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).minimum(java.math.BigDecimal.ZERO));
    }
}
