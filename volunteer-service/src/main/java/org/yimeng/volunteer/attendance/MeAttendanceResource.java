package org.yimeng.volunteer.attendance;

import static org.yimeng.model.Roles.RESIDENT;
import static org.yimeng.model.Roles.VOLUNTEER;

import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.yimeng.kit.page.Page;
import org.yimeng.volunteer.activity.ActivityKind;
import org.yimeng.volunteer.activity.SignupResponse;
import org.yimeng.volunteer.support.Params;

/**
 * The volunteer's own door to activities (api.md "Residents"): find them, cancel a sign-up, check in and out by
 * the organiser's code, appeal a forgotten check-out. Everything is about the caller alone.
 */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Me")
@RolesAllowed({ VOLUNTEER, RESIDENT })
public class MeAttendanceResource {
    @Inject
    SelfAttendanceService attendance;

    @Inject
    AppealService appeals;

    @GET
    @Path("/activities")
    @Operation(operationId = "listMyActivities", summary = "Activities not yet ended in my county, my own community "
            + "first, each with freePlaces and whether I am signed up (filters kind, from, to: overlapping [from, to), "
            + "skill)")
    @APIResponse(responseCode = "200", description = "{items, nextCursor}")
    public Page<MyActivityResponse> activities(@QueryParam("kind") ActivityKind kind, @QueryParam("from") Instant from,
            @QueryParam("to") Instant to, @QueryParam("skill") String skill, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return attendance.activities(kind, from, to, Params.text("skill", skill, 40), limit, cursor);
    }

    @DELETE
    @Path("/signups/{activityId}")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "cancelMySignup", summary = "Cancel my sign-up; the place is free again")
    @APIResponse(responseCode = "204", description = "cancelled")
    @APIResponse(responseCode = "409", description = "SIGNUP_CUTOFF_PASSED inside the cut-off before the start "
            + "(default 2 h); NOT_SIGNED_UP; ALREADY_CHECKED_IN; INVALID_ACTIVITY_STATE")
    public Response cancel(@PathParam("activityId") UUID activityId) {
        attendance.cancel(activityId);
        return Response.noContent().build();
    }

    @POST
    @Path("/check-in")
    @Operation(operationId = "checkMeIn", summary = "Check myself in with the scanned code (from 30 min before the "
            + "start until the end; inside the activity's geofence when it has one)")
    @APIResponse(responseCode = "200", description = "my attendance")
    @APIResponse(responseCode = "422", description = "ATTENDANCE_CODE_INVALID, OUTSIDE_CHECK_IN_WINDOW, "
            + "OUTSIDE_GEOFENCE (also when the position is missing)")
    @APIResponse(responseCode = "409", description = "ALREADY_CHECKED_IN, INVALID_ACTIVITY_STATE (422 NOT_SIGNED_UP)")
    public SignupResponse checkIn(@Valid @NotNull SelfAttendanceRequest request) {
        return attendance.checkIn(request);
    }

    @POST
    @Path("/check-out")
    @Operation(operationId = "checkMeOut", summary = "Check myself out with the scanned code (from my check-in until "
            + "2 h after the end; later, an appeal)")
    @APIResponse(responseCode = "200", description = "my attendance")
    @APIResponse(responseCode = "422", description = "ATTENDANCE_CODE_INVALID, OUTSIDE_CHECK_IN_WINDOW, "
            + "OUTSIDE_GEOFENCE")
    @APIResponse(responseCode = "409", description = "NOT_CHECKED_IN, ALREADY_CHECKED_OUT (422 NOT_SIGNED_UP)")
    public SignupResponse checkOut(@Valid @NotNull SelfAttendanceRequest request) {
        return attendance.checkOut(request);
    }

    @POST
    @Path("/attendance-appeals")
    @Operation(operationId = "fileAttendanceAppeal", summary = "Appeal a forgotten check-out (checkedOutAt) or "
            + "check-in (both times), inside the recording window")
    @APIResponse(responseCode = "201", description = "the open appeal")
    @APIResponse(responseCode = "409", description = "APPEAL_ALREADY_OPEN (422 NOT_SIGNED_UP)")
    @APIResponse(responseCode = "422", description = "RECORDING_WINDOW_CLOSED, CHECK_OUT_BEFORE_CHECK_IN, "
            + "VALIDATION_FAILED")
    public Response file(@Valid @NotNull FileAppealRequest request) {
        return Response.status(Response.Status.CREATED).entity(appeals.file(request)).build();
    }
}
