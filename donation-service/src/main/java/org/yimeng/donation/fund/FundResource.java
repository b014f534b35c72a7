package org.yimeng.donation.fund;

import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public disclosure of each community's fund; no token needed. */
@Path("/public/v1/communities")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Public")
public class FundResource {
    @Inject
    FundService service;

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
