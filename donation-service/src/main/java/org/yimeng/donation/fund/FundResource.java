package org.yimeng.donation.fund;

import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.yimeng.donation.site.CommunityDirectory;
import org.yimeng.kit.page.Page;

/** The public disclosure of each community's fund; no token needed. */
@Path("/public/v1/communities")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Public")
public class FundResource {
    @Inject
    FundService service;

    @Inject
    CommunityDirectory directory;

    @GET
    @PermitAll
    @SecurityRequirements
    @Operation(operationId = "listPublicCommunities", summary = "Communities with a fund, to find one's own",
            description = "By county (countyCode) and a part of the name as typed (q), sorted by name; each with its "
                    + "active piggy-banks and the page their QR code opens.")
    public Page<CommunityDirectory.Listed> communities(@QueryParam("countyCode") String countyCode,
            @QueryParam("q") String q, @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return directory.search(countyCode, q, cursor, limit);
    }

    @GET
    @Path("/{id}/fund")
    @PermitAll
    @SecurityRequirements
    @Operation(operationId = "getPublicFundReport", summary = "A community fund's public report", description = "Donated (donations), spent "
            + "(disbursements) and corrections (signed reversals) on their own lines, the balance = donated - spent + "
            + "corrections, and what the money paid for; no donor's or household's personal details.")
    public FundReport fund(@PathParam("id") UUID id) {
        return service.report(id);
    }
}
