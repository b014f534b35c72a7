package org.yimeng.volunteer.place;

/**
 * Where a county (or the city) stands against the pilot target: a county with no communities has nothing to meet and
 * says so (its {@code meetsTarget} is null) rather than "meets the target" with 0 of 0.
 */
public enum PilotState {
    NO_COMMUNITIES, MEETS_TARGET, BELOW_TARGET;

    public static PilotState of(long communities, long pilots, long requiredPilots) {
        if (communities == 0) {
            return NO_COMMUNITIES;
        }
        return pilots >= requiredPilots ? MEETS_TARGET : BELOW_TARGET;
    }

    /** true, false, or null when there is nothing to meet. */
    public Boolean meetsTarget() {
        return this == NO_COMMUNITIES ? null : this == MEETS_TARGET;
    }
}
