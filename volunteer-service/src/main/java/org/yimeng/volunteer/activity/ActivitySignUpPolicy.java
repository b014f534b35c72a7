package org.yimeng.volunteer.activity;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.yimeng.kit.error.ApiException;
import org.yimeng.model.ErrorCode;
import org.yimeng.volunteer.volunteer.VolunteerStatus;

/**
 * Who may take a place at an activity and when a volunteer may give it back: the activity's status, the volunteer's
 * status, one sign-up per volunteer, the places, no overlapping sign-ups and the cancellation cut-off.
 * Framework-free: the service reads the facts under its locks and passes them in with the time; the database
 * constraints (the {@code signups} CHECK, {@code activity_signup_key}, {@code activity_signup_no_overlap}) stay the
 * backstop against races.
 */
public final class ActivitySignUpPolicy {
    private ActivitySignUpPolicy() {
    }

    /**
     * What deciding a sign-up needs, read after locking the activity and the volunteer.
     *
     * @param placesTaken the activity's sign-up count
     * @param clashingActivityId another activity of the volunteer's overlapping this one in time, or null
     */
    public record SignUp(ActivityStatus status, int capacity, int placesTaken, UUID volunteerId,
            VolunteerStatus volunteerStatus, boolean alreadySignedUp, UUID clashingActivityId) {
    }

    /** What deciding a self-cancellation needs; {@code checkedInAt} is null before check-in. */
    public record Cancellation(ActivityStatus status, Instant startsAt, Instant checkedInAt, Duration cutoff) {
    }

    /** Refuses sign-ups once the activity can no longer take place (completed, funding refused or withdrawn). */
    public static void requireOpen(ActivityStatus status) {
        if (!status.acceptsSignups()) {
            throw new ApiException(ErrorCode.INVALID_ACTIVITY_STATE, "The activity is " + status
                    + " and takes no sign-ups").with("status", status);
        }
    }

    /** Accepts the sign-up or throws the first rule it breaks, in the order the API documents them. */
    public static void check(SignUp s) {
        requireOpen(s.status());
        if (s.volunteerStatus() != VolunteerStatus.ACTIVE) {
            throw new ApiException(ErrorCode.VOLUNTEER_NOT_ACTIVE, "Volunteer " + s.volunteerId() + " is "
                    + s.volunteerStatus()).with("volunteerId", s.volunteerId());
        }
        if (s.alreadySignedUp()) {
            throw alreadySignedUp();
        }
        if (s.placesTaken() >= s.capacity()) {
            throw full(s.capacity());
        }
        if (s.clashingActivityId() != null) {
            throw overlapping().with("activityId", s.clashingActivityId());
        }
    }

    /**
     * A volunteer may cancel their own sign-up while the activity takes sign-ups, before checking in, and until the
     * cut-off before the start (the organiser plans with the places); the cut-off minute itself is too late.
     */
    public static void checkCancellation(Cancellation c, Instant now) {
        if (!c.status().acceptsSignups()) {
            throw new ApiException(ErrorCode.INVALID_ACTIVITY_STATE, "The activity is " + c.status()
                    + "; its sign-ups are final").with("status", c.status());
        }
        if (c.checkedInAt() != null) {
            throw new ApiException(ErrorCode.ALREADY_CHECKED_IN, "Checked in at " + c.checkedInAt())
                    .with("checkedInAt", c.checkedInAt());
        }
        if (!now.isBefore(c.startsAt().minus(c.cutoff()))) {
            throw new ApiException(ErrorCode.SIGNUP_CUTOFF_PASSED, "Sign-ups can be cancelled until "
                    + c.cutoff().toMinutes() + " minutes before the start")
                    .with("cutoffAt", c.startsAt().minus(c.cutoff()));
        }
    }

    public static ApiException alreadySignedUp() {
        return new ApiException(ErrorCode.ALREADY_SIGNED_UP, "The volunteer is already signed up");
    }

    public static ApiException full(int capacity) {
        return new ApiException(ErrorCode.ACTIVITY_FULL, "All " + capacity + " places are taken")
                .detail("capacity", capacity).with("capacity", capacity);
    }

    public static ApiException overlapping() {
        return new ApiException(ErrorCode.OVERLAPPING_SIGNUP,
                "The volunteer is signed up for another activity at an overlapping time");
    }
}
