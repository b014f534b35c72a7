package org.yimeng.volunteer.notice;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One notice in a person's inbox. {@code held} is true while it waits out the recipient's quiet hours. */
public record NotificationResponse(UUID id, NoticeKind kind, UUID subjectId, String title, String body,
        boolean urgent, Instant notBefore, boolean held, Instant createdAt, @Schema(nullable = true) Instant readAt,
        boolean read) {
}
