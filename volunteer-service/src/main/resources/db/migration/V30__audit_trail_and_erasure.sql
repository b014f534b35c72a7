-- Who read or changed a household's or a volunteer's personal data (issue 8). Names of fields only, never values.
CREATE TABLE audit_event (
    id              uuid PRIMARY KEY,                -- UUIDv7: key order is time order (keyset pagination)
    at              timestamptz NOT NULL,
    actor           text        NOT NULL,            -- the token's subject
    role            text        NOT NULL,
    scope_county    text,
    scope_community uuid,
    scope_grid      uuid,
    scope_volunteer uuid,
    action          text        NOT NULL CHECK (action IN ('READ', 'LIST', 'CREATE', 'UPDATE', 'ERASE')),
    entity_type     text        NOT NULL CHECK (entity_type IN ('HOUSEHOLD', 'VOLUNTEER')),
    -- a single record's id; a LIST names the ids it showed in entity_ids instead
    entity_id       uuid,
    entity_ids      uuid[]      NOT NULL DEFAULT '{}',
    fields          text[]      NOT NULL DEFAULT '{}',
    CHECK ((action = 'LIST') = (entity_id IS NULL))
);
CREATE INDEX audit_event_entity_idx ON audit_event (entity_id, id) WHERE entity_id IS NOT NULL;
CREATE INDEX audit_event_entity_ids_idx ON audit_event USING gin (entity_ids);
CREATE INDEX audit_event_actor_idx ON audit_event (actor, id);
CREATE INDEX audit_event_at_idx ON audit_event (at);

-- Erasure on request keeps the row (counts, coverage, pairings and archive stay as they were) and drops the details.
ALTER TABLE household ADD COLUMN erased_at timestamptz;
