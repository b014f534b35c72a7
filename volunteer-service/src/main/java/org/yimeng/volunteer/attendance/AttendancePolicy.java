package org.yimeng.volunteer.attendance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import org.yimeng.kit.error.ApiException;
import org.yimeng.model.ErrorCode;
import org.yimeng.volunteer.activity.ActivityStatus;
import org.yimeng.volunteer.servicerecord.RecordingWindow;

/**
 * Attendance as refusals: when an organiser or the volunteer may check in and out, the geofence, appeals of a
 * forgotten check-out, and completion into service records within the recording window. {@link AttendanceRules}
 * answers the yes/no questions (windows, fence, clipping); this class turns them into the API's problems.
 * Framework-free: the service passes in what it read under its locks and the time; it never reads a clock.
 */
public final class AttendancePolicy {
    /** Clock skew tolerated for a time given slightly in the future. */
    public static final Duration SKEW = Duration.ofMinutes(5);
    /** How early before the start an organiser may check a volunteer in. */
    public static final Duration STAFF_EARLY_CHECK_IN = Duration.ofHours(2);

    private AttendancePolicy() {
    }

    /** The activity's time and geofence (no fence when {@code radiusM} is null). */
    public record Venue(Instant startsAt, Instant endsAt, Double lat, Double lng, Integer radiusM) {
    }

    /** A sign-up's attendance so far; null times are not yet recorded. */
    public record Presence(Instant checkedInAt, Instant checkedOutAt) {
    }

    /** Where the phone is, if it said. */
    public record Position(Double lat, Double lng) {
    }

    /** What a volunteer says really happened: the check-out, and the check-in if that was forgotten too (or null). */
    public record Claim(Instant checkedInAt, Instant checkedOutAt) {
    }

    /** A service record's time: the presence clipped to the activity; {@code flagged} when the check-out was missing. */
    public record Served(AttendanceRules.Span span, boolean flagged) {
    }

    /** Attendance is taken while the activity can still take place. */
    public static void requireOpen(ActivityStatus status) {
        if (!status.acceptsAttendance()) {
            throw new ApiException(ErrorCode.INVALID_ACTIVITY_STATE, "The activity is " + status
                    + "; attendance is closed").with("status", status);
        }
    }

    /** The time an organiser records: now when none is given, else the given time, at most {@link #SKEW} ahead. */
    public static Instant recordedAt(Instant given, Instant now) {
        Instant at = given == null ? now : given;
        if (at.isAfter(now.plus(SKEW))) {
            throw ApiException.invalid("at", "must not be in the future").detail("notFuture");
        }
        return at;
    }

    /** An organiser's check-in: from {@link #STAFF_EARLY_CHECK_IN} before the start until the end (exclusive), once. */
    public static void checkStaffCheckIn(Venue v, Presence p, Instant at) {
        if (at.isBefore(v.startsAt().minus(STAFF_EARLY_CHECK_IN))) {
            throw new ApiException(ErrorCode.ACTIVITY_NOT_STARTED, "Check-in opens " + STAFF_EARLY_CHECK_IN.toHours()
                    + " hours before the activity starts at " + v.startsAt())
                    .detail("opens", STAFF_EARLY_CHECK_IN.toHours(), v.startsAt());
        }
        if (!at.isBefore(v.endsAt())) {
            throw ApiException.invalid("at", "the activity ended at " + v.endsAt()).detail("activityEnded", v.endsAt());
        }
        if (p.checkedInAt() != null) {
            throw new ApiException(ErrorCode.ALREADY_CHECKED_IN, "Checked in at " + p.checkedInAt())
                    .detail("at", p.checkedInAt()).with("checkedInAt", p.checkedInAt());
        }
    }

    /** An organiser's check-out: after a check-in, once, not before it (entered later for ad-hoc service). */
    public static void checkStaffCheckOut(Presence p, Instant at) {
        if (p.checkedInAt() == null) {
            throw new ApiException(ErrorCode.NOT_CHECKED_IN, "The volunteer has not checked in");
        }
        if (p.checkedOutAt() != null) {
            throw new ApiException(ErrorCode.ALREADY_CHECKED_OUT, "Checked out at " + p.checkedOutAt())
                    .detail("at", p.checkedOutAt()).with("checkedOutAt", p.checkedOutAt());
        }
        if (at.isBefore(p.checkedInAt())) {
            throw new ApiException(ErrorCode.CHECK_OUT_BEFORE_CHECK_IN,
                    "Check-out " + at + " is before the check-in " + p.checkedInAt())
                    .with("checkedInAt", p.checkedInAt()).detail("times", at, p.checkedInAt());
        }
    }

    /** The volunteer's own check-in: inside the window (30 min before the start until the end), the fence, once. */
    public static void checkSelfCheckIn(Venue v, Presence p, Position where, Instant now) {
        if (!AttendanceRules.checkInOpen(v.startsAt(), v.endsAt(), now)) {
            throw new ApiException(ErrorCode.OUTSIDE_CHECK_IN_WINDOW, "Check-in is open from "
                    + AttendanceRules.EARLY_CHECK_IN.toMinutes() + " minutes before the start until the end")
                    .with("opensAt", v.startsAt().minus(AttendanceRules.EARLY_CHECK_IN)).with("closesAt", v.endsAt());
        }
        requireInside(v, where);
        if (p.checkedInAt() != null) {
            throw new ApiException(ErrorCode.ALREADY_CHECKED_IN, "Checked in at " + p.checkedInAt())
                    .with("checkedInAt", p.checkedInAt());
        }
    }

    /** The volunteer's own check-out: after checking in, until 2 h after the end (later, an appeal), the fence, once. */
    public static void checkSelfCheckOut(Venue v, Presence p, Position where, Instant now) {
        if (p.checkedInAt() == null) {
            throw new ApiException(ErrorCode.NOT_CHECKED_IN, "You have not checked in");
        }
        if (!AttendanceRules.checkOutOpen(p.checkedInAt(), v.endsAt(), now)) {
            throw new ApiException(ErrorCode.OUTSIDE_CHECK_IN_WINDOW, "Check-out is open from the check-in until "
                    + AttendanceRules.LATE_CHECK_OUT.toHours() + " hours after the end; later, file an appeal")
                    .with("opensAt", p.checkedInAt()).with("closesAt", v.endsAt().plus(AttendanceRules.LATE_CHECK_OUT));
        }
        requireInside(v, where);
        if (p.checkedOutAt() != null) {
            throw new ApiException(ErrorCode.ALREADY_CHECKED_OUT, "Checked out at " + p.checkedOutAt())
                    .with("checkedOutAt", p.checkedOutAt());
        }
    }

    /** A fenced activity takes attendance within its radius (the boundary counts as inside) and needs a position. */
    public static void requireInside(Venue v, Position where) {
        switch (AttendanceRules.fence(v.lat(), v.lng(), v.radiusM(), where.lat(), where.lng())) {
            case INSIDE -> {
            }
            case POSITION_MISSING -> throw new ApiException(ErrorCode.OUTSIDE_GEOFENCE,
                    "This activity takes attendance within " + v.radiusM() + " m of its place; send the phone's position")
                    .with("radiusM", v.radiusM()).with("positionRequired", true);
            case OUTSIDE -> throw new ApiException(ErrorCode.OUTSIDE_GEOFENCE,
                    "You are farther than " + v.radiusM() + " m from the activity's place").with("radiusM", v.radiusM())
                    .with("distanceM", Math.round(Geo.distanceMetres(v.lat(), v.lng(), where.lat(), where.lng())));
        }
    }

    /**
     * Checks an appeal before it is filed and returns the check-in it stands on (the claimed one, else the recorded
     * one). The activity must have been able to take place, the check-out not in the future and after the check-in,
     * the times must cover a minute of the activity, and the recording window (from the activity's end) be open —
     * an activity still going on is inside it.
     */
    public static Instant checkAppeal(ActivityStatus status, Venue v, Presence recorded, Claim claim, Instant now,
            LocalDate serviceDay, LocalDate today, int windowWorkingDays) {
        if (status == ActivityStatus.FUNDING_REJECTED) {
            throw new ApiException(ErrorCode.INVALID_ACTIVITY_STATE, "The activity did not take place")
                    .with("status", status);
        }
        if (claim.checkedOutAt().isAfter(now.plus(SKEW))) {
            throw ApiException.invalid("checkedOutAt", "must not be in the future");
        }
        Instant in = claim.checkedInAt() != null ? claim.checkedInAt() : recorded.checkedInAt();
        if (in == null) {
            throw ApiException.invalid("checkedInAt", "you did not check in: give the time you arrived");
        }
        if (!claim.checkedOutAt().isAfter(in)) {
            throw new ApiException(ErrorCode.CHECK_OUT_BEFORE_CHECK_IN,
                    "Check-out " + claim.checkedOutAt() + " is not after the check-in " + in).with("checkedInAt", in);
        }
        if (AttendanceRules.clipped(in, claim.checkedOutAt(), v.startsAt(), v.endsAt()).minutes() < 1) {
            throw ApiException.invalid("checkedOutAt", "the times must cover at least a minute of the activity ("
                    + v.startsAt() + " to " + v.endsAt() + ")");
        }
        RecordingWindow.requireUnlessLater(serviceDay, today, windowWorkingDays);
        return in;
    }

    /** The attendance an approved appeal leaves: the claimed times over the recorded ones, the check-out after the check-in. */
    public static Presence approved(Presence recorded, Claim claim) {
        Instant in = claim.checkedInAt() != null ? claim.checkedInAt() : recorded.checkedInAt();
        if (in == null || !claim.checkedOutAt().isAfter(in)) {
            throw new ApiException(ErrorCode.CHECK_OUT_BEFORE_CHECK_IN,
                    "The appealed check-out is not after the check-in " + in);
        }
        return new Presence(in, claim.checkedOutAt());
    }

    /** An approved appeal's service record time; less than a minute of the activity is refused. */
    public static AttendanceRules.Span appealedSpan(Venue v, Presence approved) {
        AttendanceRules.Span span = AttendanceRules.clipped(approved.checkedInAt(), approved.checkedOutAt(),
                v.startsAt(), v.endsAt());
        if (span.minutes() < 1) {
            throw ApiException.invalid("checkedOutAt", "the appealed times cover less than a minute of the activity");
        }
        return span;
    }

    /**
     * Completion needs the money question settled (or none asked), the activity over (no future service) and the
     * recording window, counted from the day it ended, still open.
     */
    public static void checkCompletion(ActivityStatus status, Instant endsAt, Instant now, LocalDate endDay,
            LocalDate today, int windowWorkingDays) {
        if (!status.completable()) {
            throw new ApiException(ErrorCode.INVALID_ACTIVITY_STATE, "An activity that is " + status
                    + " cannot be completed").with("status", status);
        }
        if (endsAt.isAfter(now)) {
            throw new ApiException(ErrorCode.INVALID_ACTIVITY_STATE, "The activity ends at " + endsAt
                    + "; it is completed after it took place").with("status", status);
        }
        RecordingWindow.require(endDay, today, windowWorkingDays);
    }

    /**
     * What completion records for one sign-up: presence clipped to the activity, a missing check-out closed at the
     * end and flagged; nothing without a check-in or for less than a minute.
     */
    public static Optional<Served> served(Venue v, Presence p) {
        if (p.checkedInAt() == null) {
            return Optional.empty();
        }
        Instant out = p.checkedOutAt() == null ? v.endsAt() : p.checkedOutAt();
        AttendanceRules.Span span = AttendanceRules.clipped(p.checkedInAt(), out, v.startsAt(), v.endsAt());
        return span.minutes() < 1 ? Optional.empty() : Optional.of(new Served(span, p.checkedOutAt() == null));
    }
}
