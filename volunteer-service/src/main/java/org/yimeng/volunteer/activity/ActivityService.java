package org.yimeng.volunteer.activity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.yimeng.kit.auth.Caller;
import org.yimeng.kit.error.ApiException;
import org.yimeng.kit.outbox.Outbox;
import org.yimeng.kit.page.Cursor;
import org.yimeng.kit.page.Page;
import org.yimeng.model.ErrorCode;
import org.yimeng.model.Ids;
import org.yimeng.model.Masking;
import org.yimeng.model.event.FundingRequested;
import org.yimeng.model.event.Topics;
import org.yimeng.volunteer.config.BusinessClock;
import org.yimeng.volunteer.config.ProgrammeConfig;
import org.yimeng.volunteer.place.Community;
import org.yimeng.volunteer.place.PlaceService;
import org.yimeng.volunteer.scope.Access;
import org.yimeng.volunteer.scope.Place;
import org.yimeng.volunteer.scope.Scope;
import org.yimeng.volunteer.servicerecord.ServiceRecord;
import org.yimeng.volunteer.servicerecord.ServiceRecordResponse;
import org.yimeng.volunteer.servicerecord.SourceKind;
import org.yimeng.volunteer.servicerecord.WorkingDays;
import org.yimeng.volunteer.support.Constraints;
import org.yimeng.volunteer.support.Text;
import org.yimeng.volunteer.support.Where;
import org.yimeng.volunteer.volunteer.Volunteer;
import org.yimeng.volunteer.volunteer.VolunteerStatus;

/**
 * Activities: creation (with a funding request through the outbox), sign-ups, attendance and completion into
 * service records.
 *
 * <p>Race safety: a sign-up locks the activity row, then the volunteer row, and checks after locking — the activity
 * lock serialises the capacity count (the {@code signups} counter with its CHECK is the backstop), the volunteer lock
 * serialises the overlap check (the exclusion constraint {@code activity_signup_no_overlap} is the backstop).
 * Attendance locks the sign-up row under a shared lock of the activity; completion takes the activity's exclusive
 * lock, so no attendance changes while records are made.
 */
@ApplicationScoped
@Transactional
public class ActivityService {
    /** Clock skew tolerated for an {@code at} slightly in the future. */
    static final Duration SKEW = Duration.ofMinutes(5);
    /** How early before the start a volunteer may check in. */
    static final Duration EARLY_CHECK_IN = Duration.ofHours(2);

    @Inject
    EntityManager em;

    @Inject
    Scope scope;

    @Inject
    Caller caller;

    @Inject
    BusinessClock clock;

    @Inject
    ProgrammeConfig config;

    @Inject
    PlaceService places;

    @Inject
    Outbox outbox;

    public ActivityResponse create(CreateActivityRequest r) {
        if (!r.endsAt().isAfter(r.startsAt())) {
            throw ApiException.invalid("endsAt", "must be after startsAt").detail("afterStart");
        }
        if (Duration.between(r.startsAt(), r.endsAt()).compareTo(Duration.ofHours(24)) > 0) {
            throw ApiException.invalid("endsAt", "an activity lasts at most 24 hours; split longer service").detail("atMost24h");
        }
        if ((r.lat() == null) != (r.lng() == null)) {
            throw ApiException.invalid(r.lat() == null ? "lat" : "lng", "lat and lng come together");
        }
        if (r.radiusM() != null && r.lat() == null) {
            throw ApiException.invalid("radiusM", "a geofence needs lat and lng");
        }
        Community c = places.requireCommunity(r.communityId());
        if (r.gridId() != null) {
            places.requireGrid(r.gridId(), c.id);
        }
        scope.require(new Place(c.countyCode, c.id, r.gridId()));
        Instant now = clock.now();
        Activity a = new Activity();
        a.id = Ids.newId();
        a.countyCode = c.countyCode;
        a.communityId = c.id;
        a.gridId = r.gridId();
        a.kind = r.kind();
        a.title = Text.clean(r.title());
        a.place = Text.clean(r.place());
        a.startsAt = r.startsAt();
        a.endsAt = r.endsAt();
        a.capacity = r.capacity();
        a.skills = skills(r.skills());
        a.lat = r.lat();
        a.lng = r.lng();
        a.radiusM = r.radiusM();
        a.createdBy = caller.recorder();
        a.createdAt = now;
        a.updatedAt = now;
        if (r.fundingFen() != null) {
            a.fundingFen = r.fundingFen();
            a.fundingRequestId = Ids.newId();
            a.status = ActivityStatus.FUNDING_PENDING;
        } else {
            a.status = ActivityStatus.PLANNED;
        }
        a.persist();
        em.flush();
        if (a.fundingRequestId != null) {
            // same transaction as the activity: the request is sent if and only if the activity exists
            outbox.publish(Topics.FUNDING_REQUESTS,
                    FundingRequested.of(a.fundingRequestId, a.id, a.communityId, a.fundingFen, a.title));
        }
        return ActivityResponse.of(a);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ActivityResponse get(UUID id) {
        Activity a = find(id);
        requireReader(a);
        return ActivityResponse.of(a);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ActivityResponse> list(UUID communityId, ActivityKind kind, ActivityStatus status, Instant from,
            Instant to, Integer limit, String cursor) {
        int n = Cursor.limit(limit);
        Where where = new Where()
                .andIf(communityId, "a.communityId = :community", "community")
                .andIf(kind, "a.kind = :kind", "kind")
                .andIf(status, "a.status = :status", "status")
                // activities that overlap [from, to)
                .andIf(from, "a.endsAt > :from", "from")
                .andIf(to, "a.startsAt < :to", "to")
                .andIf(Cursor.decodeId(cursor), "a.id > :after", "after");
        if (scope.access().level() != Access.Level.VOLUNTEER) {
            // volunteers browse every activity they might join; staff see their scope
            restrictToStaffScope(where);
        }
        List<Activity> rows = where.bind(em.createQuery("SELECT a FROM Activity a" + where.sql() + " ORDER BY a.id",
                Activity.class)).setMaxResults(n + 1).getResultList();
        return Page.of(rows, n, ActivityResponse::of, a -> Cursor.encodeId(a.id));
    }

    public SignupResponse signUp(UUID activityId, UUID volunteerId) {
        Activity a = em.find(Activity.class, activityId, LockModeType.PESSIMISTIC_WRITE);
        if (a == null) {
            throw ApiException.notFound("Activity", activityId);
        }
        if (!scope.access().isVolunteer(volunteerId)) {
            scope.require(placeOf(a));
        }
        if (!a.status.acceptsSignups()) {
            throw new ApiException(ErrorCode.INVALID_ACTIVITY_STATE, "The activity is " + a.status
                    + " and takes no sign-ups").with("status", a.status);
        }
        Volunteer v = em.find(Volunteer.class, volunteerId, LockModeType.PESSIMISTIC_WRITE);
        if (v == null) {
            throw ApiException.invalid("volunteerId", "no such volunteer").detail("noSuchVolunteer");
        }
        if (v.status != VolunteerStatus.ACTIVE) {
            throw new ApiException(ErrorCode.VOLUNTEER_NOT_ACTIVE, "Volunteer " + v.id + " is " + v.status)
                    .with("volunteerId", v.id);
        }
        if (Signup.count("activityId = ?1 AND volunteerId = ?2", a.id, v.id) > 0) {
            throw new ApiException(ErrorCode.ALREADY_SIGNED_UP, "The volunteer is already signed up");
        }
        if (a.signups >= a.capacity) {
            throw full(a);
        }
        List<?> clash = em.createNativeQuery("SELECT activity_id FROM activity_signup WHERE volunteer_id = ?1 "
                + "AND tstzrange(starts_at, ends_at) && tstzrange(?2, ?3) LIMIT 1")
                .setParameter(1, v.id).setParameter(2, a.startsAt).setParameter(3, a.endsAt).getResultList();
        if (!clash.isEmpty()) {
            throw overlapping().with("activityId", clash.get(0));
        }
        Signup s = new Signup();
        s.id = Ids.newId();
        s.activityId = a.id;
        s.volunteerId = v.id;
        s.startsAt = a.startsAt;
        s.endsAt = a.endsAt;
        s.createdAt = clock.now();
        s.persist();
        a.signups++;
        a.updatedAt = s.createdAt;
        Constraints.flush(em, Map.of(
                "activity_signup_key", () -> new ApiException(ErrorCode.ALREADY_SIGNED_UP, "The volunteer is already signed up"),
                "activity_signups_check", () -> full(a),
                "activity_signup_no_overlap", ActivityService::overlapping));
        return SignupResponse.of(s);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SignupResponse> signups(UUID activityId) {
        Activity a = find(activityId);
        requireStaff(a);
        return Signup.<Signup>find("activityId = ?1 ORDER BY id", a.id).list().stream().map(SignupResponse::of)
                .toList();
    }

    public SignupResponse checkIn(UUID activityId, AttendanceRequest r) {
        Activity a = lockShared(activityId);
        Signup s = lockSignup(a, r.volunteerId());
        Instant at = at(r);
        if (at.isBefore(a.startsAt.minus(EARLY_CHECK_IN))) {
            throw new ApiException(ErrorCode.ACTIVITY_NOT_STARTED, "Check-in opens " + EARLY_CHECK_IN.toHours()
                    + " hours before the activity starts at " + a.startsAt).detail("opens", EARLY_CHECK_IN.toHours(), a.startsAt);
        }
        if (!at.isBefore(a.endsAt)) {
            throw ApiException.invalid("at", "the activity ended at " + a.endsAt).detail("activityEnded", a.endsAt);
        }
        if (s.checkedInAt != null) {
            throw new ApiException(ErrorCode.ALREADY_CHECKED_IN, "Checked in at " + s.checkedInAt).detail("at", s.checkedInAt)
                    .with("checkedInAt", s.checkedInAt);
        }
        s.checkedInAt = at;
        em.flush();
        return SignupResponse.of(s);
    }

    public SignupResponse checkOut(UUID activityId, AttendanceRequest r) {
        Activity a = lockShared(activityId);
        Signup s = lockSignup(a, r.volunteerId());
        Instant at = at(r);
        if (s.checkedInAt == null) {
            throw new ApiException(ErrorCode.NOT_CHECKED_IN, "The volunteer has not checked in");
        }
        if (s.checkedOutAt != null) {
            throw new ApiException(ErrorCode.ALREADY_CHECKED_OUT, "Checked out at " + s.checkedOutAt).detail("at", s.checkedOutAt)
                    .with("checkedOutAt", s.checkedOutAt);
        }
        if (at.isBefore(s.checkedInAt)) {
            throw new ApiException(ErrorCode.CHECK_OUT_BEFORE_CHECK_IN,
                    "Check-out " + at + " is before the check-in " + s.checkedInAt).with("checkedInAt", s.checkedInAt)
                    .detail("times", at, s.checkedInAt);
        }
        s.checkedOutAt = at;
        em.flush();
        return SignupResponse.of(s);
    }

    /**
     * Turns attendance into confirmed service records: minutes are the presence [check-in, check-out] clipped to the
     * activity's [start, end]; a missing check-out closes at the end and is flagged; less than a minute makes no
     * record. Refused before the end (no future service) and after the recording window (§11).
     */
    public CompletionResponse complete(UUID activityId) {
        Activity a = em.find(Activity.class, activityId, LockModeType.PESSIMISTIC_WRITE);
        if (a == null) {
            throw ApiException.notFound("Activity", activityId);
        }
        requireStaff(a);
        if (!a.status.completable()) {
            throw new ApiException(ErrorCode.INVALID_ACTIVITY_STATE, "An activity that is " + a.status
                    + " cannot be completed").with("status", a.status);
        }
        Instant now = clock.now();
        if (a.endsAt.isAfter(now)) {
            throw new ApiException(ErrorCode.INVALID_ACTIVITY_STATE, "The activity ends at " + a.endsAt
                    + "; it is completed after it took place").with("status", a.status);
        }
        int window = config.service().recordingWindowWorkingDays();
        if (!WorkingDays.withinWindow(clock.dateOf(a.endsAt), clock.today(), window)) {
            throw new ApiException(ErrorCode.RECORDING_WINDOW_CLOSED,
                    "Service is recorded within " + window + " working days of the day it took place")
                    .detail("days", window);
        }
        String confirmer = caller.recorder();
        List<ServiceRecord> records = new ArrayList<>();
        for (Signup s : Signup.<Signup>find("activityId = ?1 AND checkedInAt IS NOT NULL ORDER BY id", a.id).list()) {
            Instant start = max(s.checkedInAt, a.startsAt);
            Instant end = s.checkedOutAt == null ? a.endsAt : min(s.checkedOutAt, a.endsAt);
            long minutes = Duration.between(start, end).toMinutes();
            if (minutes < 1) {
                continue;
            }
            ServiceRecord rec = new ServiceRecord();
            rec.id = Ids.newId();
            rec.volunteerId = s.volunteerId;
            rec.sourceKind = SourceKind.ACTIVITY;
            rec.sourceId = a.id;
            rec.communityId = a.communityId;
            // a midnight-crossing service belongs to the day (and ISO week) it started
            rec.serviceDate = clock.dateOf(start);
            rec.startedAt = start;
            rec.endedAt = end;
            rec.minutes = (int) minutes;
            rec.place = a.place;
            rec.content = a.title;
            rec.confirmedBy = confirmer;
            rec.confirmedAt = now;
            rec.flagged = s.checkedOutAt == null;
            rec.createdAt = now;
            rec.persist();
            records.add(rec);
        }
        a.status = ActivityStatus.COMPLETED;
        a.completedAt = now;
        a.completedBy = confirmer;
        a.updatedAt = now;
        Constraints.flush(em, Map.of("service_record_no_overlap", () -> new ApiException(ErrorCode.OVERLAPPING_SERVICE,
                "A volunteer's service time would overlap another of their records")));
        int flagged = (int) records.stream().filter(rec -> rec.flagged).count();
        return new CompletionResponse(ActivityResponse.of(a), records.size(), flagged,
                records.stream().map(ServiceRecordResponse::of).toList());
    }

    /**
     * ACTIVE volunteers of the activity's county who have every wanted skill and no sign-up overlapping its time,
     * nearest first (same grid, same community, same county), then the most experienced.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    @SuppressWarnings("unchecked")
    public List<CandidateResponse> candidates(UUID activityId, Integer limit) {
        int n = Cursor.limit(limit);
        Activity a = find(activityId);
        requireStaff(a);
        List<Object[]> rows = em.createNativeQuery("""
                SELECT v.id, v.name, v.phone, v.community_id, v.grid_id, array_to_string(v.skills, chr(31)),
                       CASE WHEN a.grid_id IS NOT NULL AND v.grid_id = a.grid_id THEN 0
                            WHEN v.community_id = a.community_id THEN 1 ELSE 2 END AS proximity,
                       coalesce((SELECT sum(r.minutes) FROM service_record r
                                 WHERE r.volunteer_id = v.id AND r.confirmed_by IS NOT NULL), 0) AS total
                FROM activity a JOIN volunteer v ON v.county_code = a.county_code
                WHERE a.id = ?1 AND v.status = 'ACTIVE' AND v.skills @> a.skills
                  AND NOT EXISTS (SELECT 1 FROM activity_signup s WHERE s.volunteer_id = v.id
                                  AND tstzrange(s.starts_at, s.ends_at) && tstzrange(a.starts_at, a.ends_at))
                ORDER BY proximity, total DESC, v.id
                LIMIT ?2""").setParameter(1, a.id).setParameter(2, n).getResultList();
        String[] names = {"GRID", "COMMUNITY", "COUNTY"};
        List<CandidateResponse> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            String skills = (String) r[5];
            out.add(new CandidateResponse((UUID) r[0], (String) r[1], Masking.phone((String) r[2]), (UUID) r[3],
                    (UUID) r[4], skills == null || skills.isEmpty() ? List.of() : List.of(skills.split("\u001f")),
                    names[((Number) r[6]).intValue()], ((Number) r[7]).longValue()));
        }
        return out;
    }

    private Instant at(AttendanceRequest r) {
        Instant now = clock.now();
        Instant at = r.at() == null ? now : r.at();
        if (at.isAfter(now.plus(SKEW))) {
            throw ApiException.invalid("at", "must not be in the future").detail("notFuture");
        }
        return at;
    }

    private Activity lockShared(UUID id) {
        Activity a = em.find(Activity.class, id, LockModeType.PESSIMISTIC_READ);
        if (a == null) {
            throw ApiException.notFound("Activity", id);
        }
        requireStaff(a);
        if (!a.status.acceptsAttendance()) {
            throw new ApiException(ErrorCode.INVALID_ACTIVITY_STATE, "The activity is " + a.status
                    + "; attendance is closed").with("status", a.status);
        }
        return a;
    }

    private Signup lockSignup(Activity a, UUID volunteerId) {
        List<Signup> found = em.createQuery("SELECT s FROM Signup s WHERE s.activityId = :a AND s.volunteerId = :v",
                Signup.class).setParameter("a", a.id).setParameter("v", volunteerId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        if (found.isEmpty()) {
            throw new ApiException(ErrorCode.NOT_SIGNED_UP, "The volunteer is not signed up for this activity");
        }
        return found.get(0);
    }

    private Activity find(UUID id) {
        Activity a = Activity.findById(id);
        if (a == null) {
            throw ApiException.notFound("Activity", id);
        }
        return a;
    }

    /** Staff whose scope covers the activity; a grid worker's scope is the activity's grid. */
    private void requireStaff(Activity a) {
        scope.require(placeOf(a));
    }

    private void requireReader(Activity a) {
        if (scope.access().level() != Access.Level.VOLUNTEER) {
            requireStaff(a);
        }
    }

    private void restrictToStaffScope(Where where) {
        scope.restrict(where, "a.countyCode", "a.communityId", "a.gridId");
    }

    static Place placeOf(Activity a) {
        return new Place(a.countyCode, a.communityId, a.gridId);
    }

    private static ApiException full(Activity a) {
        return new ApiException(ErrorCode.ACTIVITY_FULL, "All " + a.capacity + " places are taken").detail("capacity", a.capacity)
                .with("capacity", a.capacity);
    }

    private static ApiException overlapping() {
        return new ApiException(ErrorCode.OVERLAPPING_SIGNUP,
                "The volunteer is signed up for another activity at an overlapping time");
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static String[] skills(List<String> skills) {
        if (skills == null) {
            return new String[0];
        }
        LinkedHashSet<String> clean = new LinkedHashSet<>();
        for (String s : skills) {
            clean.add(Text.key(s));
        }
        return clean.toArray(String[]::new);
    }
}
