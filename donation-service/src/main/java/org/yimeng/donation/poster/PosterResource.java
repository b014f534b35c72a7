package org.yimeng.donation.poster;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.yimeng.kit.error.ApiException;
import org.yimeng.model.ErrorCode;

/** The printable poster of a collection point (api.md "Public pages"): SVG or PDF, for staff to print. */
@Path("/api/v1/piggy-banks/{id}/poster")
@Tag(name = "Piggy-banks")
public class PosterResource {
    static final String SVG = "image/svg+xml";
    static final String PDF = "application/pdf";

    @Inject
    PosterService service;

    @GET
    @RolesAllowed({"COMMUNITY_ADMIN", "COUNTY_ADMIN", "CITY_ADMIN", "AUDITOR", "FINANCE", "COLLECTOR"})
    @Operation(operationId = "getPiggyBankPoster", summary = "The printable A4 poster of a collection point",
            description = "Accept: image/svg+xml (the default) or application/pdf; anything else 406 NOT_ACCEPTABLE. "
                    + "The poster shows 爱扑满 · the community, the QR of the public page <public.base-url>/p/<code>, "
                    + "the box's label, place and code, and what 公开募捐管理办法 §16 asks a collection point to show "
                    + "(organisation, 统一社会信用代码, 公开募捐资格, 募捐方案备案编号, purpose, contact, complaints, look-up), "
                    + "from configuration. Read by the roles that may read the piggy-bank, in their scope; 422 "
                    + "PIGGY_BANK_RETIRED for a retired box.")
    @APIResponse(responseCode = "200", description = "The poster", content = {@Content(mediaType = SVG),
            @Content(mediaType = PDF)})
    @APIResponse(responseCode = "406", description = "Neither image/svg+xml nor application/pdf is acceptable",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Response poster(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        PosterFormat format = PosterFormat.choose(accept).orElseThrow(() -> new ApiException(ErrorCode.NOT_ACCEPTABLE,
                "The poster is offered as " + SVG + " or " + PDF).with("offered", List.of(SVG, PDF)));
        PosterFacts facts = service.facts(id);
        Poster poster = PosterLayout.of(facts);
        Object body = format == PosterFormat.SVG ? PosterSvg.of(poster) : PosterPdf.of(poster);
        String type = format == PosterFormat.SVG ? SVG + ";charset=utf-8" : PDF;
        return Response.ok(body, type)
                // a staff document behind a token: browsers may keep it a while, shared caches never
                .header("Cache-Control", "private, max-age=300")
                .header("Vary", "Accept, Authorization")
                .header("X-Content-Type-Options", "nosniff")
                // an SVG opened on its own is a document: no script, no fetch, whatever a name contains
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
                .header("Content-Disposition", "inline; filename=\"poster-" + facts.piggyBankCode() + "."
                        + format.extension + "\"")
                .build();
    }
}
