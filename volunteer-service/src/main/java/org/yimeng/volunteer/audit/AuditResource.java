package org.yimeng.volunteer.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.yimeng.kit.error.ApiException;
import org.yimeng.kit.page.Page;
import org.yimeng.volunteer.support.Params;

/** The audit trail of personal data, for CITY_ADMIN and AUDITOR. */
@Path("/api/v1/audit-events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class AuditResource {
    @Inject
    AuditTrail trail;

    @GET
    @RolesAllowed({"CITY_ADMIN", "AUDITOR"})
    @Operation(summary = "Who read or changed households' and volunteers' personal data (filters entityType, entityId "
            + "— also matches lists that showed it —, actor, from, to as instants, half-open); oldest first")
    public Page<AuditEventResponse> list(@QueryParam("entityType") String entityType,
            @QueryParam("entityId") String entityId, @QueryParam("actor") String actor,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return trail.query(Params.enumOf(AuditTrail.EntityType.class, "entityType", entityType),
                Params.uuid("entityId", entityId), Params.text("actor", actor, 200),
                instant("from", from), instant("to", to), limit, cursor);
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(name, "must be an ISO-8601 instant");
        }
    }
}
