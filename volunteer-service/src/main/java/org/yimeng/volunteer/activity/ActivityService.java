package org.yimeng.volunteer.activity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.yimeng.kit.auth.Caller;
import org.yimeng.kit.error.ApiException;
import org.yimeng.kit.outbox.Outbox;
import org.yimeng.volunteer.notice.Notice;
import org.yimeng.volunteer.notice.NoticeKind;
import org.yimeng.volunteer.notice.NoticeTexts;
import org.yimeng.volunteer.notice.Notices;
import org.yimeng.volunteer.notice.Recipient;
import org.yimeng.kit.page.Cursor;
import org.yimeng.kit.page.Page;
import org.yimeng.model.ErrorCode;
import org.yimeng.model.Ids;
import org.yimeng.model.Masking;
import org.yimeng.model.event.FundingRequested;
import org.yimeng.model.event.Topics;
import org.yimeng.volunteer.attendance.AttendancePolicy;
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
import org.yimeng.volunteer.support.Constraints;
import org.yimeng.volunteer.support.Text;
import org.yimeng.volunteer.support.Where;
import org.yimeng.volunteer.volunteer.Volunteer;

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

    @Inject
    Notices notices;

    public ActivityResponse create(CreateActivityRequest r) {
        checkTimes(r.startsAt(), r.endsAt());
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
        ActivitySignUpPolicy.requireOpen(a.status);
        Volunteer v = em.find(Volunteer.class, volunteerId, LockModeType.PESSIMISTIC_WRITE);
        if (v == null) {
            throw ApiException.invalid("volunteerId", "no such volunteer").detail("noSuchVolunteer");
        }
        boolean already = Signup.count("activityId = ?1 AND volunteerId = ?2", a.id, v.id) > 0;
        List<?> clash = em.createNativeQuery("SELECT activity_id FROM activity_signup WHERE volunteer_id = ?1 "
                + "AND tstzrange(starts_at, ends_at) && tstzrange(?2, ?3) LIMIT 1")
                .setParameter(1, v.id).setParameter(2, a.startsAt).setParameter(3, a.endsAt).getResultList();
        ActivitySignUpPolicy.check(new ActivitySignUpPolicy.SignUp(a.status, a.capacity, a.signups, v.id, v.status,
                already, clash.isEmpty() ? null : (UUID) clash.get(0)));
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
                "activity_signup_key", ActivitySignUpPolicy::alreadySignedUp,
                "activity_signups_check", () -> ActivitySignUpPolicy.full(a.capacity),
                "activity_signup_no_overlap", ActivitySignUpPolicy::overlapping));
        notices.send(new Notice(new Recipient.Volunteer(v.id), NoticeKind.SIGNUP_CONFIRMED, a.id, s.id.toString(),
                "报名成功", NoticeTexts.signedUp(a.title, a.startsAt, a.place, config.zone()), false));
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
        Instant at = AttendancePolicy.recordedAt(r.at(), clock.now());
        AttendancePolicy.checkStaffCheckIn(venue(a), presence(s), at);
        s.checkedInAt = at;
        em.flush();
        return SignupResponse.of(s);
    }

    public SignupResponse checkOut(UUID activityId, AttendanceRequest r) {
        Activity a = lockShared(activityId);
        Signup s = lockSignup(a, r.volunteerId());
        Instant at = AttendancePolicy.recordedAt(r.at(), clock.now());
        AttendancePolicy.checkStaffCheckOut(presence(s), at);
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
        Instant now = clock.now();
        AttendancePolicy.checkCompletion(a.status, a.endsAt, now, clock.dateOf(a.endsAt), clock.today(),
                config.service().recordingWindowWorkingDays());
        String confirmer = caller.recorder();
        AttendancePolicy.Venue venue = venue(a);
        List<ServiceRecord> records = new ArrayList<>();
        for (Signup s : Signup.<Signup>find("activityId = ?1 AND checkedInAt IS NOT NULL ORDER BY id", a.id).list()) {
            Optional<AttendancePolicy.Served> served = AttendancePolicy.served(venue, presence(s));
            if (served.isEmpty()) {
                continue;
            }
            Instant start = served.get().span().start();
            Instant end = served.get().span().end();
            long minutes = served.get().span().minutes();
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
            rec.flagged = served.get().flagged();
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
        return ranked(a, n);
    }

    /**
     * The ranking of {@link #candidates} with no scope check, for callers that checked it themselves or act for the
     * system (the call-out's later waves).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    @SuppressWarnings("unchecked")
    public List<CandidateResponse> ranked(Activity a, int n) {
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

    private static AttendancePolicy.Venue venue(Activity a) {
        return new AttendancePolicy.Venue(a.startsAt, a.endsAt, a.lat, a.lng, a.radiusM);
    }

    private static AttendancePolicy.Presence presence(Signup s) {
        return new AttendancePolicy.Presence(s.checkedInAt, s.checkedOutAt);
    }

    private Activity lockShared(UUID id) {
        Activity a = em.find(Activity.class, id, LockModeType.PESSIMISTIC_READ);
        if (a == null) {
            throw ApiException.notFound("Activity", id);
        }
        requireStaff(a);
        AttendancePolicy.requireOpen(a.status);
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

    /** An activity ends after it starts and lasts at most 24 hours (at creation and at every change). */
    static void checkTimes(Instant startsAt, Instant endsAt) {
        if (!endsAt.isAfter(startsAt)) {
            throw ApiException.invalid("endsAt", "must be after startsAt").detail("afterStart");
        }
        if (Duration.between(startsAt, endsAt).compareTo(Duration.ofHours(24)) > 0) {
            throw ApiException.invalid("endsAt", "an activity lasts at most 24 hours; split longer service").detail("atMost24h");
        }
    }

    static Place placeOf(Activity a) {
        return new Place(a.countyCode, a.communityId, a.gridId);
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
