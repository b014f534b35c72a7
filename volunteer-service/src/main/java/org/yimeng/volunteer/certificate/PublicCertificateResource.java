package org.yimeng.volunteer.certificate;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Verification of a certificate by its code, without a token. */
@Path("/public/v1/certificates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Certificates")
public class PublicCertificateResource {
    @Inject
    CertificateService certificates;

    @GET
    @Path("/{code}")
    @PermitAll
    @Operation(operationId = "verifyCertificate", summary = "Verify a certificate by its code (no token): the certified service without ID number or "
            + "phone (404 CERTIFICATE_NOT_FOUND)")
    public CertificateResponse verify(@PathParam("code") String code) {
        return certificates.verify(code);
    }
}
