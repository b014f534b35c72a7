package org.yimeng.donation.piggybank;

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
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.yimeng.donation.piggybank.PiggyBankDtos.CreatePiggyBank;
import org.yimeng.donation.piggybank.PiggyBankDtos.PiggyBankView;
import org.yimeng.kit.page.Page;

/** Piggy-banks ("Ai Pu Man", 爱扑满), managed by community, county and city admins within their scope. */
@Path("/api/v1/piggy-banks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Piggy-banks")
public class PiggyBankResource {
    @Inject
    PiggyBankService service;

    @POST
    @RolesAllowed({"COMMUNITY_ADMIN", "COUNTY_ADMIN", "CITY_ADMIN"})
    @Operation(operationId = "createPiggyBank", summary = "Set up a piggy-bank for a community",
            description = "422 UNKNOWN_COMMUNITY until the community reached the ledger over Kafka.")
    @APIResponse(responseCode = "201", description = "The piggy-bank, with its printable code")
    public Response create(@Valid @NotNull CreatePiggyBank request) {
        return Response.status(201).entity(service.create(request)).build();
    }

    @GET
    @RolesAllowed({"COMMUNITY_ADMIN", "COUNTY_ADMIN", "CITY_ADMIN", "AUDITOR", "FINANCE", "COLLECTOR"})
    @Operation(operationId = "listPiggyBanks", summary = "List piggy-banks (keyset pages)")
    public Page<PiggyBankView> list(@QueryParam("communityId") UUID communityId, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return service.list(communityId, limit, cursor);
    }

    @POST
    @Path("/{id}/retire")
    @RolesAllowed({"COMMUNITY_ADMIN", "COUNTY_ADMIN", "CITY_ADMIN"})
    @Operation(operationId = "retirePiggyBank", summary = "Retire a piggy-bank", description = "Donations to a retired piggy-bank get 422 PIGGY_BANK_RETIRED.")
    public PiggyBankView retire(@PathParam("id") UUID id) {
        return service.retire(id);
    }
}
