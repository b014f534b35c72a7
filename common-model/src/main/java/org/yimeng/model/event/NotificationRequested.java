package org.yimeng.model.event;

import java.time.Instant;
import java.util.UUID;

/**
 * A notice for a delivery gateway (SMS, WeChat) outside the project, on {@link Topics#NOTIFICATIONS}. It names the
 * recipient by volunteer id or staff token subject, never by phone: the gateway resolves the number itself
 * (docs/notifications.md). {@code notBefore} is when a non-urgent notice may go out (after the recipient's quiet hours).
 */
public record NotificationRequested(UUID eventId, String type, Instant occurredAt, int schemaVersion,
        UUID notificationId, Recipient recipient, UUID volunteerId, String kind, UUID subjectId, String title,
        String body, boolean urgent, Instant notBefore) implements PlatformEvent {

    public static final String TYPE = "NotificationRequested";

    /** Exactly one of the two is set. */
    public record Recipient(UUID volunteerId, String subject) {
    }

    public static NotificationRequested of(Instant at, UUID notificationId, Recipient recipient, String kind,
            UUID subjectId, String title, String body, boolean urgent, Instant notBefore) {
        return new NotificationRequested(UUID.randomUUID(), TYPE, at, 1, notificationId, recipient,
                recipient.volunteerId(), kind, subjectId, title, body, urgent, notBefore);
    }

    /** Keyed by the recipient, so one person's notices stay in order. */
    @Override
    public String key() {
        return recipient.volunteerId() != null ? recipient.volunteerId().toString() : "s:" + recipient.subject();
    }
}
