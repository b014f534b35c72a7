package org.yimeng.volunteer.callout;

import static org.yimeng.model.Roles.CITY_ADMIN;
import static org.yimeng.model.Roles.COMMUNITY_ADMIN;
import static org.yimeng.model.Roles.COUNTY_ADMIN;
import static org.yimeng.model.Roles.GRID_WORKER;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Emergency call-outs, the organisers' side (api.md): call out, and see who answered. */
@Path("/api/v1/activities/{id}/call-out")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Call-outs")
public class CallOutResource {
    @Inject
    CallOuts callOuts;

    @POST
        @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "callOutActivity", summary = "Call out an EMERGENCY activity: the best-ranked candidates "
            + "(as /candidates ranks them) are asked at once (CALL_OUT, urgent); further waves go out while the asks "
            + "awaiting an answer (10 min) cannot fill the free places. Calling again asks the next wave at once")
    @APIResponse(responseCode = "202", description = "{callOutId, asked[]}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CallOutResponses.Started.class)))
    @APIResponse(responseCode = "409", description = "NOT_AN_EMERGENCY; CALL_OUT_CLOSED (started or cannot take place)")
    public Response callOut(@PathParam("id") UUID id, @Valid CallOutRequest request) {
        return Response.accepted(callOuts.start(id, request)).build();
    }

    @GET
        @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "getActivityCallOut", summary = "Who was asked, in which wave, who answered, how and how "
            + "fast (answerSeconds)")
    @APIResponse(responseCode = "200", description = "the call-out")
    @APIResponse(responseCode = "404", description = "NOT_FOUND: the activity was never called out")
    public CallOutResponses.Status status(@PathParam("id") UUID id) {
        return callOuts.status(id);
    }
}
