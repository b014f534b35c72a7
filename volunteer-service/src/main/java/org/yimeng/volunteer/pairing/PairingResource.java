package org.yimeng.volunteer.pairing;

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
import jakarta.ws.rs.HeaderParam;
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

/** "二对一" pairings of households with two volunteers, their history and visits. */
@Path("/api/v1/pairings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Pairings")
public class PairingResource {
    @Inject
    PairingService pairings;

    @Inject
    Idempotency idempotency;

    @POST
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "createPairing", summary = "Pair a household with two ACTIVE volunteers of its community (422 PAIRING_NEEDS_TWO_VOLUNTEERS, "
            + "VOLUNTEER_NOT_ACTIVE, VOLUNTEER_OUTSIDE_COMMUNITY, HOUSEHOLD_HAS_NO_GRID; 409 HOUSEHOLD_ALREADY_PAIRED, "
            + "VOLUNTEER_AT_CAPACITY)")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PairingResponse.class)))
    public Response create(@HeaderParam(Idempotency.HEADER) String key, @Valid @NotNull CreatePairingRequest request) {
        return idempotency.execute("pairings", key, request,
                () -> Response.status(Response.Status.CREATED).entity(pairings.create(request)).build());
    }

    @GET
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "listPairings", summary = "List pairings in your scope (filters communityId, gridId, volunteerId, householdId, status)")
    public Page<PairingResponse> list(@QueryParam("communityId") UUID communityId, @QueryParam("gridId") UUID gridId,
            @QueryParam("volunteerId") UUID volunteerId, @QueryParam("householdId") UUID householdId,
            @QueryParam("status") PairingStatus status, @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return pairings.list(communityId, gridId, volunteerId, householdId, status, limit, cursor);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "getPairing", summary = "One pairing with its current volunteers and membership history")
    public PairingResponse get(@PathParam("id") UUID id) {
        return pairings.get(id);
    }

    @POST
    @Path("/{id}/end")
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "endPairing", summary = "End the pairing with a reason; it is kept as history (409 PAIRING_NOT_ACTIVE)")
    public PairingResponse end(@PathParam("id") UUID id, @Valid @NotNull EndPairingRequest request) {
        return pairings.end(id, request.reason());
    }

    @POST
    @Path("/{id}/replace")
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "replacePairingVolunteer", summary = "Replace one volunteer of the pairing, under the same rules as pairing")
    public PairingResponse replace(@PathParam("id") UUID id, @Valid @NotNull ReplaceVolunteerRequest request) {
        return pairings.replace(id, request);
    }

    @POST
    @Path("/{id}/visits")
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "createVisit", summary = "Record a visit by the pairing's volunteers; each gets a confirmed service record "
            + "(422 RECORDING_WINDOW_CLOSED after 10 working days)")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VisitResponse.class)))
    public Response visit(@PathParam("id") UUID id, @HeaderParam(Idempotency.HEADER) String key,
            @Valid @NotNull CreateVisitRequest request) {
        return idempotency.execute("visits:" + id, key, request,
                () -> Response.status(Response.Status.CREATED).entity(pairings.visit(id, request)).build());
    }

    @GET
    @Path("/{id}/visits")
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "listPairingVisits", summary = "The pairing's visits, oldest first")
    public Page<VisitResponse> visits(@PathParam("id") UUID id) {
        return new Page<>(pairings.visits(id), null);
    }
}
