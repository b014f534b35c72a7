package org.yimeng.volunteer.attendance;

import java.time.Duration;
import java.time.Instant;

/**
 * When a volunteer may check themself in and out, and whether a position is inside an activity's geofence
 * (api.md "Settled details", Attendance). Framework-free: the service passes in the times and the position.
 */
public final class AttendanceRules {
    /** Self check-in opens this long before the start. */
    public static final Duration EARLY_CHECK_IN = Duration.ofMinutes(30);
    /** Self check-out stays open this long after the end; later, an appeal. */
    public static final Duration LATE_CHECK_OUT = Duration.ofHours(2);

    private AttendanceRules() {
    }

    /** Check-in from 30 min before the start until the end (exclusive). */
    public static boolean checkInOpen(Instant startsAt, Instant endsAt, Instant now) {
        return !now.isBefore(startsAt.minus(EARLY_CHECK_IN)) && now.isBefore(endsAt);
    }

    /** Check-out from the check-in until 2 h after the end (inclusive). */
    public static boolean checkOutOpen(Instant checkedInAt, Instant endsAt, Instant now) {
        return !now.isBefore(checkedInAt) && !now.isAfter(endsAt.plus(LATE_CHECK_OUT));
    }

    /** What a position says about a geofence. */
    public enum Fence {
        /** No geofence on the activity, or the position is inside it. */
        INSIDE,
        OUTSIDE,
        /** The activity has a geofence and the request carried no position. */
        POSITION_MISSING
    }

    /**
     * Checks a position against an activity's fence; an activity without {@code radiusM} has none. The boundary
     * itself counts as inside.
     */
    public static Fence fence(Double centreLat, Double centreLng, Integer radiusM, Double lat, Double lng) {
        if (centreLat == null || centreLng == null || radiusM == null) {
            return Fence.INSIDE;
        }
        if (lat == null || lng == null) {
            return Fence.POSITION_MISSING;
        }
        return Geo.distanceMetres(centreLat, centreLng, lat, lng) <= radiusM ? Fence.INSIDE : Fence.OUTSIDE;
    }

    /** Presence clipped to the activity's time, as completion counts it. */
    public record Span(Instant start, Instant end) {
        public long minutes() {
            return end.isAfter(start) ? Duration.between(start, end).toMinutes() : 0;
        }
    }

    public static Span clipped(Instant checkedInAt, Instant checkedOutAt, Instant startsAt, Instant endsAt) {
        Instant start = checkedInAt.isAfter(startsAt) ? checkedInAt : startsAt;
        Instant end = checkedOutAt.isBefore(endsAt) ? checkedOutAt : endsAt;
        return new Span(start, end);
    }
}
