package org.yimeng.volunteer.notice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.yimeng.volunteer.config.BusinessClock;
import org.yimeng.volunteer.config.ProgrammeConfig;
import org.yimeng.volunteer.support.Locks;
import org.yimeng.volunteer.support.Times;

/**
 * The scheduled notices: reminders before activities, visit-due alerts and the weekly nudge. Each run takes the time
 * from the business clock (tests call these methods with a fixed clock) and a PostgreSQL advisory transaction lock, so
 * of several replicas one works and the others return at once; the notification table's unique key makes even a
 * second run after a restart or a clock jump send nothing twice.
 */
@ApplicationScoped
public class NoticeJobs {
    static final String REMINDERS_LOCK = "job|reminders";
    static final String VISITS_LOCK = "job|visits-due";
    static final String NUDGE_LOCK = "job|weekly-nudge";

    @Inject
    EntityManager em;

    @Inject
    Notices notices;

    @Inject
    BusinessClock clock;

    @Inject
    NoticeConfig config;

    @Inject
    ProgrammeConfig programme;

    /**
     * Up to {@code limit} reminders due now, in one transaction; the number of sign-ups handled (fewer than the limit:
     * nothing is left). {@link NoticeSchedule} repeats it, so a city's day never becomes one long transaction.
     */
    @Transactional
    public int sendReminders(int limit) {
        if (!lock(REMINDERS_LOCK)) {
            return 0;
        }
        Instant now = clock.now();
        int handled = 0;
        for (NoticeRules.ReminderWindow w : NoticeRules.reminderWindows(now, config.reminderOffsets())) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    SELECT s.volunteer_id, a.id, a.title, a.place, a.starts_at FROM activity a
                    JOIN activity_signup s ON s.activity_id = a.id
                    LEFT JOIN notification_preference p ON p.recipient = 'v:' || s.volunteer_id
                    WHERE a.status IN ('PLANNED', 'FUNDING_PENDING', 'FUNDED') AND a.starts_at > ?1 AND a.starts_at <= ?2
                      AND coalesce(p.reminders, true)
                      AND NOT EXISTS (SELECT 1 FROM notification n WHERE n.recipient = 'v:' || s.volunteer_id
                                      AND n.kind = 'ACTIVITY_REMINDER' AND n.subject_id = a.id AND n.slot = ?3)
                    ORDER BY a.starts_at, a.id, s.volunteer_id LIMIT ?4""")
                    .setParameter(1, w.fromExclusive()).setParameter(2, w.toInclusive()).setParameter(3, w.slot())
                    .setParameter(4, limit - handled).getResultList();
            handled += rows.size();
            for (Object[] r : rows) {
                Instant startsAt = Times.instant(r[4]);
                String body = "提醒：您报名的「" + r[2] + "」将于 " + NoticeTexts.when(startsAt, programme.zone())
                        + " 开始，地点：" + r[3] + "。";
                notices.send(new Notice(new Recipient.Volunteer((UUID) r[0]), NoticeKind.ACTIVITY_REMINDER,
                        (UUID) r[1], w.slot(), "活动提醒", body, false), startsAt);
            }
            if (handled >= limit) {
                break;
            }
        }
        return handled;
    }

    /** VISIT_DUE to each current member of an active pairing whose household had no visit for N days, once per gap. */
    @Transactional
    public int sendVisitsDue(int limit) {
        if (!lock(VISITS_LOCK)) {
            return 0;
        }
        LocalDate today = clock.today();
        LocalDate before = NoticeRules.visitDueBefore(today, config.visitDueDays());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT m.volunteer_id, p.id, d.last FROM pairing p
                JOIN LATERAL (SELECT coalesce(max(v.visited_on), CAST(timezone(?1, p.created_at) AS date)) AS last
                              FROM visit v WHERE v.pairing_id = p.id) d ON true
                JOIN pairing_member m ON m.pairing_id = p.id AND m.left_at IS NULL
                WHERE p.status = 'ACTIVE' AND d.last <= ?2
                  AND NOT EXISTS (SELECT 1 FROM notification n WHERE n.recipient = 'v:' || m.volunteer_id
                                  AND n.kind = 'VISIT_DUE' AND n.subject_id = p.id AND n.slot = CAST(d.last AS text))
                ORDER BY p.id, m.volunteer_id LIMIT ?3""")
                .setParameter(1, programme.zone().getId()).setParameter(2, before).setParameter(3, limit).getResultList();
        for (Object[] r : rows) {
            LocalDate last = Times.date(r[2]);
            long days = java.time.temporal.ChronoUnit.DAYS.between(last, today);
            String body = "您结对帮扶的家庭已有 " + days + " 天没有走访记录（自 " + last.getMonthValue() + "月"
                    + last.getDayOfMonth() + "日起），请尽快安排走访。";
            notices.send(new Notice(new Recipient.Volunteer((UUID) r[0]), NoticeKind.VISIT_DUE, (UUID) r[1],
                    last.toString(), "走访提醒", body, false));
        }
        return rows.size();
    }

    /** WEEKLY_NUDGE, once per ISO week after its moment, to active volunteers under the weekly goal. */
    @Transactional
    public int sendWeeklyNudges(int limit) {
        Optional<String> slot = NoticeRules.weeklyNudgeSlot(clock.now(), programme.zone(), config.weeklyNudgeDay(),
                config.weeklyNudgeAt());
        if (slot.isEmpty() || !lock(NUDGE_LOCK)) {
            return 0;
        }
        LocalDate monday = clock.weekStart();
        int goal = programme.service().weeklyGoalMinutes();
        // the week's subject: one id per ISO week, derived from its slot, so the unique key holds across replicas
        UUID week = UUID.nameUUIDFromBytes(("weekly-nudge:" + slot.get()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT v.id, coalesce(m.minutes, 0) FROM volunteer v
                LEFT JOIN (SELECT volunteer_id, sum(minutes) AS minutes FROM service_record
                           WHERE confirmed_by IS NOT NULL AND service_date >= ?1 AND service_date < ?2
                           GROUP BY volunteer_id) m ON m.volunteer_id = v.id
                LEFT JOIN notification_preference p ON p.recipient = 'v:' || v.id
                WHERE v.status = 'ACTIVE' AND v.erased_at IS NULL AND coalesce(m.minutes, 0) < ?3
                  AND coalesce(p.weekly_nudge, true)
                  AND NOT EXISTS (SELECT 1 FROM notification n WHERE n.recipient = 'v:' || v.id
                                  AND n.kind = 'WEEKLY_NUDGE' AND n.subject_id = ?4 AND n.slot = ?5)
                ORDER BY v.id LIMIT ?6""")
                .setParameter(1, monday).setParameter(2, monday.plusDays(7)).setParameter(3, goal)
                .setParameter(4, week).setParameter(5, slot.get()).setParameter(6, limit).getResultList();
        for (Object[] r : rows) {
            long minutes = ((Number) r[1]).longValue();
            String body = "本周您已志愿服务 " + minutes + " 分钟，距每周一小时还差 " + (goal - minutes) + " 分钟，看看身边的志愿活动吧。";
            notices.send(new Notice(new Recipient.Volunteer((UUID) r[0]), NoticeKind.WEEKLY_NUDGE, week,
                    slot.get(), "每周一小时", body, false));
        }
        return rows.size();
    }

    private boolean lock(String key) {
        return Locks.tryLock(em, key);
    }
}
