package org.yimeng.volunteer.notice;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The Chinese words of the notices; times in the programme's zone, as people read them. */
public final class NoticeTexts {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("M月d日 HH:mm");

    private NoticeTexts() {
    }

    public static String when(Instant at, ZoneId zone) {
        return WHEN.format(at.atZone(zone));
    }

    public static String signedUp(String title, Instant startsAt, String place, ZoneId zone) {
        return "您已报名「" + title + "」，" + when(startsAt, zone) + " 开始" + (place == null || place.isBlank() ? "" : "，地点：" + place) + "。";
    }

    public static String cancelled(String title, Instant startsAt, ZoneId zone) {
        return "您已取消报名「" + title + "」（" + when(startsAt, zone) + "）。";
    }
}
