package org.yimeng.volunteer.notice;

/** What a person chose to receive; emergencies and changes to what they signed up for cannot be switched off. */
public record Preferences(boolean reminders, boolean weeklyNudge, QuietHours quietHours) {
    public static final Preferences DEFAULT = new Preferences(true, true, QuietHours.DEFAULT);

    /** Whether a notice of this kind is created at all. */
    public boolean wants(NoticeKind kind) {
        return switch (kind) {
            case ACTIVITY_REMINDER -> reminders;
            case WEEKLY_NUDGE -> weeklyNudge;
            default -> true;
        };
    }
}
