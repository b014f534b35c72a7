package org.yimeng.volunteer.wish;

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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.yimeng.kit.idempotency.Idempotency;
import org.yimeng.kit.page.Page;

/** A household's micro-wishes, recorded and read by staff in the household's scope. */
@Path("/api/v1/households/{householdId}/wishes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Wishes")
public class HouseholdWishResource {
    @Inject
    WishService wishes;

    @Inject
    Idempotency idempotency;

    @POST
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "createWish", summary = "Record a household's micro-wish (201, OPEN)")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WishResponse.class)))
    public Response create(@PathParam("householdId") UUID householdId, @HeaderParam(Idempotency.HEADER) String key,
            @Valid @NotNull CreateWishRequest request) {
        return idempotency.execute("wishes:" + householdId, key, request,
                () -> Response.status(Response.Status.CREATED).entity(wishes.create(householdId, request)).build());
    }

    @GET
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "listHouseholdWishes", summary = "The household's wishes, oldest first")
    public Page<WishResponse> list(@PathParam("householdId") UUID householdId) {
        return new Page<>(wishes.ofHousehold(householdId), null);
    }
}
