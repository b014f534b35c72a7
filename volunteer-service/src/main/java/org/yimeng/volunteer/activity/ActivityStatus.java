package org.yimeng.volunteer.activity;

/**
 * PLANNED → COMPLETED without funding; FUNDING_PENDING → FUNDED → COMPLETED, or FUNDING_PENDING → FUNDING_REJECTED
 * (final) when the ledger refuses the money; FUNDED (or still pending) → FUNDING_WITHDRAWN (final) when the ledger
 * reverses the disbursement (ReversalRecorded). Any state that can still take place → CANCELLED (final) by an organiser.
 */
public enum ActivityStatus {
    PLANNED, FUNDING_PENDING, FUNDED, FUNDING_REJECTED, COMPLETED, FUNDING_WITHDRAWN, CANCELLED;

    /** Volunteers may sign up while the activity can still take place. */
    public boolean acceptsSignups() {
        return this == PLANNED || this == FUNDING_PENDING || this == FUNDED;
    }

    /** Attendance is taken while the activity can still take place. */
    public boolean acceptsAttendance() {
        return acceptsSignups();
    }

    /** Completion needs the money question settled (or none asked). */
    public boolean completable() {
        return this == PLANNED || this == FUNDED;
    }
}
