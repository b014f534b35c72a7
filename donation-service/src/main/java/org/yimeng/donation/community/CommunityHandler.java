package org.yimeng.donation.community;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.yimeng.kit.consumer.EventHandler;
import org.yimeng.kit.consumer.PoisonEventException;
import org.yimeng.model.event.CommunityChanged;
import org.yimeng.model.event.Topics;

/**
 * Keeps the registry of communities from volunteer.communities.v1 (compacted): an upsert per event, so a replay of
 * the whole topic converges to the same rows. The kit's consumer records each event id in the same transaction.
 */
@ApplicationScoped
public class CommunityHandler implements EventHandler<CommunityChanged> {
    @Inject
    EntityManager em;

    @Override
    public String topic() {
        return Topics.COMMUNITIES;
    }

    @Override
    public Class<CommunityChanged> eventType() {
        return CommunityChanged.class;
    }

    @Override
    public void apply(CommunityChanged e) {
        if (e.communityId() == null || blank(e.countyCode()) || blank(e.name()) || blank(e.kind())) {
            throw new PoisonEventException("CommunityChanged without communityId, countyCode, name or kind");
        }
        // an older event arriving late (a resend) must not undo a newer one
        em.createNativeQuery("INSERT INTO community (id, county_code, name, kind, pilot, updated_at) "
                + "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (id) DO UPDATE SET county_code = EXCLUDED.county_code, "
                + "name = EXCLUDED.name, kind = EXCLUDED.kind, pilot = EXCLUDED.pilot, updated_at = EXCLUDED.updated_at "
                + "WHERE community.updated_at <= EXCLUDED.updated_at")
                .setParameter(1, e.communityId()).setParameter(2, e.countyCode()).setParameter(3, e.name())
                .setParameter(4, e.kind()).setParameter(5, e.pilot())
                .setParameter(6, e.occurredAt() == null ? java.time.Instant.now() : e.occurredAt())
                .executeUpdate();
    }

    @Override
    public void applyAll(List<CommunityChanged> events) {
        events.forEach(this::apply);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
