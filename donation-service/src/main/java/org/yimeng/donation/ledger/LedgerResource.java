package org.yimeng.donation.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.yimeng.donation.ledger.LedgerCommand.Posted;
import org.yimeng.donation.ledger.LedgerDtos.BalanceView;
import org.yimeng.donation.ledger.LedgerDtos.EntryView;
import org.yimeng.donation.ledger.LedgerDtos.ReversalRequest;
import org.yimeng.donation.ledger.LedgerDtos.StatementView;
import org.yimeng.donation.ledger.LedgerDtos.VerifyView;
import org.yimeng.donation.scope.Scope;
import org.yimeng.kit.error.ApiException;
import org.yimeng.kit.idempotency.Idempotency;
import org.yimeng.kit.page.Cursor;
import org.yimeng.kit.page.Page;

/** The ledger for auditors: entries, balances, statements, export, verify; reversals for finance. */
@Path("/api/v1/ledger")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Ledger")
public class LedgerResource {
    static final String NDJSON = "application/x-ndjson";
    static final String CSV = "text/csv";
    private static final String READERS_AUDITOR = "AUDITOR";

    @Inject
    LedgerReader reader;

    @Inject
    ChainVerifier verifier;

    @Inject
    LedgerService ledger;

    @Inject
    Scope scope;

    @Inject
    Idempotency idempotency;

    @GET
    @Path("/entries")
    @RolesAllowed({READERS_AUDITOR, "FINANCE", "CITY_ADMIN", "COUNTY_ADMIN", "COMMUNITY_ADMIN"})
    @Operation(operationId = "listLedgerEntries", summary = "List entries (keyset pages by sequence)",
            description = "Filters: communityId, type, and occurredAt in [from, to).")
    public Page<EntryView> entries(@QueryParam("communityId") UUID communityId, @QueryParam("type") EntryType type,
            @QueryParam("from") Instant from, @QueryParam("to") Instant to, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        int n = Cursor.limit(limit);
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiException.invalid("to", "must be after from").detail("afterFrom");
        }
        if (communityId != null) {
            scope.checkRead(communityId);
        }
        return reader.entries(scope.listFilter(), communityId, type, from, to, n, cursor);
    }

    @GET
    @Path("/communities/{id}/balance")
    @RolesAllowed({READERS_AUDITOR, "FINANCE", "CITY_ADMIN", "COUNTY_ADMIN", "COMMUNITY_ADMIN"})
    @Operation(operationId = "getFundBalance", summary = "A community fund's balance as of an instant",
            description = "Entries that occurred before asOf (default now); lastSequence is the last one counted.")
    public BalanceView balance(@PathParam("id") UUID id, @QueryParam("asOf") Instant asOf) {
        scope.checkRead(id);
        return reader.balance(id, asOf);
    }

    @GET
    @Path("/communities/{id}/statement")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @RolesAllowed({READERS_AUDITOR, "FINANCE", "CITY_ADMIN", "COUNTY_ADMIN", "COMMUNITY_ADMIN"})
    @Operation(operationId = "getFundStatement", summary = "A fund statement for Asia/Shanghai dates [from, to)",
            description = "in = donations, out = disbursements, corrections = the signed sum of reversals; "
                    + "closing = opening + in - out + corrections. Accept: text/csv gives it for people: UTF-8 BOM, "
                    + "Chinese headers, yuan beside fen, each entry with its running balance, receipt number, channel, "
                    + "activity and reversal reason, then the totals.")
    @APIResponse(responseCode = "200", description = "The statement", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StatementView.class)),
            @Content(mediaType = CSV)})
    public Response statement(@PathParam("id") UUID id, @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        if (from == null) {
            throw ApiException.invalid("from", "required (YYYY-MM-DD)").detail("requiredDate");
        }
        if (to == null) {
            throw ApiException.invalid("to", "required (YYYY-MM-DD)").detail("requiredDate");
        }
        if (!from.isBefore(to)) {
            throw ApiException.invalid("to", "must be after from (to is exclusive)").detail("afterFromExclusive");
        }
        scope.checkRead(id);
        if (wants(accept, CSV)) {
            StreamingOutput body = out -> stream(() -> reader.statementCsv(id, from, to, out));
            return Response.ok(body, CSV + "; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"statement-" + id + "-" + from + "-" + to + ".csv\"")
                    .build();
        }
        return Response.ok(reader.statement(id, from, to), MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/export")
    @Produces({NDJSON, CSV})
    @RolesAllowed({READERS_AUDITOR, "FINANCE"})
    @Operation(operationId = "exportLedger", summary = "Export a sequence range of the chain, streamed",
            description = "One entry per line (application/x-ndjson) or row (text/csv), in sequence order, with every "
                    + "field of the hash line.")
    @APIResponse(responseCode = "200", description = "The entries", content = {@Content(mediaType = NDJSON),
            @Content(mediaType = CSV)})
    public Response export(@QueryParam("fromSequence") Long fromSequence, @QueryParam("toSequence") Long toSequence,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        checkRange(fromSequence, toSequence);
        boolean csv = wants(accept, CSV) && !wants(accept, NDJSON);
        StreamingOutput body = out -> stream(() -> reader.export(fromSequence, toSequence, csv, out));
        return Response.ok(body, csv ? CSV + "; charset=utf-8" : NDJSON).build();
    }

    @GET
    @Path("/verify")
    @RolesAllowed({READERS_AUDITOR, "FINANCE"})
    @Operation(operationId = "verifyLedger", summary = "Recompute the chain and report the first bad sequence",
            description = "headSequence and headHash are the chain's recorded head, whatever range was checked.")
    public VerifyView verify(@QueryParam("fromSequence") Long fromSequence, @QueryParam("toSequence") Long toSequence) {
        checkRange(fromSequence, toSequence);
        return verifier.verify(fromSequence, toSequence);
    }

    @POST
    @Path("/entries/{entryId}/reversal")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("FINANCE")
    @Operation(operationId = "reverseLedgerEntry", summary = "Reverse an entry",
            description = "Appends a REVERSAL of the same amount between the same accounts, the other way round. "
                    + "409 ALREADY_REVERSED; 422 INSUFFICIENT_FUNDS when the fund no longer holds the amount.")
    @APIResponse(responseCode = "201", description = "The reversal entry",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EntryView.class)))
    public Response reverse(@PathParam("entryId") UUID entryId,
            @Parameter(in = ParameterIn.HEADER, name = Idempotency.HEADER, required = false,
                    description = "Optional: the same key and body answer the first response again") @HeaderParam(Idempotency.HEADER) String key,
            @Valid @NotNull ReversalRequest request) {
        record Keyed(UUID entryId, String reason) {
        }
        return idempotency.execute("reversal", key, new Keyed(entryId, request.reason()), () -> {
            Posted posted = LedgerService.await(ledger.reverse(entryId, request.reason().strip(), scope.subject()));
            return Response.status(201).entity(EntryView.of(posted.entry())).build();
        });
    }

    private static void checkRange(Long from, Long to) {
        if (from != null && from < 1) {
            throw ApiException.invalid("fromSequence", "must be at least 1").detail("atLeast1");
        }
        if (to != null && to < 1) {
            throw ApiException.invalid("toSequence", "must be at least 1").detail("atLeast1");
        }
        if (from != null && to != null && to < from) {
            throw ApiException.invalid("toSequence", "must not be before fromSequence").detail("notBeforeFromSequence");
        }
    }

    static boolean wants(String accept, String type) {
        if (accept == null) {
            return false;
        }
        for (String part : List.of(accept.split(","))) {
            if (part.strip().toLowerCase().startsWith(type)) {
                return true;
            }
        }
        return false;
    }

    private interface Io {
        void run() throws Exception;
    }

    private static void stream(Io io) throws java.io.IOException {
        try {
            io.run();
        } catch (java.io.IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new java.io.IOException(e);
        }
    }
}
