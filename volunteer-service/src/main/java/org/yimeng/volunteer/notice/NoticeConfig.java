package org.yimeng.volunteer.notice;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** When the scheduled notices go out (docs/notifications.md). */
@ConfigMapping(prefix = "notices")
public interface NoticeConfig {
    /** Reminders this long before an activity's start. */
    @WithDefault("PT24H,PT2H")
    List<Duration> reminderOffsets();

    /** A pairing's volunteers are told when their household has had no visit for this many days. */
    @WithDefault("14")
    int visitDueDays();

    /** The weekly nudge goes out from this day and time (local) of each ISO week to those under the goal. */
    @WithDefault("SATURDAY")
    DayOfWeek weeklyNudgeDay();

    @WithDefault("10:00")
    LocalTime weeklyNudgeAt();

    /** An emergency call-out asks its next wave when the asks of this long ago are still unanswered. */
    @WithDefault("PT10M")
    Duration callOutWait();
}
