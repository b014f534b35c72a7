package org.yimeng.volunteer.audit;

import static org.yimeng.model.Roles.AUDITOR;
import static org.yimeng.model.Roles.CITY_ADMIN;

import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
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
    @RolesAllowed({ CITY_ADMIN, AUDITOR })
    @Operation(operationId = "listAuditEvents", summary = "Who read or changed households' and volunteers' personal data (filters entityType, entityId "
            + "— also matches lists that showed it —, actor, from, to as instants, half-open); oldest first")
    public Page<AuditEventResponse> list(@QueryParam("entityType") AuditTrail.EntityType entityType,
            @QueryParam("entityId") UUID entityId, @QueryParam("actor") String actor,
            @QueryParam("from") Instant from, @QueryParam("to") Instant to, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return trail.query(entityType, entityId, Params.text("actor", actor, 200), from, to, limit, cursor);
    }
}
