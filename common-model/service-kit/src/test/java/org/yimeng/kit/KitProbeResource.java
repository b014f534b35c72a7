package org.yimeng.kit;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.yimeng.kit.error.ApiException;
import org.yimeng.kit.idempotency.Idempotency;
import org.yimeng.kit.outbox.Outbox;
import org.yimeng.kit.page.Cursor;
import org.yimeng.kit.page.Page;
import org.yimeng.model.DonationChannel;
import org.yimeng.model.Ids;
import org.yimeng.model.event.LedgerDigest;

/** A test-only resource that drives the service kit the way the real resources do. */
@Path("/test/kit")
@RolesAllowed("CITY_ADMIN")
public class KitProbeResource {
    public static final String TOPIC = "kit.selftest.v1";

    @Inject
    Idempotency idempotency;

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    public record ProbeRequest(@NotBlank @Size(max = 50) String label, @Min(1) @Max(10_000_000) long amountFen,
            @NotNull DonationChannel channel, List<@NotBlank String> tags) {
    }

    public record ProbeResponse(UUID id, String label, long amountFen) {
    }

    @POST
    @Path("/effects")
    public Response create(@HeaderParam(Idempotency.HEADER) String key, @Valid @NotNull ProbeRequest request) {
        return idempotency.execute("probe", key, request, () -> Response.status(201).entity(insert(request)).build());
    }

    @Transactional
    ProbeResponse insert(ProbeRequest request) {
        KitProbeEffect effect = new KitProbeEffect();
        effect.id = Ids.newId();
        effect.label = request.label();
        effect.amountFen = request.amountFen();
        em.persist(effect);
        em.flush();
        UUID id = effect.id;
        outbox.publish(TOPIC, LedgerDigest.of(request.amountFen(), request.label(), java.time.Instant.now()));
        return new ProbeResponse(id, request.label(), request.amountFen());
    }

    /** A resource the kit's words know nothing of: a Chinese reader gets NOT_FOUND's generic detail. */
    @GET
    @Path("/effects/{id}")
    public ProbeResponse get(@PathParam("id") UUID id) {
        KitProbeEffect e = em.find(KitProbeEffect.class, id);
        if (e == null) {
            throw ApiException.notFound("ProbeEffect", id);
        }
        return new ProbeResponse(e.id, e.label, e.amountFen);
    }

    @GET
    @Path("/effects")
    @SuppressWarnings("unchecked")
    public Page<ProbeResponse> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        int n = Cursor.limit(limit);
        UUID after = Cursor.decodeId(cursor);
        List<Object[]> rows = em.createNativeQuery("SELECT id, label, amount_fen FROM kit_probe_effect "
                + "WHERE (CAST(?1 AS uuid) IS NULL OR id > CAST(?1 AS uuid)) ORDER BY id LIMIT ?2")
                .setParameter(1, after == null ? null : after.toString()).setParameter(2, n + 1).getResultList();
        return Page.of(rows, n, r -> new ProbeResponse((UUID) r[0], (String) r[1], ((Number) r[2]).longValue()),
                r -> Cursor.encodeId((UUID) r[0]));
    }
}
