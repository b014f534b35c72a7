package org.yimeng.volunteer.notice;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The inbox: a page of notices, newest first, and how many of all the person's notices are unread. */
public record NotificationPage(List<NotificationResponse> items, @Schema(nullable = true) String nextCursor,
        long unreadCount) {
}
