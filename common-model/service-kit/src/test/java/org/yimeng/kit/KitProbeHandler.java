package org.yimeng.kit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.yimeng.kit.consumer.EventHandler;
import org.yimeng.kit.consumer.PoisonEventException;
import org.yimeng.model.event.LedgerDigest;

/** Test-only consumer of the probe topic: records each applied event, refuses a head sequence of 0 as poison. */
@ApplicationScoped
public class KitProbeHandler implements EventHandler<LedgerDigest> {
    @Inject
    EntityManager em;

    @Override
    public String topic() {
        return KitProbeResource.TOPIC;
    }

    @Override
    public Class<LedgerDigest> eventType() {
        return LedgerDigest.class;
    }

    @Override
    public void apply(LedgerDigest event) {
        if (event.headSequence() == 0) {
            throw new PoisonEventException("head sequence 0 can never apply");
        }
        em.createNativeQuery("INSERT INTO kit_probe_applied (event_id, head_sequence) VALUES (?1, ?2)")
                .setParameter(1, event.eventId()).setParameter(2, event.headSequence()).executeUpdate();
    }

    @Override
    public String deadLetterTopic() {
        return KitProbeResource.TOPIC + ".dlq";
    }
}
