package org.yimeng.volunteer.callout;

import static org.yimeng.model.Roles.RESIDENT;
import static org.yimeng.model.Roles.VOLUNTEER;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Emergency call-outs, the asked volunteer's side (api.md): my call-outs, accept, decline. */
@Path("/api/v1/me/call-outs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Call-outs")
public class MeCallOutResource {
    @Inject
    CallOuts callOuts;

    @GET
        @RolesAllowed({ VOLUNTEER, RESIDENT })
    @Operation(operationId = "listMyCallOuts", summary = "Emergency call-outs sent to me, newest first (the last 100)")
    @APIResponse(responseCode = "200", description = "my call-outs, with open=false once the activity started")
    public List<CallOutResponses.Mine> mine() {
        return callOuts.mine();
    }

    @POST
    @Path("/{id}/accept")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ VOLUNTEER, RESIDENT })
    @Operation(operationId = "acceptCallOut", summary = "Accept: signs me up for the activity")
    @APIResponse(responseCode = "200", description = "the call-out as I now see it (answer ACCEPTED)")
    @APIResponse(responseCode = "409", description = "ACTIVITY_FULL (the places went meanwhile; nothing written); "
            + "CALL_OUT_ALREADY_ANSWERED; CALL_OUT_CLOSED; OVERLAPPING_SIGNUP")
    @APIResponse(responseCode = "404", description = "NOT_FOUND: no such call-out sent to me")
    public CallOutResponses.Mine accept(@PathParam("id") UUID id) {
        return callOuts.accept(id);
    }

    @POST
    @Path("/{id}/decline")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ VOLUNTEER, RESIDENT })
    @Operation(operationId = "declineCallOut", summary = "Decline; the call-out may ask someone else at once")
    @APIResponse(responseCode = "200", description = "the call-out as I now see it (answer DECLINED)")
    @APIResponse(responseCode = "409", description = "CALL_OUT_ALREADY_ANSWERED; CALL_OUT_CLOSED")
    @APIResponse(responseCode = "404", description = "NOT_FOUND: no such call-out sent to me")
    public CallOutResponses.Mine decline(@PathParam("id") UUID id) {
        return callOuts.decline(id);
    }
}
