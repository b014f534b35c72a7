-- Tables of the shared service kit, created in every service's database (Flyway location db/kit).
-- Versions 0.x are reserved for the kit so that they run before, and never collide with, a service's own.

-- Transactional outbox: written in the business transaction, published and deleted by the relay.
CREATE TABLE kit_outbox (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id    uuid        NOT NULL UNIQUE,
    topic       text        NOT NULL,
    record_key  text        NOT NULL,
    event_type  text        NOT NULL,
    payload     text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Idempotent consumer: one row per applied event, written in the same transaction as the effect.
CREATE TABLE kit_processed_event (
    event_id     uuid        PRIMARY KEY,
    topic        text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now()
);

-- Idempotency-Key: the first response to a key, stored in the same transaction as the effect.
CREATE TABLE kit_idempotency (
    scope         text        NOT NULL,
    idem_key      text        NOT NULL,
    request_hash  text        NOT NULL,
    status        int         NOT NULL,
    response_body text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, idem_key)
);
