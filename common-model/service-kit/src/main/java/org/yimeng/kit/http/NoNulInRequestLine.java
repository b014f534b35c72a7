package org.yimeng.kit.http;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.yimeng.kit.error.ApiException;
import org.yimeng.model.ErrorCode;

/**
 * No query value or path may carry a NUL character: PostgreSQL text cannot hold one, so a filter taken as text (a
 * county code, a name) reached the database and came back as a 500. A query value is 422 naming the parameter; a
 * path names no resource (404). Typed parameters are read by {@link StrictQueryParams}; bodies by the kit's JSON rules.
 */
public class NoNulInRequestLine {
    @ServerRequestFilter
    public void refuseNul(UriInfo uri) {
        for (Map.Entry<String, List<String>> p : uri.getQueryParameters().entrySet()) {
            for (String value : p.getValue()) {
                if (value.indexOf('\0') >= 0) {
                    throw ApiException.invalid(p.getKey(), "must not contain a NUL character").detail("nul");
                }
            }
        }
        if (uri.getPath().indexOf('\0') >= 0) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No resource with a NUL character in its path");
        }
    }
}
