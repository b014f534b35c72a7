package org.yimeng.donation.site;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A donor checks their own gift by its receipt number; no token, no donor details. */
@Path("/public/v1/receipts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Public")
public class ReceiptResource {
    @Inject
    Receipts receipts;

    @GET
    @Path("/{receiptNo}")
    @PermitAll
    @SecurityRequirements
    @Operation(operationId = "checkReceipt", summary = "A gift's entry and its proof of inclusion",
            description = "The entry of a receipt number with every field of its chain line, and an RFC 9162 audit "
                    + "path to the Merkle root of its digest period (docs/ledger-hash.md, \"Gift proofs\"); until the "
                    + "next digest covers the entry, proofStatus is PENDING. 404 RECEIPT_NOT_FOUND.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Receipts.ReceiptView.class)))
    public Response receipt(@PathParam("receiptNo") String receiptNo) {
        Receipts.ReceiptView view = receipts.find(receiptNo);
        CacheControl cache = new CacheControl();
        // a proof never changes; the reversed flag may, so a short life (a pending proof is asked again soon)
        cache.setMaxAge(Receipts.INCLUDED.equals(view.proofStatus()) ? 300 : 10);
        cache.setPrivate(false);
        return Response.ok(view).cacheControl(cache).build();
    }
}
