package org.yimeng.volunteer.notice;

import java.util.UUID;

/** Whom a notice is for: a volunteer by record, or a staff member by token subject. */
public sealed interface Recipient {
    /** The stored key: {@code v:<id>} or {@code s:<subject>} (the unique key of the notification table). */
    String key();

    record Volunteer(UUID volunteerId) implements Recipient {
        public Volunteer {
            java.util.Objects.requireNonNull(volunteerId);
        }

        @Override
        public String key() {
            return "v:" + volunteerId;
        }
    }

    record Staff(String subject) implements Recipient {
        public Staff {
            if (subject == null || subject.isBlank()) {
                throw new IllegalArgumentException("a staff recipient needs a token subject");
            }
        }

        @Override
        public String key() {
            return "s:" + subject;
        }
    }
}
