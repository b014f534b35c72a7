package org.yimeng.volunteer.imports;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.yimeng.kit.error.ApiException;
import org.yimeng.model.ErrorCode;

/**
 * The service-wide body limit is raised for spreadsheet uploads (POST /api/v1/imports) only: any other request that
 * declares a body over
 * 1 MB (the kit's limit) is refused with 413 before its body is read.
 */
public class BodyLimits {
    static final long OTHER_REQUESTS = 1024 * 1024;

    @ServerRequestFilter(preMatching = true)
    public void limit(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        String path = request.getUriInfo().getPath();
        if (length == null || path.equals("/api/v1/imports") || path.equals("/api/v1/imports/")) {
            return;
        }
        try {
            if (Long.parseLong(length.trim()) > OTHER_REQUESTS) {
                throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The body exceeds 1 MB");
            }
        } catch (NumberFormatException e) {
            // Vert.x already refuses a malformed Content-Length
        }
    }
}
