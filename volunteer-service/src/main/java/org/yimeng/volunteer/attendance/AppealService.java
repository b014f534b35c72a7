package org.yimeng.volunteer.attendance;

import java.time.Instant;
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
import org.yimeng.kit.page.Cursor;
import org.yimeng.kit.page.Page;
import org.yimeng.model.ErrorCode;
import org.yimeng.model.Ids;
import org.yimeng.volunteer.notice.Notice;
import org.yimeng.volunteer.notice.NoticeKind;
import org.yimeng.volunteer.notice.Notices;
import org.yimeng.volunteer.notice.Recipient;
import org.yimeng.volunteer.activity.Activity;
import org.yimeng.volunteer.activity.ActivityStatus;
import org.yimeng.volunteer.activity.Signup;
import org.yimeng.volunteer.config.BusinessClock;
import org.yimeng.volunteer.config.ProgrammeConfig;
import org.yimeng.volunteer.me.CurrentVolunteer;
import org.yimeng.volunteer.scope.Place;
import org.yimeng.volunteer.scope.Scope;
import org.yimeng.volunteer.servicerecord.ServiceRecord;
import org.yimeng.volunteer.servicerecord.SourceKind;
import org.yimeng.volunteer.servicerecord.RecordingWindow;
import org.yimeng.volunteer.support.Constraints;
import org.yimeng.volunteer.support.Where;

/**
 * Appeals of a forgotten check-out or check-in: the volunteer files, an organiser approves or rejects. Filing and
 * approval both fall inside the recording window (§11) counted from the activity's end, as completion does.
 *
 * <p>An approval writes the appealed times into the sign-up; if the activity is already completed it also writes the
 * service record (replacing the flagged one that closed at the end, or a new one for a forgotten check-in), clipped
 * to the activity and never overlapping another (the exclusion constraint). Locks: the appeal, then the activity
 * (exclusive, as completion takes it), then the sign-up; filing locks the sign-up, so two filings of one volunteer
 * serialise, and the partial unique index {@code attendance_appeal_open_key} is the backstop.
 */
@ApplicationScoped
@Transactional
public class AppealService {
    @Inject
    EntityManager em;

    @Inject
    CurrentVolunteer me;

    @Inject
    Scope scope;

    @Inject
    Caller caller;

    @Inject
    Notices notices;

    @Inject
    BusinessClock clock;

    @Inject
    ProgrammeConfig config;

    public AppealResponse file(FileAppealRequest r) {
        UUID volunteerId = me.id();
        Activity a = em.find(Activity.class, r.activityId());
        if (a == null) {
            throw ApiException.notFound("Activity", r.activityId());
        }
        List<Signup> found = em.createQuery("SELECT s FROM Signup s WHERE s.activityId = :a AND s.volunteerId = :v",
                Signup.class).setParameter("a", a.id).setParameter("v", volunteerId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        if (found.isEmpty()) {
            throw new ApiException(ErrorCode.NOT_SIGNED_UP, "You are not signed up for this activity");
        }
        Signup s = found.get(0);
        Instant now = clock.now();
        AttendancePolicy.checkAppeal(a.status, venue(a), new AttendancePolicy.Presence(s.checkedInAt, s.checkedOutAt),
                new AttendancePolicy.Claim(r.checkedInAt(), r.checkedOutAt()), now, clock.dateOf(a.endsAt),
                clock.today(), config.service().recordingWindowWorkingDays());
        if (AttendanceAppeal.count("activityId = ?1 AND volunteerId = ?2 AND status = ?3", a.id, volunteerId,
                AppealStatus.OPEN) > 0) {
            throw alreadyOpen();
        }
        AttendanceAppeal p = new AttendanceAppeal();
        p.id = Ids.newId();
        p.activityId = a.id;
        p.volunteerId = volunteerId;
        p.countyCode = a.countyCode;
        p.communityId = a.communityId;
        p.gridId = a.gridId;
        p.checkedInAt = r.checkedInAt();
        p.checkedOutAt = r.checkedOutAt();
        p.reason = r.reason().strip(); // text as typed (full-width punctuation stays)
        p.status = AppealStatus.OPEN;
        p.filedAt = now;
        p.persist();
        Constraints.flush(em, Map.of("attendance_appeal_open_key", AppealService::alreadyOpen));
        if (a.createdBy != null && !a.createdBy.isBlank()) {
            notices.send(new Notice(new Recipient.Staff(a.createdBy), NoticeKind.APPEAL_FILED, p.id, "filed",
                    "新的考勤申诉", "志愿者对活动「" + a.title + "」提交了考勤申诉，请在工作台处理。", false));
        }
        return AppealResponse.of(p);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<AppealResponse> list(AppealStatus status, UUID communityId, Integer limit, String cursor) {
        int n = Cursor.limit(limit);
        Where where = new Where()
                .andIf(status, "p.status = :status", "status")
                .andIf(communityId, "p.communityId = :community", "community")
                .andIf(Cursor.decodeId(cursor), "p.id > :after", "after");
        scope.restrict(where, "p.countyCode", "p.communityId", "p.gridId");
        List<AttendanceAppeal> rows = where.bind(em.createQuery("SELECT p FROM AttendanceAppeal p" + where.sql()
                + " ORDER BY p.id", AttendanceAppeal.class)).setMaxResults(n + 1).getResultList();
        return Page.of(rows, n, AppealResponse::of, p -> Cursor.encodeId(p.id));
    }

    public AppealResponse approve(UUID id) {
        AttendanceAppeal p = lockOpen(id);
        Activity a = em.find(Activity.class, p.activityId, LockModeType.PESSIMISTIC_WRITE);
        requireWindow(a);
        List<Signup> found = em.createQuery("SELECT s FROM Signup s WHERE s.activityId = :a AND s.volunteerId = :v",
                Signup.class).setParameter("a", a.id).setParameter("v", p.volunteerId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        if (found.isEmpty()) {
            throw new ApiException(ErrorCode.NOT_SIGNED_UP, "The volunteer is no longer signed up");
        }
        Signup s = found.get(0);
        Instant now = clock.now();
        p.previousCheckedInAt = s.checkedInAt;
        p.previousCheckedOutAt = s.checkedOutAt;
        AttendancePolicy.Presence approved = AttendancePolicy.approved(
                new AttendancePolicy.Presence(s.checkedInAt, s.checkedOutAt),
                new AttendancePolicy.Claim(p.checkedInAt, p.checkedOutAt));
        s.checkedInAt = approved.checkedInAt();
        s.checkedOutAt = approved.checkedOutAt();
        if (a.status == ActivityStatus.COMPLETED) {
            p.serviceRecordId = record(a, s, now).id;
        }
        p.status = AppealStatus.APPROVED;
        p.decidedAt = now;
        p.decidedBy = caller.recorder();
        Constraints.flush(em, Map.of("service_record_no_overlap", () -> new ApiException(ErrorCode.OVERLAPPING_SERVICE,
                "The appealed time would overlap another of the volunteer's records")));
        return AppealResponse.of(p);
    }

    public AppealResponse reject(UUID id, RejectAppealRequest r) {
        AttendanceAppeal p = lockOpen(id);
        p.status = AppealStatus.REJECTED;
        p.decidedAt = clock.now();
        p.decidedBy = caller.recorder();
        p.decisionNote = r.reason().strip();
        em.flush();
        return AppealResponse.of(p);
    }

    /** The record of a completed activity for this attendance: the one completion made, corrected, or a new one. */
    private ServiceRecord record(Activity a, Signup s, Instant now) {
        AttendanceRules.Span span = AttendancePolicy.appealedSpan(venue(a),
                new AttendancePolicy.Presence(s.checkedInAt, s.checkedOutAt));
        ServiceRecord rec = ServiceRecord.<ServiceRecord>find("volunteerId = ?1 AND sourceKind = ?2 AND sourceId = ?3",
                s.volunteerId, SourceKind.ACTIVITY, a.id).firstResult();
        if (rec == null) {
            rec = new ServiceRecord();
            rec.id = Ids.newId();
            rec.volunteerId = s.volunteerId;
            rec.sourceKind = SourceKind.ACTIVITY;
            rec.sourceId = a.id;
            rec.communityId = a.communityId;
            rec.place = a.place;
            rec.content = a.title;
            rec.createdAt = now;
            rec.persist();
        }
        rec.serviceDate = clock.dateOf(span.start());
        rec.startedAt = span.start();
        rec.endedAt = span.end();
        rec.minutes = (int) span.minutes();
        rec.confirmedBy = caller.recorder();
        rec.confirmedAt = now;
        // the real time is known now: the rule-closed flag is cleared
        rec.flagged = false;
        return rec;
    }

    private AttendanceAppeal lockOpen(UUID id) {
        AttendanceAppeal p = em.find(AttendanceAppeal.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (p == null) {
            throw ApiException.notFound("Appeal", id);
        }
        // scope before state: an organiser elsewhere learns nothing about the appeal
        scope.require(new Place(p.countyCode, p.communityId, p.gridId));
        if (p.status != AppealStatus.OPEN) {
            throw new ApiException(ErrorCode.APPEAL_NOT_OPEN, "The appeal was " + p.status + " at " + p.decidedAt)
                    .with("status", p.status);
        }
        return p;
    }

    private void requireWindow(Activity a) {
        // an activity still going on (or ending later today) is inside its window
        RecordingWindow.requireUnlessLater(clock.dateOf(a.endsAt), clock.today(),
                config.service().recordingWindowWorkingDays());
    }

    private static AttendancePolicy.Venue venue(Activity a) {
        return new AttendancePolicy.Venue(a.startsAt, a.endsAt, a.lat, a.lng, a.radiusM);
    }

    private static ApiException alreadyOpen() {
        return new ApiException(ErrorCode.APPEAL_ALREADY_OPEN,
                "An appeal of this attendance is open; wait for the organiser's decision");
    }
}
