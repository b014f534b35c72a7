package org.yimeng.volunteer.coverage;

import static org.yimeng.model.Roles.CITY_ADMIN;
import static org.yimeng.model.Roles.COMMUNITY_ADMIN;
import static org.yimeng.model.Roles.COUNTY_ADMIN;
import static org.yimeng.model.Roles.GRID_WORKER;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The "一网帮尽" view of an area. */
@Path("/api/v1/coverage")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Coverage")
public class CoverageResource {
    @Inject
    CoverageService coverage;

    @GET
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "getCoverage", summary = "Households, surveyed, paired, unpaired (with ids), coverage ratio and duplicate active pairings "
            + "of exactly one of countyCode, communityId or gridId, with a per-grid breakdown")
    public CoverageResponse get(@Parameter(description = "County code", schema = @Schema(pattern = "^[0-9]{6}$", maxLength = 6)) @QueryParam("countyCode") String countyCode, @QueryParam("communityId") UUID communityId,
            @QueryParam("gridId") UUID gridId) {
        return coverage.coverage(countyCode == null || countyCode.isBlank() ? null : countyCode.trim(),
                communityId, gridId);
    }
}
