package org.yimeng.volunteer.wish;

import static org.yimeng.model.Roles.AUDITOR;
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

/** Micro-wishes (微心愿): the public listing and the claim → fulfil / cancel actions. */
@Path("/api/v1/wishes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Wishes")
public class WishResource {
    @Inject
    WishService wishes;

    @GET
    @RolesAllowed({ VOLUNTEER, RESIDENT, GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN, AUDITOR })
    @Operation(operationId = "listWishes", summary = "List wishes city-wide (filters communityId, status); public-facing: no household details")
    public Page<PublicWishResponse> list(@QueryParam("communityId") UUID communityId,
            @QueryParam("status") WishStatus status, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return wishes.list(communityId, status, limit, cursor);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ VOLUNTEER, RESIDENT, GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "getWish", summary = "One wish with its household, for staff in scope and its claimant")
    public WishResponse get(@PathParam("id") UUID id) {
        return wishes.get(id);
    }

    @POST
    @Path("/{id}/claim")
    @RolesAllowed({ VOLUNTEER, RESIDENT, GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "claimWish", summary = "Claim an OPEN wish for one volunteer (a volunteer may claim for themself, omitting "
            + "volunteerId; 409 WISH_ALREADY_CLAIMED, INVALID_WISH_STATE)")
    public WishResponse claim(@PathParam("id") UUID id, @Valid @NotNull ClaimWishRequest request) {
        return wishes.claim(id, request.volunteerId());
    }

    @POST
    @Path("/{id}/unclaim")
    @RolesAllowed({ VOLUNTEER, RESIDENT, GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "unclaimWish", summary = "Give a CLAIMED wish back (OPEN again): its claimant or staff "
            + "in scope (409 INVALID_WISH_STATE)")
    @APIResponse(responseCode = "200", description = "The wish, OPEN")
    @APIResponse(responseCode = "409", description = "INVALID_WISH_STATE")
    public WishResponse unclaim(@PathParam("id") UUID id) {
        return wishes.unclaim(id);
    }

    @POST
    @Path("/{id}/fulfil")
    @RolesAllowed({ VOLUNTEER, RESIDENT, GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "fulfilWish", summary = "Mark a CLAIMED wish fulfilled, by staff in scope or its claimant; minutes become the "
            + "claimant's service record, confirmed when staff record them (409 INVALID_WISH_STATE; 422 "
            + "RECORDING_WINDOW_CLOSED)")
    public WishResponse fulfil(@PathParam("id") UUID id, @Valid @NotNull FulfilWishRequest request) {
        return wishes.fulfil(id, request);
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "cancelWish", summary = "Cancel an OPEN or CLAIMED wish with a reason (409 INVALID_WISH_STATE)")
    public WishResponse cancel(@PathParam("id") UUID id, @Valid @NotNull CancelWishRequest request) {
        return wishes.cancel(id, request.reason());
    }
}
