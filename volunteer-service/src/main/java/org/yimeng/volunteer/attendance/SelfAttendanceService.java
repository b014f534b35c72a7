package org.yimeng.volunteer.attendance;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.yimeng.kit.error.ApiException;
import org.yimeng.kit.page.Cursor;
import org.yimeng.kit.page.Page;
import org.yimeng.model.ErrorCode;
import org.yimeng.volunteer.activity.Activity;
import org.yimeng.volunteer.activity.ActivityKind;
import org.yimeng.volunteer.activity.ActivitySignUpPolicy;
import org.yimeng.volunteer.activity.Signup;
import org.yimeng.volunteer.activity.SignupResponse;
import org.yimeng.volunteer.config.BusinessClock;
import org.yimeng.volunteer.me.CurrentVolunteer;
import org.yimeng.volunteer.scope.Place;
import org.yimeng.volunteer.config.ProgrammeConfig;
import org.yimeng.volunteer.notice.Notice;
import org.yimeng.volunteer.notice.NoticeKind;
import org.yimeng.volunteer.notice.NoticeTexts;
import org.yimeng.volunteer.notice.Notices;
import org.yimeng.volunteer.notice.Recipient;
import org.yimeng.volunteer.scope.Scope;
import org.yimeng.volunteer.support.Where;
import org.yimeng.volunteer.volunteer.Volunteer;

/**
 * The volunteer's own door to activities: finding them, cancelling a sign-up, and checking in and out by scanning
 * the organiser's rotating code. The rules are {@link AttendancePolicy}, {@link ActivitySignUpPolicy} and
 * {@link AttendanceCode}; this class loads, locks and writes.
 *
 * <p>Locks follow {@code ActivityService}: a cancellation takes the activity's row lock, as a sign-up does, so the
 * place count and the sign-up rows change together; check-in and check-out take the activity's shared lock and the
 * sign-up's row lock, as the organiser's check-in does, so completion never sees half an attendance.
 */
@ApplicationScoped
@Transactional
public class SelfAttendanceService {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SECRET_BYTES = 32;
    private static final String RANK = "CASE WHEN a.community_id = :mine THEN 0 ELSE 1 END";

    @Inject
    EntityManager em;

    @Inject
    CurrentVolunteer me;

    @Inject
    Scope scope;

    @Inject
    BusinessClock clock;

    @Inject
    AttendanceConfig config;

    @Inject
    ProgrammeConfig programme;

    @Inject
    Notices notices;

    /** Organisers: the code that is current now, with its QR. */
    public AttendanceCodeResponse code(UUID activityId) {
        Activity a = em.find(Activity.class, activityId);
        if (a == null) {
            throw ApiException.notFound("Activity", activityId);
        }
        scope.require(new Place(a.countyCode, a.communityId, a.gridId));
        AttendancePolicy.requireOpen(a.status);
        Instant now = clock.now();
        String code = AttendanceCode.current(secretOf(a.id), a.id, now);
        String payload = AttendanceCode.payload(a.id, code);
        return new AttendanceCodeResponse(a.id, code, payload, AttendanceCode.validUntil(now),
                AttendanceCode.STEP_SECONDS, QrSvg.of(payload));
    }

    /**
     * Activities not yet ended that take sign-ups, in the caller's county: their own community first, then the
     * rest, each part by start time. The cursor is the last item's (rank, start, id), so the order stays stable
     * across pages whatever is added meanwhile.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    @SuppressWarnings("unchecked")
    public Page<MyActivityResponse> activities(ActivityKind kind, Instant from, Instant to, String skill,
            Integer limit, String cursor) {
        int n = Cursor.limit(limit);
        Volunteer v = volunteer();
        Where where = new Where()
                .and("a.county_code = :county", "county", v.countyCode)
                .and("a.ends_at > :now", "now", clock.now())
                .and("a.status IN ('PLANNED', 'FUNDING_PENDING', 'FUNDED')")
                .andIf(kind == null ? null : kind.name(), "a.kind = :kind", "kind")
                .andIf(from, "a.ends_at > :from", "from")
                .andIf(to, "a.starts_at < :to", "to")
                .andIf(skill, "a.skills @> ARRAY[CAST(:skill AS text)]", "skill");
        Keyset after = Keyset.decode(cursor);
        if (after != null) {
            where.and("(" + RANK + ", a.starts_at, a.id) > (:afterRank, :afterStart, :afterId)");
        }
        var query = where.bind(em.createNativeQuery("SELECT a.* FROM activity a" + where.sql()
                + " ORDER BY " + RANK + ", a.starts_at, a.id LIMIT :limit", Activity.class))
                .setParameter("mine", v.communityId).setParameter("limit", n + 1);
        if (after != null) {
            query.setParameter("afterRank", after.rank()).setParameter("afterStart", after.startsAt())
                    .setParameter("afterId", after.id());
        }
        List<Activity> rows = query.getResultList();
        Set<UUID> mine = rows.isEmpty() ? Set.of() : new HashSet<>(em.createQuery("SELECT s.activityId FROM Signup s "
                + "WHERE s.volunteerId = :v AND s.activityId IN :ids", UUID.class).setParameter("v", v.id)
                .setParameter("ids", rows.stream().map(a -> a.id).toList()).getResultList());
        return Page.of(rows, n, a -> MyActivityResponse.of(a, a.communityId.equals(v.communityId),
                mine.contains(a.id)), a -> new Keyset(a.communityId.equals(v.communityId) ? 0 : 1,
                a.startsAt, a.id).encode());
    }

    /** The position of an item in "own community first, then by start": (rank, start, id). */
    record Keyset(int rank, Instant startsAt, UUID id) {
        String encode() {
            return Cursor.encode(Integer.toString(rank), startsAt.toString(), id.toString());
        }

        static Keyset decode(String cursor) {
            String[] p = Cursor.decode(cursor, 3);
            if (p == null) {
                return null;
            }
            try {
                return new Keyset(Integer.parseInt(p[0]), Instant.parse(p[1]), UUID.fromString(p[2]));
            } catch (RuntimeException e) {
                throw new ApiException(ErrorCode.INVALID_CURSOR, "The cursor is not one this service issued");
            }
        }
    }

    /** Cancels the caller's sign-up until the cut-off before the start; the place is free again at once. */
    public void cancel(UUID activityId) {
        UUID volunteerId = me.id();
        Activity a = em.find(Activity.class, activityId, LockModeType.PESSIMISTIC_WRITE);
        if (a == null) {
            throw ApiException.notFound("Activity", activityId);
        }
        Signup s = Signup.<Signup>find("activityId = ?1 AND volunteerId = ?2", a.id, volunteerId).firstResult();
        if (s == null) {
            throw new ApiException(ErrorCode.NOT_SIGNED_UP, "You are not signed up for this activity");
        }
        Instant now = clock.now();
        ActivitySignUpPolicy.checkCancellation(new ActivitySignUpPolicy.Cancellation(a.status, a.startsAt,
                s.checkedInAt, config.signupCutoff()), now);
        // the row goes (history of attendance starts at check-in): the place and the time slot are free again
        s.delete();
        a.signups--;
        a.updatedAt = now;
        em.flush();
        notices.send(new Notice(new Recipient.Volunteer(volunteerId), NoticeKind.SIGNUP_CANCELLED, a.id,
                s.id.toString(), "已取消报名", NoticeTexts.cancelled(a.title, a.startsAt, programme.zone()), false));
    }

    public SignupResponse checkIn(SelfAttendanceRequest r) {
        Instant now = clock.now();
        Attending at = attending(r, now);
        Activity a = at.activity();
        Signup s = at.signup();
        AttendancePolicy.checkSelfCheckIn(venue(a), presence(s), new AttendancePolicy.Position(r.lat(), r.lng()), now);
        s.checkedInAt = now;
        em.flush();
        return response(s);
    }

    public SignupResponse checkOut(SelfAttendanceRequest r) {
        Instant now = clock.now();
        Attending at = attending(r, now);
        Activity a = at.activity();
        Signup s = at.signup();
        AttendancePolicy.checkSelfCheckOut(venue(a), presence(s), new AttendancePolicy.Position(r.lat(), r.lng()), now);
        s.checkedOutAt = now;
        em.flush();
        return response(s);
    }

    private record Attending(Activity activity, Signup signup) {
    }

    /**
     * The activity the code proves presence at, and the caller's sign-up for it, both locked. Every way a code can
     * be wrong (not ours, unknown activity, no code ever issued, wrong digits, stale, another activity's) is the same
     * ATTENDANCE_CODE_INVALID, so a guess learns nothing.
     */
    private Attending attending(SelfAttendanceRequest r, Instant now) {
        UUID volunteerId = me.id();
        UUID activityId = resolve(r.code().trim(), volunteerId, now)
                .orElseThrow(() -> new ApiException(ErrorCode.ATTENDANCE_CODE_INVALID,
                        "The code is not the activity's current one; scan it again"));
        Activity a = em.find(Activity.class, activityId, LockModeType.PESSIMISTIC_READ);
        List<Signup> found = em.createQuery("SELECT s FROM Signup s WHERE s.activityId = :a AND s.volunteerId = :v",
                Signup.class).setParameter("a", a.id).setParameter("v", volunteerId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        if (found.isEmpty()) {
            throw new ApiException(ErrorCode.NOT_SIGNED_UP, "You are not signed up for this activity")
                    .with("activityId", a.id);
        }
        AttendancePolicy.requireOpen(a.status);
        return new Attending(a, found.get(0));
    }

    /** The activity whose current or previous code this is; digits alone are tried against my open sign-ups. */
    @SuppressWarnings("unchecked")
    private Optional<UUID> resolve(String code, UUID volunteerId, Instant now) {
        Optional<AttendanceCode.Scanned> scanned = AttendanceCode.parse(code);
        if (scanned.isPresent()) {
            UUID id = scanned.get().activityId();
            return findSecret(id).filter(secret -> AttendanceCode.accepts(secret, id, scanned.get().code(), now))
                    .map(secret -> id);
        }
        if (code.length() != AttendanceCode.DIGITS || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        List<Object[]> open = em.createNativeQuery("""
                SELECT s.activity_id, k.secret FROM activity_signup s
                JOIN activity_attendance_secret k ON k.activity_id = s.activity_id
                WHERE s.volunteer_id = :v AND s.starts_at <= :latestStart AND s.ends_at >= :earliestEnd""")
                .setParameter("v", volunteerId)
                .setParameter("latestStart", now.plus(AttendanceRules.EARLY_CHECK_IN))
                .setParameter("earliestEnd", now.minus(AttendanceRules.LATE_CHECK_OUT))
                .getResultList();
        for (Object[] row : open) {
            if (AttendanceCode.accepts((byte[]) row[1], (UUID) row[0], code, now)) {
                return Optional.of((UUID) row[0]);
            }
        }
        return Optional.empty();
    }

    private static AttendancePolicy.Venue venue(Activity a) {
        return new AttendancePolicy.Venue(a.startsAt, a.endsAt, a.lat, a.lng, a.radiusM);
    }

    private static AttendancePolicy.Presence presence(Signup s) {
        return new AttendancePolicy.Presence(s.checkedInAt, s.checkedOutAt);
    }

    @SuppressWarnings("unchecked")
    private Optional<byte[]> findSecret(UUID activityId) {
        List<byte[]> rows = em.createNativeQuery("SELECT secret FROM activity_attendance_secret WHERE activity_id = :a")
                .setParameter("a", activityId).getResultList();
        return rows.stream().findFirst();
    }

    /** The activity's secret, made on first use; two organisers asking at once end up with the same one. */
    private byte[] secretOf(UUID activityId) {
        Optional<byte[]> existing = findSecret(activityId);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        em.createNativeQuery("INSERT INTO activity_attendance_secret (activity_id, secret, created_at) "
                + "VALUES (:a, :s, :t) ON CONFLICT (activity_id) DO NOTHING")
                .setParameter("a", activityId).setParameter("s", secret).setParameter("t", clock.now()).executeUpdate();
        return findSecret(activityId).orElseThrow();
    }

    private Volunteer volunteer() {
        UUID id = me.id();
        Volunteer v = Volunteer.findById(id);
        if (v == null) {
            throw ApiException.notFound("Volunteer", id);
        }
        return v;
    }

    private static SignupResponse response(Signup s) {
        return new SignupResponse(s.id, s.activityId, s.volunteerId, s.checkedInAt, s.checkedOutAt, s.createdAt);
    }
}
