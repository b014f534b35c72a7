package org.yimeng.volunteer.imports;

import static org.yimeng.model.Roles.CITY_ADMIN;
import static org.yimeng.model.Roles.COMMUNITY_ADMIN;
import static org.yimeng.model.Roles.COUNTY_ADMIN;
import static org.yimeng.model.Roles.GRID_WORKER;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.yimeng.kit.error.ApiException;
import org.yimeng.volunteer.pairing.PairingStatus;
import org.yimeng.volunteer.support.Params;
import org.yimeng.volunteer.volunteer.VolunteerStatus;

/** Spreadsheet exports of what the caller's scope holds. */
@Path("/api/v1/exports")
@Tag(name = "Exports")
public class ExportResource {
    @Inject
    ExportService exports;

    @GET
    @Path("/{kind}")
    @Produces({"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv", "application/json"})
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "exportRecords", summary = "Export households, volunteers, pairings or service-records as xlsx or csv (format=), in the "
            + "import templates' shape, within your scope (filters communityId, gridId, status, volunteerId, from, to); "
            + "phones and ID numbers masked, CSV cells safe against formula injection")
    @APIResponse(responseCode = "200", description = "The export file", content = {
            @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING))})
    public Response export(
            @Parameter(schema = @Schema(enumeration = {"households", "volunteers", "pairings", "service-records"}))
            @PathParam("kind") String kind,
            @Parameter(schema = @Schema(enumeration = {"xlsx", "csv"}, defaultValue = "xlsx")) @QueryParam("format") String format,
            @QueryParam("communityId") UUID communityId, @QueryParam("gridId") UUID gridId,
            @Parameter(description = "volunteers: a VolunteerStatus; pairings: a PairingStatus")
            @QueryParam("status") String status, @QueryParam("volunteerId") UUID volunteerId,
            @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to) {
        ExportService.Kind k = ExportService.Kind.of(kind);
        if (k == null) {
            throw ApiException.notFound("Export", kind);
        }
        FileFormat f = FileFormat.ofQuery(format);
        String s = switch (k) {
            case VOLUNTEERS -> nameOf(Params.enumOf(VolunteerStatus.class, "status", status));
            case PAIRINGS -> nameOf(Params.enumOf(PairingStatus.class, "status", status));
            default -> null;
        };
        ExportService.Filters filters = new ExportService.Filters(communityId, gridId, s, volunteerId, from, to);
        ExportService.Plan plan = exports.plan(k, filters);
        StreamingOutput body = out -> exports.write(plan, f, out);
        return ImportResource.file(body, f, k.title + "导出");
    }

    private static String nameOf(Enum<?> e) {
        return e == null ? null : e.name();
    }
}
