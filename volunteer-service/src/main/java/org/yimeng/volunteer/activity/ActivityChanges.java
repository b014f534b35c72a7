package org.yimeng.volunteer.activity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.yimeng.kit.error.ApiException;
import org.yimeng.model.ErrorCode;
import org.yimeng.volunteer.config.BusinessClock;
import org.yimeng.volunteer.config.ProgrammeConfig;
import org.yimeng.volunteer.notice.Notice;
import org.yimeng.volunteer.notice.NoticeKind;
import org.yimeng.volunteer.notice.NoticeTexts;
import org.yimeng.volunteer.notice.Notices;
import org.yimeng.volunteer.notice.Recipient;
import org.yimeng.volunteer.scope.Scope;
import org.yimeng.volunteer.support.Constraints;
import org.yimeng.volunteer.support.Text;

/**
 * Organisers change or cancel an activity; every signed-up volunteer is told once per change, in the same
 * transaction (the change's version is the notice's slot). A change that changes nothing tells nobody.
 */
@RequestScoped
@Transactional
public class ActivityChanges {
    /** A change this close to the start (before or after it) is urgent: it is not held by quiet hours. */
    static final Duration URGENT_WITHIN = Duration.ofHours(24);

    @Inject
    EntityManager em;

    @Inject
    Scope scope;

    @Inject
    BusinessClock clock;

    @Inject
    ProgrammeConfig config;

    @Inject
    Notices notices;

    public ActivityResponse change(UUID id, ChangeActivityRequest r) {
        Activity a = lock(id);
        Instant now = clock.now();
        String title = r.title() == null ? a.title : Text.clean(r.title());
        String place = r.place() == null ? a.place : Text.clean(r.place());
        Instant startsAt = r.startsAt() == null ? a.startsAt : r.startsAt();
        Instant endsAt = r.endsAt() == null ? a.endsAt : r.endsAt();
        int capacity = r.capacity() == null ? a.capacity : r.capacity();
        ActivityService.checkTimes(startsAt, endsAt);
        if (capacity < a.signups) {
            throw ApiException.invalid("capacity", "must not be below the " + a.signups + " volunteers signed up")
                    .detail("capacityBelowSignups", a.signups);
        }
        boolean timeChanges = !startsAt.equals(a.startsAt) || !endsAt.equals(a.endsAt);
        if (timeChanges && !now.isBefore(a.startsAt)) {
            throw new ApiException(ErrorCode.INVALID_ACTIVITY_STATE, "The activity has started: its time is fixed")
                    .detail("startedTimeFixed");
        }
        List<String> changes = new ArrayList<>();
        if (timeChanges) {
            changes.add("时间改为 " + NoticeTexts.when(startsAt, config.zone()) + "–" + NoticeTexts.when(endsAt, config.zone()));
        }
        if (!place.equals(a.place)) {
            changes.add("地点改为 " + place);
        }
        if (!title.equals(a.title)) {
            changes.add("名称改为「" + title + "」");
        }
        if (capacity != a.capacity) {
            changes.add("名额改为 " + capacity + " 人");
        }
        if (changes.isEmpty()) {
            return ActivityResponse.of(a);
        }
        String before = a.title;
        boolean urgent = within(a.startsAt, now) || within(startsAt, now);
        a.title = title;
        a.place = place;
        a.startsAt = startsAt;
        a.endsAt = endsAt;
        a.capacity = capacity;
        a.version++;
        a.updatedAt = now;
        Map<String, Supplier<ApiException>> clash = Map.of("activity_signup_no_overlap",
                () -> new ApiException(ErrorCode.OVERLAPPING_SIGNUP,
                        "A signed-up volunteer has another activity at the new time"));
        Constraints.flush(em, clash);
        if (timeChanges) {
            // the sign-ups carry the time for the no-overlap exclusion constraint
            try {
                em.createNativeQuery("UPDATE activity_signup SET starts_at = ?1, ends_at = ?2 WHERE activity_id = ?3")
                        .setParameter(1, startsAt).setParameter(2, endsAt).setParameter(3, a.id).executeUpdate();
            } catch (RuntimeException e) {
                throw Constraints.translate(e, clash);
            }
        }
        String body = "您报名的活动「" + before + "」有变：" + String.join("；", changes) + "。";
        tellSignedUp(a, NoticeKind.ACTIVITY_CHANGED, Integer.toString(a.version), "活动有变", body, urgent);
        return ActivityResponse.of(a);
    }

    public ActivityResponse cancel(UUID id, CancelActivityRequest r) {
        Activity a = lock(id);
        Instant now = clock.now();
        a.status = ActivityStatus.CANCELLED;
        a.cancelledAt = now;
        a.cancelledReason = Text.clean(r.reason());
        a.updatedAt = now;
        em.flush();
        String body = "您报名的活动「" + a.title + "」（" + NoticeTexts.when(a.startsAt, config.zone()) + "）已取消。原因："
                + a.cancelledReason;
        tellSignedUp(a, NoticeKind.ACTIVITY_CANCELLED, "cancelled", "活动取消", body, true);
        return ActivityResponse.of(a);
    }

    private Activity lock(UUID id) {
        Activity a = em.find(Activity.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (a == null) {
            throw ApiException.notFound("Activity", id);
        }
        scope.require(ActivityService.placeOf(a));
        if (a.status == ActivityStatus.COMPLETED) {
            throw new ApiException(ErrorCode.ACTIVITY_ALREADY_COMPLETED, "The activity was completed at " + a.completedAt);
        }
        if (!a.status.acceptsSignups()) {
            throw new ApiException(ErrorCode.INVALID_ACTIVITY_STATE, "The activity is " + a.status
                    + ": it cannot take place any more");
        }
        return a;
    }

    private static boolean within(Instant start, Instant now) {
        return Duration.between(now, start).abs().compareTo(URGENT_WITHIN) <= 0;
    }

    private void tellSignedUp(Activity a, NoticeKind kind, String slot, String title, String body, boolean urgent) {
        List<?> volunteers = em.createNativeQuery("SELECT volunteer_id FROM activity_signup WHERE activity_id = ?1 "
                + "ORDER BY volunteer_id").setParameter(1, a.id).getResultList();
        for (Object v : volunteers) {
            notices.send(new Notice(new Recipient.Volunteer((UUID) Objects.requireNonNull(v)), kind, a.id, slot, title,
                    body, urgent));
        }
    }
}
