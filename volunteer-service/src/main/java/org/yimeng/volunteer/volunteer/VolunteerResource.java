package org.yimeng.volunteer.volunteer;

import static org.yimeng.model.Roles.CITY_ADMIN;
import static org.yimeng.model.Roles.COMMUNITY_ADMIN;
import static org.yimeng.model.Roles.COUNTY_ADMIN;
import static org.yimeng.model.Roles.GRID_WORKER;
import static org.yimeng.model.Roles.RESIDENT;
import static org.yimeng.model.Roles.VOLUNTEER;

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
import org.yimeng.kit.idempotency.Idempotency;
import org.yimeng.kit.page.Page;
import org.yimeng.volunteer.contact.ContactRequest;
import org.yimeng.volunteer.contact.ContactResponse;
import org.yimeng.volunteer.contact.ContactService;
import org.yimeng.volunteer.support.Params;

/** Volunteers: registration with consent, changes, reads; phones and ID numbers always masked. */
@Path("/api/v1/volunteers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Volunteers")
public class VolunteerResource {
    @Inject
    VolunteerService volunteers;

    @Inject
    ContactService contacts;

    @Inject
    Idempotency idempotency;

    @POST
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "registerVolunteer", summary = "Register a volunteer (consent required; 409 DUPLICATE_VOLUNTEER; 422 INVALID_ID_NUMBER)")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VolunteerResponse.class)))
    public Response register(@HeaderParam(Idempotency.HEADER) String key, @Valid @NotNull CreateVolunteerRequest request) {
        return idempotency.execute("volunteers", key, request,
                () -> Response.status(Response.Status.CREATED).entity(volunteers.register(request)).build());
    }

    @GET
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "listVolunteers", summary = "List volunteers in your scope (filters communityId, gridId, skill, status)")
    public Page<VolunteerResponse> list(@QueryParam("communityId") UUID communityId, @QueryParam("gridId") UUID gridId,
            @QueryParam("skill") String skill, @QueryParam("status") VolunteerStatus status, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return volunteers.list(communityId, gridId, Params.text("skill", skill, 40), status, limit, cursor);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ VOLUNTEER, RESIDENT, GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "getVolunteer", summary = "One volunteer with totalMinutes, starLevel, weekMinutes, weeklyGoalMet (a volunteer sees only their own)")
    public VolunteerResponse get(@PathParam("id") UUID id) {
        return volunteers.get(id);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "updateVolunteer", summary = "Change a volunteer's status, grid or skills")
    public VolunteerResponse update(@PathParam("id") UUID id, @Valid @NotNull UpdateVolunteerRequest request) {
        return volunteers.update(id, request);
    }

    @POST
    @Path("/{id}/contact")
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN })
    @Operation(operationId = "revealVolunteerPhone", summary = "The volunteer's phone in full, for the grid worker of its "
            + "grid or the admin of its community, audited as REVEAL with the reason; every other response masks it")
    @APIResponse(responseCode = "200", description = "The number in full (not cached)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ContactResponse.class)))
    @APIResponse(responseCode = "403", description = "Another role, or a record outside your grid or community")
    @APIResponse(responseCode = "404", description = "No such volunteer")
    @APIResponse(responseCode = "422", description = "NO_PHONE: no number on record, or the details were erased; "
            + "VALIDATION_FAILED: no reason")
    public Response contact(@PathParam("id") UUID id, @Valid @NotNull ContactRequest request) {
        return Response.ok(contacts.volunteer(id, request.reason())).header("Cache-Control", "no-store").build();
    }
}
