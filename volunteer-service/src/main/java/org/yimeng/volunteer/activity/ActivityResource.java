package org.yimeng.volunteer.activity;

import static org.yimeng.model.Roles.CITY_ADMIN;
import static org.yimeng.model.Roles.COMMUNITY_ADMIN;
import static org.yimeng.model.Roles.COUNTY_ADMIN;
import static org.yimeng.model.Roles.GRID_WORKER;
import static org.yimeng.model.Roles.RESIDENT;
import static org.yimeng.model.Roles.VOLUNTEER;

import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.yimeng.kit.error.ApiException;
import org.yimeng.kit.idempotency.Idempotency;
import org.yimeng.kit.page.Page;
import org.yimeng.volunteer.attendance.SelfAttendanceService;
import org.yimeng.volunteer.me.CurrentVolunteer;
import org.yimeng.volunteer.support.Params;

/** Activities (fairs, emergency call-outs, regular), sign-ups, attendance and completion into service hours. */
@Path("/api/v1/activities")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Activities")
public class ActivityResource {

    @Inject
    ActivityService activities;

    @Inject
    ActivityChanges changes;

    @Inject
    Idempotency idempotency;

    @Inject
    CurrentVolunteer me;

    @Inject
    SelfAttendanceService attendance;

    @POST
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "createActivity", summary = "Create an activity; with fundingFen > 0 it waits in FUNDING_PENDING and a FundingRequested "
            + "goes to the ledger")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ActivityResponse.class)))
    public Response create(@HeaderParam(Idempotency.HEADER) String key, @Valid @NotNull CreateActivityRequest request) {
        return idempotency.execute("activities", key, request,
                () -> Response.status(Response.Status.CREATED).entity(activities.create(request)).build());
    }

    @GET
    @RolesAllowed({ VOLUNTEER, RESIDENT, GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "listActivities", summary = "List activities (filters communityId, kind, status, from, to: those overlapping [from, to)); "
            + "staff see their scope, volunteers every activity")
    public Page<ActivityResponse> list(@QueryParam("communityId") UUID communityId, @QueryParam("kind") ActivityKind kind,
            @QueryParam("status") ActivityStatus status, @QueryParam("from") Instant from, @QueryParam("to") Instant to,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return activities.list(communityId, kind, status, from, to, limit, cursor);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ VOLUNTEER, RESIDENT, GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "getActivity", summary = "One activity with status, signups and fundingFen")
    public ActivityResponse get(@PathParam("id") UUID id) {
        return activities.get(id);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "changeActivity", summary = "Organisers change the time, place, capacity or title; every "
            + "signed-up volunteer is told once (ACTIVITY_CHANGED, urgent within 24 h of the start); a change that "
            + "changes nothing tells nobody")
    @APIResponse(responseCode = "200", description = "the activity as it now is")
    @APIResponse(responseCode = "409", description = "ACTIVITY_ALREADY_COMPLETED; INVALID_ACTIVITY_STATE (cancelled, "
            + "funding refused or withdrawn; a new time once started); OVERLAPPING_SIGNUP (a signed-up volunteer is "
            + "busy at the new time)")
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED: end not after start, over 24 h, capacity "
            + "below the sign-ups")
    public ActivityResponse change(@PathParam("id") UUID id, @Valid @NotNull ChangeActivityRequest request) {
        return changes.change(id, request);
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "cancelActivity", summary = "Organisers cancel the activity with a reason (final); every "
            + "signed-up volunteer is told at once (ACTIVITY_CANCELLED, urgent). Money already disbursed stays until "
            + "FINANCE reverses it")
    @APIResponse(responseCode = "200", description = "the activity, status CANCELLED")
    @APIResponse(responseCode = "409", description = "ACTIVITY_ALREADY_COMPLETED; INVALID_ACTIVITY_STATE")
    public ActivityResponse cancel(@PathParam("id") UUID id, @Valid @NotNull CancelActivityRequest request) {
        return changes.cancel(id, request);
    }

    @POST
    @Path("/{id}/signups")
    @RolesAllowed({ VOLUNTEER, RESIDENT, GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "signUpForActivity", summary = "Sign a volunteer up (a volunteer may omit volunteerId to sign themself up, naming another "
            + "is 403; 409 ACTIVITY_FULL, ALREADY_SIGNED_UP, OVERLAPPING_SIGNUP, INVALID_ACTIVITY_STATE)")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SignupResponse.class)))
    public Response signUp(@PathParam("id") UUID id, @Valid @NotNull SignupRequest request) {
        UUID volunteerId = request.volunteerId();
        if (volunteerId == null) {
            volunteerId = me.find().orElseThrow(() -> ApiException.invalid("volunteerId", "must not be null"));
        }
        return Response.status(Response.Status.CREATED).entity(activities.signUp(id, volunteerId)).build();
    }

    @GET
    @Path("/{id}/attendance-code")
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "getAttendanceCode", summary = "Organisers: the activity's rotating attendance code "
            + "(changes every 30 s; the previous one is still accepted) and its QR as SVG, to show on a screen")
    @APIResponse(responseCode = "200", description = "the current code", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(
                    implementation = org.yimeng.volunteer.attendance.AttendanceCodeResponse.class)))
    @APIResponse(responseCode = "409", description = "INVALID_ACTIVITY_STATE: attendance is closed")
    public Response attendanceCode(@PathParam("id") UUID id) {
        // a code must never be served from a cache: it is stale within a minute
        return Response.ok(attendance.code(id)).header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("/{id}/signups")
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "listActivitySignups", summary = "The activity's sign-ups with their attendance")
    public Page<SignupResponse> signups(@PathParam("id") UUID id) {
        return new Page<>(activities.signups(id), null);
    }

    @POST
    @Path("/{id}/check-in")
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "checkInToActivity", summary = "Check a signed-up volunteer in (at defaults to now; 409 ALREADY_CHECKED_IN, "
            + "ACTIVITY_NOT_STARTED)")
    public SignupResponse checkIn(@PathParam("id") UUID id, @Valid @NotNull AttendanceRequest request) {
        return activities.checkIn(id, request);
    }

    @POST
    @Path("/{id}/check-out")
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "checkOutOfActivity", summary = "Check a volunteer out (409 NOT_CHECKED_IN, ALREADY_CHECKED_OUT; "
            + "422 CHECK_OUT_BEFORE_CHECK_IN)")
    public SignupResponse checkOut(@PathParam("id") UUID id, @Valid @NotNull AttendanceRequest request) {
        return activities.checkOut(id, request);
    }

    @POST
    @Path("/{id}/complete")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "completeActivity", summary = "Complete the activity: attendance becomes service records (422 RECORDING_WINDOW_CLOSED after "
            + "10 working days; 409 INVALID_ACTIVITY_STATE before its end, while funding is pending, or twice)")
    public CompletionResponse complete(@PathParam("id") UUID id) {
        return activities.complete(id);
    }

    @GET
    @Path("/{id}/candidates")
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "listActivityCandidates", summary = "Volunteers ranked for a call-out: ACTIVE, every wanted skill, not busy then; nearest first "
            + "(same grid, community, county), then most hours")
    public Page<CandidateResponse> candidates(@PathParam("id") UUID id, @QueryParam("limit") Integer limit) {
        return new Page<>(activities.candidates(id, limit), null);
    }
}
