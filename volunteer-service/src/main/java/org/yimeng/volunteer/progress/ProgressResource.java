package org.yimeng.volunteer.progress;

import static org.yimeng.model.Roles.AUDITOR;
import static org.yimeng.model.Roles.CITY_ADMIN;
import static org.yimeng.model.Roles.COMMUNITY_ADMIN;
import static org.yimeng.model.Roles.COUNTY_ADMIN;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The progress review per county and city-wide, as JSON or (Accept: text/csv) as a spreadsheet. */
@Path("/api/v1/progress")
@Tag(name = "Progress")
public class ProgressResource {
    static final String CSV = "text/csv";

    @Inject
    ProgressService progress;

    @GET
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @RolesAllowed({ COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN, AUDITOR })
    @Operation(operationId = "getProgress", summary = "Progress review per county and total (?countyCode= for one, with a row per community; "
            + "?communityId= for one community, the default of a COMMUNITY_ADMIN): pilots vs target, households, "
            + "surveyed, paired, coverage, archives complete, wishes by status and fulfilment rate, volunteers, "
            + "weekly-goal ratio, service minutes, this year's programme calendar; Accept: text/csv for the same tables")
    @APIResponse(responseCode = "200", description = "The review as JSON, or the same table as CSV", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProgressResponse.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING))})
    public Response get(@Parameter(description = "County code", schema = @Schema(pattern = "^[0-9]{6}$", maxLength = 6))
            @QueryParam("countyCode") String countyCode, @QueryParam("communityId") UUID communityId,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        ProgressResponse p = progress.progress(countyCode, communityId);
        if (wantsCsv(accept)) {
            return Response.ok(ProgressCsv.of(p), CSV + "; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"progress.csv\"").build();
        }
        return Response.ok(p, MediaType.APPLICATION_JSON).build();
    }

    /** CSV when the client names it before (or without) JSON. */
    static boolean wantsCsv(String accept) {
        if (accept == null) {
            return false;
        }
        int csv = accept.indexOf(CSV);
        int json = accept.indexOf(MediaType.APPLICATION_JSON);
        return csv >= 0 && (json < 0 || csv < json);
    }
}
