package org.yimeng.volunteer.household;

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

/** Households in difficulty, their needs surveys (需求摸底) and basic archive. */
@Path("/api/v1/households")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Households")
public class HouseholdResource {
    @Inject
    HouseholdService households;

    @Inject
    ContactService contacts;

    @Inject
    Idempotency idempotency;

    @POST
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "createHousehold", summary = "Record a household in difficulty (409 DUPLICATE_HOUSEHOLD with existingId)")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HouseholdResponse.class)))
    public Response create(@HeaderParam(Idempotency.HEADER) String key, @Valid @NotNull CreateHouseholdRequest request) {
        return idempotency.execute("households", key, request,
                () -> Response.status(Response.Status.CREATED).entity(households.create(request)).build());
    }

    @GET
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "listHouseholds", summary = "List households in your scope (filters communityId, gridId, paired, surveyed)")
    public Page<HouseholdResponse> list(@QueryParam("communityId") UUID communityId, @QueryParam("gridId") UUID gridId,
            @QueryParam("paired") Boolean paired, @QueryParam("surveyed") Boolean surveyed,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return households.list(communityId, gridId, paired, surveyed, limit, cursor);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "getHousehold", summary = "One household with its basic archive status and active pairing")
    public HouseholdResponse get(@PathParam("id") UUID id) {
        return households.get(id);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "updateHousehold", summary = "Place a household in a grid or change its phone, member count or categories")
    public HouseholdResponse update(@PathParam("id") UUID id, @Valid @NotNull UpdateHouseholdRequest request) {
        return households.update(id, request);
    }

    @POST
    @Path("/{id}/erase")
    @RolesAllowed({ COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "eraseHousehold", summary = "Erase the household's personal details on request; counts, coverage and pairings stay")
    public HouseholdResponse erase(@PathParam("id") UUID id) {
        return households.erase(id);
    }

    @POST
    @Path("/{id}/surveys")
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "createSurvey", summary = "Record a needs survey of the household")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SurveyResponse.class)))
    public Response survey(@PathParam("id") UUID id, @HeaderParam(Idempotency.HEADER) String key,
            @Valid @NotNull CreateSurveyRequest request) {
        return idempotency.execute("surveys:" + id, key, request,
                () -> Response.status(Response.Status.CREATED).entity(households.survey(id, request)).build());
    }

    @GET
    @Path("/{id}/surveys")
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "listHouseholdSurveys", summary = "The household's needs surveys, oldest first")
    public Page<SurveyResponse> surveys(@PathParam("id") UUID id) {
        return new Page<>(households.surveys(id), null);
    }

    @POST
    @Path("/{id}/contact")
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, VOLUNTEER, RESIDENT })
    @Operation(operationId = "revealHouseholdPhone", summary = "The household's phone in full, for the grid worker of its "
            + "grid, the admin of its community or a volunteer of its active pairing, audited as REVEAL with the reason; every other response masks it")
    @APIResponse(responseCode = "200", description = "The number in full (not cached)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ContactResponse.class)))
    @APIResponse(responseCode = "403", description = "Another role, or a record outside your grid or community")
    @APIResponse(responseCode = "404", description = "No such household")
    @APIResponse(responseCode = "422", description = "NO_PHONE: no number on record, or the details were erased; "
            + "VALIDATION_FAILED: no reason")
    public Response contact(@PathParam("id") UUID id, @Valid @NotNull ContactRequest request) {
        return Response.ok(contacts.household(id, request.reason())).header("Cache-Control", "no-store").build();
    }
}
