package org.yimeng.volunteer.attendance;

import static org.yimeng.model.Roles.CITY_ADMIN;
import static org.yimeng.model.Roles.COMMUNITY_ADMIN;
import static org.yimeng.model.Roles.COUNTY_ADMIN;
import static org.yimeng.model.Roles.GRID_WORKER;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.yimeng.kit.page.Page;

/** Organisers decide volunteers' attendance appeals, in their scope. */
@Path("/api/v1/attendance-appeals")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Activities")
@RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
public class AppealResource {
    @Inject
    AppealService appeals;

    @GET
    @Operation(operationId = "listAttendanceAppeals", summary = "Appeals in my scope, oldest first (filters status, "
            + "communityId)")
    @APIResponse(responseCode = "200", description = "{items, nextCursor}")
    public Page<AppealResponse> list(@QueryParam("status") AppealStatus status,
            @QueryParam("communityId") UUID communityId, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return appeals.list(status, communityId, limit, cursor);
    }

    @POST
    @Path("/{id}/approve")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "approveAttendanceAppeal", summary = "Approve: the appealed times enter the sign-up, "
            + "and the service record if the activity is already completed")
    @APIResponse(responseCode = "200", description = "the approved appeal")
    @APIResponse(responseCode = "409", description = "APPEAL_NOT_OPEN, OVERLAPPING_SERVICE")
    @APIResponse(responseCode = "422", description = "RECORDING_WINDOW_CLOSED")
    public AppealResponse approve(@PathParam("id") UUID id) {
        return appeals.approve(id);
    }

    @POST
    @Path("/{id}/reject")
    @Operation(operationId = "rejectAttendanceAppeal", summary = "Reject with a reason; nothing else changes")
    @APIResponse(responseCode = "200", description = "the rejected appeal")
    @APIResponse(responseCode = "409", description = "APPEAL_NOT_OPEN")
    public AppealResponse reject(@PathParam("id") UUID id, @Valid @NotNull RejectAppealRequest request) {
        return appeals.reject(id, request);
    }
}
