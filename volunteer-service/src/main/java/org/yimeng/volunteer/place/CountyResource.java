package org.yimeng.volunteer.place;

import static org.yimeng.model.Roles.CITY_ADMIN;
import static org.yimeng.model.Roles.COMMUNITY_ADMIN;
import static org.yimeng.model.Roles.COUNTY_ADMIN;
import static org.yimeng.model.Roles.GRID_WORKER;
import static org.yimeng.model.Roles.RESIDENT;
import static org.yimeng.model.Roles.VOLUNTEER;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.yimeng.kit.page.Page;

/** Counties and their progress towards the pilot target. */
@Path("/api/v1/counties")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Places")
public class CountyResource {
    @Inject
    PlaceService places;

    @GET
    @RolesAllowed({ VOLUNTEER, RESIDENT, GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "listCounties", summary = "List the city's counties, districts and zones with their codes")
    public Page<CountyResponse> list() {
        List<CountyResponse> all = places.counties();
        return new Page<>(all, null);
    }

    @GET
    @Path("/{code}/pilot-status")
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "getCountyPilotStatus", summary = "Pilot communities of a county against the target ratio (requiredPilots = ceil(targetRatio × communities))")
    public PilotStatusResponse pilotStatus(
            @Parameter(description = "County code", schema = @Schema(pattern = "^[0-9]{6}$", maxLength = 6)) @PathParam("code") String code) {
        return places.pilotStatus(code);
    }
}
