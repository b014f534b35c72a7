package org.yimeng.volunteer.notice;

import java.util.Objects;
import java.util.UUID;

/**
 * One notice to send. {@code slot} tells occurrences of the same kind and subject apart (a reminder's offset, an
 * activity's version, a sign-up's id): the same recipient, kind, subject and slot is sent once, ever.
 */
public record Notice(Recipient recipient, NoticeKind kind, UUID subjectId, String slot, String title, String body,
        boolean urgent) {
    public Notice {
        Objects.requireNonNull(recipient);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(subjectId);
        Objects.requireNonNull(slot);
        Objects.requireNonNull(title);
        Objects.requireNonNull(body);
    }
}
