-- Organisers change or cancel an activity (docs/notifications.md): version counts the changes that were told to the
-- signed-up volunteers (the slot of their ACTIVITY_CHANGED notice); CANCELLED is final.
ALTER TABLE activity ADD COLUMN version integer NOT NULL DEFAULT 1,
    ADD COLUMN cancelled_at timestamptz,
    ADD COLUMN cancelled_reason text;
ALTER TABLE activity DROP CONSTRAINT activity_status_check,
    ADD CONSTRAINT activity_status_check CHECK (status IN ('PLANNED', 'FUNDING_PENDING', 'FUNDED', 'FUNDING_REJECTED',
        'COMPLETED', 'FUNDING_WITHDRAWN', 'CANCELLED'));
