package org.yimeng.volunteer.notice;

import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import org.yimeng.kit.auth.Caller;
import org.yimeng.kit.error.ApiException;
import org.yimeng.kit.page.Cursor;
import org.yimeng.model.Role;
import org.yimeng.volunteer.config.BusinessClock;
import org.yimeng.volunteer.me.CurrentVolunteer;
import org.yimeng.volunteer.support.Times;

/** The caller's own inbox and preferences: a volunteer's by record, anyone else's by token subject. */
@RequestScoped
@Transactional
public class NotificationService {
    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    CurrentVolunteer me;

    @Inject
    Notices notices;

    @Inject
    BusinessClock clock;

    /** A volunteer (or a resident linked to one) reads the volunteer's inbox; everyone else their subject's. */
    Recipient caller() {
        if (caller.isAny(Role.VOLUNTEER, Role.RESIDENT)) {
            var id = me.find();
            if (id.isPresent()) {
                return new Recipient.Volunteer(id.get());
            }
        }
        return new Recipient.Staff(me.subject());
    }

    public NotificationPage inbox(boolean unreadOnly, Integer limit, String cursor) {
        int n = Cursor.limit(limit);
        String[] after = Cursor.decode(cursor, 2);
        String key = caller().key();
        StringBuilder sql = new StringBuilder("SELECT id, kind, subject_id, title, body, urgent, not_before, "
                + "created_at, read_at FROM notification WHERE recipient = :r");
        if (unreadOnly) {
            sql.append(" AND read_at IS NULL");
        }
        Instant afterAt = null;
        UUID afterId = null;
        if (after != null) {
            try {
                afterAt = Instant.parse(after[0]);
                afterId = UUID.fromString(after[1]);
            } catch (RuntimeException e) {
                throw new ApiException(org.yimeng.model.ErrorCode.INVALID_CURSOR, "The cursor is not one this service issued");
            }
            sql.append(" AND (created_at, id) < (:at, :id)");
        }
        sql.append(" ORDER BY created_at DESC, id DESC");
        Query q = em.createNativeQuery(sql.toString()).setParameter("r", key).setMaxResults(n + 1);
        if (afterAt != null) {
            q.setParameter("at", afterAt).setParameter("id", afterId);
        }
        Instant now = clock.now();
        List<NotificationResponse> items = new ArrayList<>();
        for (Object o : q.getResultList()) {
            items.add(row((Object[]) o, now));
        }
        String next = null;
        if (items.size() > n) {
            items = items.subList(0, n);
            NotificationResponse last = items.get(n - 1);
            next = Cursor.encode(last.createdAt().toString(), last.id().toString());
        }
        long unread = ((Number) em.createNativeQuery("SELECT count(*) FROM notification WHERE recipient = ?1 "
                + "AND read_at IS NULL").setParameter(1, key).getSingleResult()).longValue();
        return new NotificationPage(List.copyOf(items), next, unread);
    }

    /** Marks one of the caller's notices read (again: no change); someone else's is 404. */
    public NotificationResponse read(UUID id) {
        String key = caller().key();
        em.createNativeQuery("UPDATE notification SET read_at = ?1 WHERE id = ?2 AND recipient = ?3 AND read_at IS NULL")
                .setParameter(1, clock.now()).setParameter(2, id).setParameter(3, key).executeUpdate();
        List<?> rows = em.createNativeQuery("SELECT id, kind, subject_id, title, body, urgent, not_before, created_at, "
                + "read_at FROM notification WHERE id = ?1 AND recipient = ?2").setParameter(1, id).setParameter(2, key)
                .getResultList();
        if (rows.isEmpty()) {
            throw ApiException.notFound("Notification", id);
        }
        return row((Object[]) rows.get(0), clock.now());
    }

    public PreferencesBody preferences() {
        return PreferencesBody.of(notices.preferences(caller()));
    }

    public PreferencesBody setPreferences(PreferencesBody body) {
        LocalTime from = LocalTime.parse(body.quietHours().from());
        LocalTime to = LocalTime.parse(body.quietHours().to());
        if (from.equals(to)) {
            throw ApiException.invalid("quietHours", "from and to must differ").detail("quietHoursEqual");
        }
        em.createNativeQuery("INSERT INTO notification_preference (recipient, reminders, weekly_nudge, quiet_from, "
                + "quiet_to, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (recipient) DO UPDATE SET "
                + "reminders = EXCLUDED.reminders, weekly_nudge = EXCLUDED.weekly_nudge, quiet_from = EXCLUDED.quiet_from, "
                + "quiet_to = EXCLUDED.quiet_to, updated_at = EXCLUDED.updated_at")
                .setParameter(1, caller().key()).setParameter(2, body.reminders()).setParameter(3, body.weeklyNudge())
                .setParameter(4, from).setParameter(5, to).setParameter(6, clock.now()).executeUpdate();
        return preferences();
    }

    private static NotificationResponse row(Object[] r, Instant now) {
        Instant notBefore = Times.instant(r[6]);
        Instant readAt = Times.instant(r[8]);
        return new NotificationResponse((UUID) r[0], NoticeKind.valueOf((String) r[1]), (UUID) r[2], (String) r[3],
                (String) r[4], (Boolean) r[5], notBefore, notBefore.isAfter(now), Times.instant(r[7]), readAt, readAt != null);
    }
}
