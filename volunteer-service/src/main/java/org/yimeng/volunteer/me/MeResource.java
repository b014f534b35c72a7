package org.yimeng.volunteer.me;

import static org.yimeng.model.Roles.RESIDENT;
import static org.yimeng.model.Roles.VOLUNTEER;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.yimeng.kit.idempotency.Idempotency;
import org.yimeng.kit.page.Page;
import org.yimeng.volunteer.certificate.CertificateResponse;
import org.yimeng.volunteer.volunteer.VolunteerResponse;
import org.yimeng.volunteer.wish.PublicWishResponse;

/**
 * The mobile app's own door (api.md "Residents"): everything here is about the caller alone, who is the token, never
 * an id in the request.
 */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Me")
public class MeResource {
    @Inject
    MeService me;

    @Inject
    CurrentVolunteer current;

    @Inject
    Idempotency idempotency;

    @POST
    @Path("/volunteer")
    @RolesAllowed(RESIDENT)
    @Operation(operationId = "registerMe", summary = "Register yourself as a volunteer, with consent; the phone is "
            + "the token's verified phone_number (a phone in the body is refused). A record a worker made for the "
            + "same phone is linked instead (200)")
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VolunteerResponse.class)))
    @APIResponse(responseCode = "200", description = "A worker's record of the same phone linked to you",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = VolunteerResponse.class)))
    @APIResponse(responseCode = "403", description = "PHONE_NOT_VERIFIED")
    @APIResponse(responseCode = "409", description = "ALREADY_REGISTERED, DUPLICATE_VOLUNTEER (ID number of another phone)")
    @APIResponse(responseCode = "422", description = "CONSENT_REQUIRED, INVALID_ID_NUMBER, UNKNOWN_COMMUNITY, VALIDATION_FAILED")
    public Response register(@HeaderParam(Idempotency.HEADER) String key,
            @Valid @NotNull SelfRegistrationRequest request) {
        return idempotency.execute(MeService.registrationScope(current.subject()), key, request, () -> {
            MeService.Registration r = me.register(request);
            return Response.status(r.created() ? Response.Status.CREATED : Response.Status.OK).entity(r.volunteer())
                    .build();
        });
    }

    @GET
    @RolesAllowed({ VOLUNTEER, RESIDENT })
    @Operation(operationId = "getMe", summary = "Your record (masked), hours, star level, this week's progress to "
            + "60 minutes, your streak of weeks, upcoming sign-ups, pairings you serve and wishes you claimed")
    @APIResponse(responseCode = "200", description = "You")
    @APIResponse(responseCode = "404", description = "NOT_REGISTERED")
    public MeResponse get() {
        return me.me();
    }

    @PATCH
    @RolesAllowed({ VOLUNTEER, RESIDENT })
    @Operation(operationId = "updateMe", summary = "Change your name, grid (of your community) or skills")
    @APIResponse(responseCode = "200", description = "Your record")
    @APIResponse(responseCode = "404", description = "NOT_REGISTERED")
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED, UNKNOWN_GRID")
    public VolunteerResponse update(@Valid @NotNull UpdateMeRequest request) {
        return me.update(request);
    }

    @POST
    @Path("/withdraw")
    @RolesAllowed({ VOLUNTEER, RESIDENT })
    @Operation(operationId = "withdrawMe", summary = "Withdraw your consent: your details are erased (hours kept for "
            + "the counts), your account is unlinked")
    @APIResponse(responseCode = "200", description = "Erased")
    @APIResponse(responseCode = "404", description = "NOT_REGISTERED")
    public WithdrawalResponse withdraw() {
        return me.withdraw();
    }

    @GET
    @Path("/certificate")
    @RolesAllowed({ VOLUNTEER, RESIDENT })
    @Operation(operationId = "getMyCertificate", summary = "Your certificate of service (志愿服务记录证明)")
    @APIResponse(responseCode = "200", description = "The certificate")
    @APIResponse(responseCode = "404", description = "NOT_REGISTERED")
    public CertificateResponse certificate() {
        return me.certificate();
    }

    @GET
    @Path("/wishes")
    @RolesAllowed({ VOLUNTEER, RESIDENT })
    @Operation(operationId = "listMyWishes", summary = "Open wishes of your community, without household details; "
            + "claim one with POST /api/v1/wishes/{id}/claim and {}")
    @APIResponse(responseCode = "200", description = "{items, nextCursor}")
    @APIResponse(responseCode = "404", description = "NOT_REGISTERED")
    public Page<PublicWishResponse> wishes(@QueryParam("limit") @Min(1) @Max(500) Integer limit,
            @QueryParam("cursor") String cursor) {
        return me.wishes(limit, cursor);
    }
}
