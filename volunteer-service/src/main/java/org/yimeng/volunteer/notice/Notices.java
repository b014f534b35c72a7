package org.yimeng.volunteer.notice;

import java.sql.Time;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.yimeng.kit.outbox.Outbox;
import org.yimeng.model.Ids;
import org.yimeng.model.event.NotificationRequested;
import org.yimeng.model.event.Topics;
import org.yimeng.volunteer.config.BusinessClock;
import org.yimeng.volunteer.config.ProgrammeConfig;

/**
 * The one way a notice is sent: a row in the recipient's inbox and a {@code NotificationRequested} in the outbox, in
 * the caller's transaction. The table's unique key (recipient, kind, subject, slot) makes a second send of the same
 * notice, from any replica, retry or job run, a no-op with no event.
 */
@ApplicationScoped
public class Notices {
    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    BusinessClock clock;

    @Inject
    ProgrammeConfig config;

    /** Sends the notice unless it was sent before or the recipient switched its kind off; true when sent now. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean send(Notice n) {
        return send(n, null);
    }

    /**
     * As {@link #send(Notice)}, for a notice that is pointless after {@code deadline} (a reminder after the start):
     * it is not held by quiet hours that would end after the deadline.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean send(Notice n, Instant deadline) {
        Preferences prefs = preferences(n.recipient());
        if (!prefs.wants(n.kind())) {
            return false;
        }
        Instant now = clock.now();
        Instant notBefore = prefs.quietHours().notBefore(now, config.zone(), n.urgent());
        if (deadline != null && !notBefore.isBefore(deadline)) {
            notBefore = now;
        }
        UUID id = Ids.newId();
        UUID volunteerId = n.recipient() instanceof Recipient.Volunteer v ? v.volunteerId() : null;
        int inserted = em.createNativeQuery("INSERT INTO notification (id, recipient, volunteer_id, kind, subject_id, "
                + "slot, title, body, urgent, not_before, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
                + "ON CONFLICT ON CONSTRAINT notification_once DO NOTHING")
                .setParameter(1, id).setParameter(2, n.recipient().key()).setParameter(3, volunteerId)
                .setParameter(4, n.kind().name()).setParameter(5, n.subjectId()).setParameter(6, n.slot())
                .setParameter(7, n.title()).setParameter(8, n.body()).setParameter(9, n.urgent())
                .setParameter(10, notBefore).setParameter(11, now).executeUpdate();
        if (inserted == 0) {
            return false;
        }
        NotificationRequested.Recipient to = n.recipient() instanceof Recipient.Staff s
                ? new NotificationRequested.Recipient(null, s.subject())
                : new NotificationRequested.Recipient(volunteerId, null);
        outbox.publish(Topics.NOTIFICATIONS, NotificationRequested.of(now, id, to, n.kind().name(), n.subjectId(),
                n.title(), n.body(), n.urgent(), notBefore));
        return true;
    }

    /** The recipient's choices, or the defaults when they made none. */
    public Preferences preferences(Recipient r) {
        List<?> rows = em.createNativeQuery("SELECT reminders, weekly_nudge, quiet_from, quiet_to "
                + "FROM notification_preference WHERE recipient = ?1").setParameter(1, r.key()).getResultList();
        if (rows.isEmpty()) {
            return Preferences.DEFAULT;
        }
        Object[] row = (Object[]) rows.get(0);
        return new Preferences((Boolean) row[0], (Boolean) row[1],
                new QuietHours(localTime(row[2]), localTime(row[3])));
    }

    static LocalTime localTime(Object value) {
        return value instanceof Time t ? t.toLocalTime() : (LocalTime) value;
    }
}
