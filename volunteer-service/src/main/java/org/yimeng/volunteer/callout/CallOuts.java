package org.yimeng.volunteer.callout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.yimeng.kit.auth.Caller;
import org.yimeng.kit.error.ApiException;
import org.yimeng.model.ErrorCode;
import org.yimeng.model.Ids;
import org.yimeng.volunteer.activity.Activity;
import org.yimeng.volunteer.activity.ActivityKind;
import org.yimeng.volunteer.activity.ActivityService;
import org.yimeng.volunteer.activity.CandidateResponse;
import org.yimeng.volunteer.config.BusinessClock;
import org.yimeng.volunteer.config.ProgrammeConfig;
import org.yimeng.volunteer.me.CurrentVolunteer;
import org.yimeng.volunteer.notice.Notice;
import org.yimeng.volunteer.notice.NoticeConfig;
import org.yimeng.volunteer.notice.NoticeKind;
import org.yimeng.volunteer.notice.NoticeTexts;
import org.yimeng.volunteer.notice.Notices;
import org.yimeng.volunteer.notice.Recipient;
import org.yimeng.volunteer.scope.Place;
import org.yimeng.volunteer.scope.Scope;
import org.yimeng.volunteer.support.Locks;
import org.yimeng.volunteer.support.Times;

/**
 * Emergency call-outs (the loop 群众点单 → 平台派单 → 队伍接单 → 效果评单): the best-ranked candidates are asked at
 * once, in waves until the places are filled. Accepting signs up through {@link ActivityService#signUp}, so its
 * activity lock and capacity rule decide a race for the last place; the ask row's lock takes one answer per person.
 */
@ApplicationScoped
@Transactional
public class CallOuts {
    static final int DEFAULT_WAVE = 5;
    static final String WAVES_LOCK = "job|call-out-waves";

    @Inject
    EntityManager em;

    @Inject
    Scope scope;

    @Inject
    Caller caller;

    @Inject
    CurrentVolunteer me;

    @Inject
    ActivityService activities;

    @Inject
    Notices notices;

    @Inject
    BusinessClock clock;

    @Inject
    ProgrammeConfig programme;

    @Inject
    NoticeConfig config;

    /** Calls out the activity: the first wave, or on a second call the next wave at once. */
    public CallOutResponses.Started start(UUID activityId, CallOutRequest r) {
        Activity a = em.find(Activity.class, activityId, LockModeType.PESSIMISTIC_WRITE);
        if (a == null) {
            throw ApiException.notFound("Activity", activityId);
        }
        scope.require(new Place(a.countyCode, a.communityId, a.gridId));
        if (a.kind != ActivityKind.EMERGENCY) {
            throw new ApiException(ErrorCode.NOT_AN_EMERGENCY, "Only EMERGENCY activities are called out; this is " + a.kind);
        }
        Instant now = clock.now();
        if (!open(a, now)) {
            throw new ApiException(ErrorCode.CALL_OUT_CLOSED, "The activity has started or cannot take place");
        }
        int waveSize = r == null || r.waveSize() == null ? DEFAULT_WAVE : r.waveSize();
        em.createNativeQuery("INSERT INTO call_out (id, activity_id, wave_size, created_by, created_at) "
                + "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (activity_id) DO UPDATE SET wave_size = EXCLUDED.wave_size")
                .setParameter(1, Ids.newId()).setParameter(2, a.id).setParameter(3, waveSize)
                .setParameter(4, caller.recorder()).setParameter(5, now).executeUpdate();
        UUID callOut = (UUID) em.createNativeQuery("SELECT id FROM call_out WHERE activity_id = ?1")
                .setParameter(1, a.id).getSingleResult();
        return new CallOutResponses.Started(callOut, askWave(callOut, a, waveSize, now));
    }

    public CallOutResponses.Status status(UUID activityId) {
        Activity a = em.find(Activity.class, activityId);
        if (a == null) {
            throw ApiException.notFound("Activity", activityId);
        }
        scope.require(new Place(a.countyCode, a.communityId, a.gridId));
        List<?> head = em.createNativeQuery("SELECT id, wave_size, waves FROM call_out WHERE activity_id = ?1")
                .setParameter(1, a.id).getResultList();
        if (head.isEmpty()) {
            throw ApiException.notFound("Call-out", activityId);
        }
        Object[] h = (Object[]) head.get(0);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT k.volunteer_id, v.name, k.wave, k.asked_at, k.answer, k.answered_at
                FROM call_out_ask k JOIN volunteer v ON v.id = k.volunteer_id
                WHERE k.call_out_id = ?1 ORDER BY k.wave, k.asked_at, k.volunteer_id""")
                .setParameter(1, h[0]).getResultList();
        List<CallOutResponses.Ask> asked = new ArrayList<>();
        for (Object[] k : rows) {
            Instant askedAt = Times.instant(k[3]);
            Instant answeredAt = Times.instant(k[5]);
            asked.add(new CallOutResponses.Ask((UUID) k[0], (String) k[1], ((Number) k[2]).intValue(), askedAt,
                    (String) k[4], answeredAt, answeredAt == null ? null : Duration.between(askedAt, answeredAt).toSeconds()));
        }
        return new CallOutResponses.Status((UUID) h[0], a.id, ((Number) h[1]).intValue(), ((Number) h[2]).intValue(),
                Math.max(0, a.capacity - a.signups), asked);
    }

    public List<CallOutResponses.Mine> mine() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = mineQuery("k.volunteer_id = :v ORDER BY k.asked_at DESC LIMIT 100").setParameter("v", me.id())
                .getResultList();
        return rows.stream().map(CallOuts::mine).toList();
    }

    /** Accepting signs me up: 409 ACTIVITY_FULL when the places went meanwhile, and then nothing is written. */
    public CallOutResponses.Mine accept(UUID callOutId) {
        UUID v = me.id();
        Object[] ask = lockAsk(callOutId, v);
        // locked (and so read fresh) here, before the sign-up locks it again: an activity already loaded unlocked in
        // this transaction would keep a stale sign-up count under the sign-up's lock, and two accepts would both pass
        Activity a = em.find(Activity.class, ask[1], LockModeType.PESSIMISTIC_WRITE);
        Instant now = clock.now();
        CallOutRules.checkAnswer((String) ask[0], a.status.acceptsSignups(), a.startsAt, now);
        activities.signUp(a.id, v);
        answer(callOutId, v, "ACCEPTED", now, a);
        return mine(callOutId, v);
    }

    public CallOutResponses.Mine decline(UUID callOutId) {
        UUID v = me.id();
        Object[] ask = lockAsk(callOutId, v);
        Activity a = em.find(Activity.class, ask[1], LockModeType.PESSIMISTIC_WRITE);
        Instant now = clock.now();
        CallOutRules.checkAnswer((String) ask[0], a.status.acceptsSignups(), a.startsAt, now);
        answer(callOutId, v, "DECLINED", now, a);
        moreIfNeeded(callOutId, a, now);
        return mine(callOutId, v);
    }

    /** The job: for every open call-out whose awaited asks can no longer fill the places, the next wave. */
    public int sendNextWaves() {
        if (!Locks.tryLock(em, WAVES_LOCK)) {
            return 0;
        }
        Instant now = clock.now();
        @SuppressWarnings("unchecked")
        List<Object[]> open = em.createNativeQuery("""
                SELECT c.id, c.activity_id FROM call_out c JOIN activity a ON a.id = c.activity_id
                WHERE a.status IN ('PLANNED', 'FUNDING_PENDING', 'FUNDED') AND a.starts_at > ?1 AND a.signups < a.capacity
                ORDER BY c.id""").setParameter(1, now).getResultList();
        int asked = 0;
        for (Object[] c : open) {
            Activity a = em.find(Activity.class, c[1], LockModeType.PESSIMISTIC_WRITE);
            asked += moreIfNeeded((UUID) c[0], a, now);
        }
        return asked;
    }

    private int moreIfNeeded(UUID callOut, Activity a, Instant now) {
        if (!open(a, now)) {
            return 0;
        }
        int pendingFresh = ((Number) em.createNativeQuery("SELECT count(*) FROM call_out_ask WHERE call_out_id = ?1 "
                + "AND answer IS NULL AND asked_at > ?2").setParameter(1, callOut)
                .setParameter(2, now.minus(config.callOutWait())).getSingleResult()).intValue();
        int waveSize = ((Number) em.createNativeQuery("SELECT wave_size FROM call_out WHERE id = ?1")
                .setParameter(1, callOut).getSingleResult()).intValue();
        int n = CallOutRules.nextWave(a.capacity - a.signups, pendingFresh, waveSize);
        return n == 0 ? 0 : askWave(callOut, a, n, now).size();
    }

    private List<CallOutResponses.Asked> askWave(UUID callOut, Activity a, int n, Instant now) {
        @SuppressWarnings("unchecked")
        Set<UUID> already = new HashSet<>((List<UUID>) em.createNativeQuery(
                "SELECT volunteer_id FROM call_out_ask WHERE call_out_id = ?1").setParameter(1, callOut).getResultList());
        List<CandidateResponse> ranked = activities.ranked(a, Math.min(500, already.size() + n));
        List<UUID> next = ranked.stream().map(CandidateResponse::volunteerId).filter(id -> !already.contains(id))
                .limit(n).toList();
        if (next.isEmpty()) {
            return List.of();
        }
        int wave = ((Number) em.createNativeQuery("UPDATE call_out SET waves = waves + 1 WHERE id = ?1 RETURNING waves")
                .setParameter(1, callOut).getSingleResult()).intValue();
        String body = "紧急召集：「" + a.title + "」" + NoticeTexts.when(a.startsAt, programme.zone()) + " 开始，地点："
                + a.place + "，需要您的帮助。请在应用中接受或婉拒。";
        List<CallOutResponses.Asked> asked = new ArrayList<>();
        for (UUID v : next) {
            em.createNativeQuery("INSERT INTO call_out_ask (call_out_id, volunteer_id, wave, asked_at) "
                    + "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING").setParameter(1, callOut).setParameter(2, v)
                    .setParameter(3, wave).setParameter(4, now).executeUpdate();
            notices.send(new Notice(new Recipient.Volunteer(v), NoticeKind.CALL_OUT, a.id, callOut.toString(),
                    "紧急召集", body, true));
            asked.add(new CallOutResponses.Asked(v, wave));
        }
        return asked;
    }

    private Object[] lockAsk(UUID callOutId, UUID volunteer) {
        List<?> rows = em.createNativeQuery("SELECT k.answer, c.activity_id FROM call_out_ask k "
                + "JOIN call_out c ON c.id = k.call_out_id WHERE k.call_out_id = ?1 AND k.volunteer_id = ?2 "
                + "FOR UPDATE OF k").setParameter(1, callOutId).setParameter(2, volunteer).getResultList();
        if (rows.isEmpty()) {
            throw ApiException.notFound("Call-out", callOutId);
        }
        return (Object[]) rows.get(0);
    }

    private void answer(UUID callOut, UUID volunteer, String answer, Instant now, Activity a) {
        em.createNativeQuery("UPDATE call_out_ask SET answer = ?1, answered_at = ?2 WHERE call_out_id = ?3 "
                + "AND volunteer_id = ?4").setParameter(1, answer).setParameter(2, now).setParameter(3, callOut)
                .setParameter(4, volunteer).executeUpdate();
        String organiser = (String) em.createNativeQuery("SELECT created_by FROM call_out WHERE id = ?1")
                .setParameter(1, callOut).getSingleResult();
        String body = "志愿者" + ("ACCEPTED".equals(answer) ? "已接受" : "婉拒了") + "「" + a.title + "」的紧急召集。";
        notices.send(new Notice(new Recipient.Staff(organiser), NoticeKind.CALL_OUT_ANSWERED, callOut,
                volunteer.toString(), "召集有回复", body, false));
    }

    private CallOutResponses.Mine mine(UUID callOut, UUID volunteer) {
        return mine((Object[]) mineQuery("k.call_out_id = :c AND k.volunteer_id = :v").setParameter("v", volunteer)
                .setParameter("c", callOut).getSingleResult());
    }

    /** The volunteer's view of their asks, filtered by {@code where} (whose parameters the caller binds). */
    private jakarta.persistence.Query mineQuery(String where) {
        return em.createNativeQuery("""
                SELECT c.id, a.id, a.title, a.place, a.starts_at, a.ends_at, k.wave, k.asked_at, k.answer, k.answered_at,
                       a.status IN ('PLANNED', 'FUNDING_PENDING', 'FUNDED') AND a.starts_at > :now
                FROM call_out_ask k JOIN call_out c ON c.id = k.call_out_id JOIN activity a ON a.id = c.activity_id
                WHERE""" + " " + where).setParameter("now", clock.now());
    }

    private static CallOutResponses.Mine mine(Object[] r) {
        return new CallOutResponses.Mine((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3], Times.instant(r[4]),
                Times.instant(r[5]), ((Number) r[6]).intValue(), Times.instant(r[7]), (String) r[8], Times.instant(r[9]),
                Boolean.TRUE.equals(r[10]));
    }

    private static boolean open(Activity a, Instant now) {
        return a.status.acceptsSignups() && now.isBefore(a.startsAt);
    }
}
