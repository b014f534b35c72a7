package org.yimeng.volunteer.imports;

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
    @RolesAllowed({"GRID_WORKER", "COMMUNITY_ADMIN", "COUNTY_ADMIN", "CITY_ADMIN"})
    @Operation(summary = "Export households, volunteers, pairings or service-records as xlsx or csv (format=), in the "
            + "import templates' shape, within your scope (filters communityId, gridId, status, volunteerId, from, to); "
            + "phones and ID numbers masked, CSV cells safe against formula injection")
    public Response export(@PathParam("kind") String kind, @QueryParam("format") String format,
            @QueryParam("communityId") String communityId, @QueryParam("gridId") String gridId,
            @QueryParam("status") String status, @QueryParam("volunteerId") String volunteerId,
            @QueryParam("from") String from, @QueryParam("to") String to) {
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
        ExportService.Filters filters = new ExportService.Filters(Params.uuid("communityId", communityId),
                Params.uuid("gridId", gridId), s, Params.uuid("volunteerId", volunteerId), Params.date("from", from),
                Params.date("to", to));
        ExportService.Plan plan = exports.plan(k, filters);
        StreamingOutput body = out -> exports.write(plan, f, out);
        return ImportResource.file(body, f, k.title + "导出");
    }

    private static String nameOf(Enum<?> e) {
        return e == null ? null : e.name();
    }
}
