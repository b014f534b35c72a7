package org.yimeng.donation.donation;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.yimeng.donation.donation.DonationDtos.DonationRequest;
import org.yimeng.donation.donation.DonationDtos.DonationResponse;
import org.yimeng.donation.ledger.LedgerCommand.DonationReceipt;
import org.yimeng.kit.idempotency.Idempotency;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** Donations, posted by collectors (payment platforms, cash-box counters). */
@Path("/api/v1/donations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Donations")
public class DonationResource {
    @Inject
    DonationService service;

    /**
     * Non-blocking: the request waits for its batch without holding a worker thread, which is what lets a few
     * threads carry thousands of waiting donations per second.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("COLLECTOR")
    @Operation(operationId = "recordDonation", summary = "Record a donation",
            description = "Idempotency-Key is required: the same key and body answer the first response again "
                    + "(header Idempotent-Replayed: true); the same key with another body is 422 IDEMPOTENCY_KEY_REUSED. "
                    + "422 UNKNOWN_PIGGY_BANK, UNKNOWN_COMMUNITY, PIGGY_BANK_RETIRED.")
    @APIResponse(responseCode = "201", description = "Recorded (or the replay of the first answer to this key)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DonationResponse.class)))
    public Uni<Response> donate(
            @Parameter(in = ParameterIn.HEADER, name = Idempotency.HEADER, required = true,
                    description = "1 to 200 visible ASCII characters, unique per gift") @HeaderParam(Idempotency.HEADER) String key,
            @Valid @NotNull DonationRequest request) {
        // The writer thread completes the future; the answer is built and written on this request's own event loop,
        // so that the single writer goes straight on to its next batch instead of serialising responses.
        Context context = Vertx.currentContext();
        Uni<DonationReceipt> recorded = Uni.createFrom().completionStage(() -> service.donate(key, request));
        if (context != null) {
            recorded = recorded.emitOn(task -> context.runOnContext(ignored -> task.run()));
        }
        return recorded.map(r -> {
            Response.ResponseBuilder b = Response.status(201).entity(DonationService.response(r));
            if (r.replayed()) {
                b.header("Idempotent-Replayed", "true");
            }
            return b.build();
        });
    }

    @DELETE
    @Path("/{entryId}/donor")
    @Blocking
    @RolesAllowed({"FINANCE", "CITY_ADMIN"})
    @Operation(operationId = "eraseDonor", summary = "Erase a donor's name and phone", description = "The ledger entry and the chain stay as they are.")
    @APIResponse(responseCode = "204", description = "Erased (or there was nothing to erase)")
    public Response eraseDonor(@PathParam("entryId") UUID entryId) {
        service.eraseDonor(entryId);
        return Response.noContent().build();
    }
}
