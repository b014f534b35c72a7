package org.yimeng.volunteer.servicerecord;

import static org.yimeng.model.Roles.CITY_ADMIN;
import static org.yimeng.model.Roles.COMMUNITY_ADMIN;
import static org.yimeng.model.Roles.COUNTY_ADMIN;
import static org.yimeng.model.Roles.GRID_WORKER;
import static org.yimeng.model.Roles.RESIDENT;
import static org.yimeng.model.Roles.VOLUNTEER;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.yimeng.kit.error.ApiException;
import org.yimeng.kit.page.Cursor;
import org.yimeng.kit.page.Page;
import org.yimeng.volunteer.scope.Place;
import org.yimeng.volunteer.scope.Scope;
import org.yimeng.volunteer.support.Where;
import org.yimeng.volunteer.volunteer.Volunteer;

/** A volunteer's service records (visits, activities, wishes), for the volunteer themself and staff in scope. */
@Path("/api/v1/volunteers/{id}/service-records")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Service hours")
public class ServiceRecordResource {
    @Inject
    EntityManager em;

    @Inject
    Scope scope;

    @GET
    @Transactional(Transactional.TxType.SUPPORTS)
    @RolesAllowed({ VOLUNTEER, RESIDENT, GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "listServiceRecords", summary = "The volunteer's service records, oldest first (a volunteer sees only their own)")
    public Page<ServiceRecordResponse> list(@PathParam("id") UUID id, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        int n = Cursor.limit(limit);
        requireReader(scope, id);
        Where where = new Where().and("s.volunteerId = :v", "v", id)
                .andIf(Cursor.decodeId(cursor), "s.id > :after", "after");
        List<ServiceRecord> rows = where.bind(em.createQuery("SELECT s FROM ServiceRecord s" + where.sql()
                + " ORDER BY s.id", ServiceRecord.class)).setMaxResults(n + 1).getResultList();
        return Page.of(rows, n, ServiceRecordResponse::of, s -> Cursor.encodeId(s.id));
    }

    /** The volunteer themself, or staff whose scope covers the volunteer; 404 for an unknown volunteer. */
    public static Volunteer requireReader(Scope scope, UUID volunteerId) {
        Volunteer v = Volunteer.findById(volunteerId);
        if (v == null) {
            throw ApiException.notFound("Volunteer", volunteerId);
        }
        if (!scope.access().isVolunteer(volunteerId)) {
            scope.require(new Place(v.countyCode, v.communityId, v.gridId));
        }
        return v;
    }
}
