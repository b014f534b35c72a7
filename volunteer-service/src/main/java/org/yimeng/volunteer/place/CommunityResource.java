package org.yimeng.volunteer.place;

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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.yimeng.kit.page.Page;

/** Villages/communities, their pilot designation and their grids. */
@Path("/api/v1/communities")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Places")
public class CommunityResource {
    @Inject
    PlaceService places;

    @POST
    @RolesAllowed({ COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "createCommunity", summary = "Create a village or community (409 DUPLICATE_COMMUNITY for the same county and name, or the same code)")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommunityResponse.class)))
    public Response create(@Valid @NotNull CreateCommunityRequest request) {
        return Response.status(Response.Status.CREATED).entity(places.createCommunity(request)).build();
    }

    @GET
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "listCommunities", summary = "List communities in your scope (filters countyCode, pilot)")
    public Page<CommunityResponse> list(@Parameter(description = "County code", schema = @Schema(pattern = "^[0-9]{6}$", maxLength = 6)) @QueryParam("countyCode") String countyCode, @QueryParam("pilot") Boolean pilot,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return places.communities(countyCode == null || countyCode.isBlank() ? null : countyCode.trim(),
                pilot, limit, cursor);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "getCommunity", summary = "One community with pilot, pilotSince and fundBalanceFen")
    public CommunityResponse get(@PathParam("id") UUID id) {
        return places.community(id);
    }

    @PUT
    @Path("/{id}/pilot")
    @RolesAllowed({ COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "setCommunityPilot", summary = "Designate the community as a pilot or withdraw it")
    public CommunityResponse pilot(@PathParam("id") UUID id, @Valid @NotNull PilotRequest request) {
        return places.setPilot(id, request.pilot());
    }

    @POST
    @Path("/{id}/grids")
    @RolesAllowed({ COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "createGrid", summary = "Create a grid in the community (409 DUPLICATE_GRID for a name already used there)")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GridResponse.class)))
    public Response createGrid(@PathParam("id") UUID id, @Valid @NotNull CreateGridRequest request) {
        return Response.status(Response.Status.CREATED).entity(places.createGrid(id, request)).build();
    }

    @GET
    @Path("/{id}/grids")
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "listCommunityGrids", summary = "List the community's grids")
    public Page<GridResponse> grids(@PathParam("id") UUID id, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return places.grids(id, limit, cursor);
    }
}
