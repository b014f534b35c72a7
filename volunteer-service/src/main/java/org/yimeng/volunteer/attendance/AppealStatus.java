package org.yimeng.volunteer.attendance;

/** OPEN → APPROVED or REJECTED; decided appeals stay as history. */
public enum AppealStatus {
    OPEN, APPROVED, REJECTED
}
