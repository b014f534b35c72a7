package org.yimeng.volunteer.certificate;

import static org.yimeng.model.Roles.CITY_ADMIN;
import static org.yimeng.model.Roles.COMMUNITY_ADMIN;
import static org.yimeng.model.Roles.COUNTY_ADMIN;
import static org.yimeng.model.Roles.GRID_WORKER;
import static org.yimeng.model.Roles.RESIDENT;
import static org.yimeng.model.Roles.VOLUNTEER;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A volunteer's certificate of service (志愿服务记录证明). */
@Path("/api/v1/volunteers/{id}/certificate")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Certificates")
public class CertificateResource {
    @Inject
    CertificateService certificates;

    @GET
    @RolesAllowed({ VOLUNTEER, RESIDENT, GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "getVolunteerCertificate", summary = "The volunteer's certificate: confirmed service time, records, recording organisation and a "
            + "verification code (the same code until new service is confirmed; a volunteer gets only their own)")
    public CertificateResponse get(@PathParam("id") UUID id) {
        return certificates.issue(id);
    }
}
