-- Staff asking for a phone in full (POST .../contact) is audited as REVEAL with the reason they gave; the database
-- keeps a REVEAL from ever being stored without one. Version 40.1 rather than 41 so that parallel branches' next
-- migrations cannot collide with it.
ALTER TABLE audit_event ADD COLUMN reason text;
ALTER TABLE audit_event DROP CONSTRAINT audit_event_action_check;
ALTER TABLE audit_event ADD CONSTRAINT audit_event_action_check
    CHECK (action IN ('READ', 'LIST', 'CREATE', 'UPDATE', 'ERASE', 'REVEAL'));
ALTER TABLE audit_event ADD CONSTRAINT audit_event_reveal_reason_check
    CHECK ((action = 'REVEAL') = (reason IS NOT NULL));
