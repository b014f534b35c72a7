package org.yimeng.volunteer.notice;

import static org.yimeng.model.Roles.CITY_ADMIN;
import static org.yimeng.model.Roles.COMMUNITY_ADMIN;
import static org.yimeng.model.Roles.COUNTY_ADMIN;
import static org.yimeng.model.Roles.GRID_WORKER;
import static org.yimeng.model.Roles.RESIDENT;
import static org.yimeng.model.Roles.VOLUNTEER;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Everyone's inbox (api.md "Residents"): a volunteer's notices by record, a staff member's by token subject
 * (appeals filed, call-outs answered, wishes claimed or fulfilled). docs/notifications.md says what is sent when.
 */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Notifications")
@RolesAllowed({ VOLUNTEER, RESIDENT, GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
public class NotificationResource {
    @Inject
    NotificationService service;

    @GET
    @Path("/notifications")
    @Operation(operationId = "listMyNotifications", summary = "My inbox, newest first (unread=true: only unread), "
            + "with the count of all my unread notices; held=true while a notice waits out my quiet hours")
    @APIResponse(responseCode = "200", description = "{items, nextCursor, unreadCount}")
    public NotificationPage inbox(@QueryParam("unread") Boolean unread, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return service.inbox(Boolean.TRUE.equals(unread), limit, cursor);
    }

    @POST
    @Path("/notifications/{id}/read")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "markMyNotificationRead", summary = "Mark one of my notices read (again: unchanged)")
    @APIResponse(responseCode = "200", description = "the notice as it now is")
    @APIResponse(responseCode = "404", description = "NOT_FOUND: no such notice in my inbox")
    public NotificationResponse read(@PathParam("id") UUID id) {
        return service.read(id);
    }

    @GET
    @Path("/notification-preferences")
    @Operation(operationId = "getMyNotificationPreferences", summary = "What I receive: reminders, the weekly nudge, "
            + "quiet hours (defaults: both on, 21:00–08:00)")
    @APIResponse(responseCode = "200", description = "{reminders, weeklyNudge, quietHours: {from, to}}")
    public PreferencesBody preferences() {
        return service.preferences();
    }

    @PUT
    @Path("/notification-preferences")
    @Operation(operationId = "setMyNotificationPreferences", summary = "Choose reminders, the weekly nudge and quiet "
            + "hours (local time, HH:mm; may cross midnight). Emergency call-outs, changes and cancellations of what "
            + "I signed up for cannot be switched off and are never held")
    @APIResponse(responseCode = "200", description = "the preferences as stored")
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED: a missing field, a time not HH:mm, from = to")
    public PreferencesBody setPreferences(@Valid @NotNull PreferencesBody body) {
        return service.setPreferences(body);
    }
}
