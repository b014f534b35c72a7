-- Notices (docs/notifications.md). The unique key is the exactly-once rule: one notice per recipient, kind, subject
-- and slot, whichever replica, retry or clock produced it. recipient is 'v:<volunteer id>' or 's:<token subject>'.
CREATE TABLE notification (
    id           uuid PRIMARY KEY,
    recipient    text        NOT NULL,
    volunteer_id uuid,
    kind         text        NOT NULL,
    subject_id   uuid        NOT NULL,
    slot         text        NOT NULL,
    title        text        NOT NULL,
    body         text        NOT NULL,
    urgent       boolean     NOT NULL,
    not_before   timestamptz NOT NULL,
    created_at   timestamptz NOT NULL,
    read_at      timestamptz,
    CONSTRAINT notification_once UNIQUE (recipient, kind, subject_id, slot),
    CONSTRAINT notification_recipient_form CHECK (recipient ~ '^(v|s):.+')
);
CREATE INDEX notification_inbox ON notification (recipient, created_at DESC, id DESC);
CREATE INDEX notification_unread ON notification (recipient) WHERE read_at IS NULL;

CREATE TABLE notification_preference (
    recipient    text PRIMARY KEY,
    reminders    boolean     NOT NULL,
    weekly_nudge boolean     NOT NULL,
    quiet_from   time        NOT NULL,
    quiet_to     time        NOT NULL,
    updated_at   timestamptz NOT NULL,
    CONSTRAINT notification_quiet_hours_differ CHECK (quiet_from <> quiet_to)
);
