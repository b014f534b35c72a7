package org.yimeng.volunteer.notice;

/**
 * What a notice is about (events.md {@code NotificationRequested.kind}). The last three are additions for
 * cancellations and staff notices (docs/notifications.md); adding values is compatible for the gateway.
 */
public enum NoticeKind {
    ACTIVITY_REMINDER, SIGNUP_CONFIRMED, ACTIVITY_CHANGED, ACTIVITY_CANCELLED, VISIT_DUE, WEEKLY_NUDGE, CALL_OUT,
    WISH_UPDATE, SIGNUP_CANCELLED, APPEAL_FILED, CALL_OUT_ANSWERED;

    /** Kinds a person may switch off; every other kind always arrives. */
    public boolean optional() {
        return this == ACTIVITY_REMINDER || this == WEEKLY_NUDGE;
    }
}
