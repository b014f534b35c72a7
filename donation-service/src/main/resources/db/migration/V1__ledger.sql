-- donation-service: the community registry, piggy-banks, and the append-only, double-entry, hash-chained ledger.
-- docs/donation-service.md explains the design; docs/ledger-hash.md the hash rule this file enforces.

-- Communities as announced by volunteer-service on volunteer.communities.v1 (the ledger's own registry).
CREATE TABLE community (
    id           uuid        PRIMARY KEY,
    county_code  text        NOT NULL,
    name         text        NOT NULL,
    kind         text        NOT NULL,
    pilot        boolean     NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX community_county ON community (county_code);

CREATE TABLE piggy_bank (
    id            uuid        PRIMARY KEY,
    code          text        NOT NULL UNIQUE,
    community_id  uuid        NOT NULL REFERENCES community (id),
    label         text        NOT NULL,
    place         text        NOT NULL,
    status        text        NOT NULL CHECK (status IN ('ACTIVE', 'RETIRED')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    retired_at    timestamptz
);
CREATE INDEX piggy_bank_community ON piggy_bank (community_id, id);

-- The chain. Every column is covered by the hash, so nothing in this table can change unnoticed; whatever is not
-- part of the hash line (donor, purpose, reason, idempotency key) lives in side tables.
CREATE TABLE ledger_entry (
    sequence        bigint      PRIMARY KEY CHECK (sequence > 0),
    entry_id        uuid        NOT NULL UNIQUE,
    type            text        NOT NULL CHECK (type IN ('DONATION', 'DISBURSEMENT', 'REVERSAL')),
    community_id    uuid        NOT NULL,
    debit_account   text        NOT NULL,
    credit_account  text        NOT NULL,
    amount_fen      bigint      NOT NULL CHECK (amount_fen > 0),
    occurred_at     timestamptz NOT NULL,
    recorded_at     timestamptz NOT NULL,
    reversal_of     uuid        UNIQUE REFERENCES ledger_entry (entry_id),
    prev_hash       char(64)    NOT NULL,
    hash            char(64)    NOT NULL,
    CHECK (debit_account <> credit_account),
    CHECK ((type = 'REVERSAL') = (reversal_of IS NOT NULL)),
    CHECK (occurred_at <= recorded_at)
);
CREATE INDEX ledger_entry_community ON ledger_entry (community_id, sequence);
CREATE INDEX ledger_entry_community_occurred ON ledger_entry (community_id, occurred_at);
CREATE INDEX ledger_entry_occurred ON ledger_entry (occurred_at);

-- The hash line of api.md in SQL, for checks by hand:
--   SELECT sequence FROM ledger_entry e WHERE hash <> encode(sha256(convert_to(ledger_entry_line(e), 'UTF8')), 'hex');
-- Instants: UTC, exactly six fraction digits.
CREATE FUNCTION ledger_instant(ts timestamptz) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
$$;

CREATE FUNCTION ledger_entry_line(e ledger_entry) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT e.sequence || '|' || e.entry_id || '|' || e.type || '|' || e.community_id || '|' || e.debit_account
        || '|' || e.credit_account || '|' || e.amount_fen || '|' || ledger_instant(e.occurred_at)
        || '|' || ledger_instant(e.recorded_at) || '|' || coalesce(e.reversal_of::text, '') || '|' || e.prev_hash
$$;

-- Fork and gap guard, once per INSERT statement over all its rows (the writer inserts a whole batch in one
-- statement): sequence n must link to the stored hash of n - 1 (the primary key forbids a second n). A writer that
-- read a stale head fails here instead of forking the chain; one that skips a sequence fails as a gap, since n - 1 is
-- not there (or not committed yet). Whether each hash is the hash of its line is for verify to show: recomputing it
-- here too cost more than the rest of the append (see docs/donation-service.md); ledger_entry_line() above lets
-- anyone check it in SQL.
CREATE FUNCTION ledger_entry_guard_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    bad record;
BEGIN
    SELECT n.sequence, l.hash AS previous
      INTO bad
      FROM new_rows n
      LEFT JOIN LATERAL (SELECT p.hash FROM ledger_entry p WHERE p.sequence = n.sequence - 1) l ON true
     WHERE n.prev_hash IS DISTINCT FROM CASE WHEN n.sequence = 1 THEN repeat('0', 64) ELSE l.hash END
     ORDER BY n.sequence
     LIMIT 1;
    IF FOUND THEN
        IF bad.previous IS NULL AND bad.sequence > 1 THEN
            RAISE EXCEPTION 'ledger gap: sequence % has no predecessor', bad.sequence
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RAISE EXCEPTION 'ledger fork: sequence % does not link to the hash of sequence %', bad.sequence, bad.sequence - 1
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER ledger_entry_guard_insert AFTER INSERT ON ledger_entry REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_entry_guard_insert();

-- Append-only: history is corrected by REVERSAL entries, never edited or deleted.
CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE OR DELETE ON ledger_entry
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_entry_no_truncate BEFORE TRUNCATE ON ledger_entry
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

-- The chain head, one row: the single writer locks it (SELECT ... FOR UPDATE) for each batch it appends, so that
-- writers in several replicas take turns.
CREATE TABLE chain_head (
    id           int         PRIMARY KEY CHECK (id = 1),
    sequence     bigint      NOT NULL,
    hash         char(64)    NOT NULL,
    recorded_at  timestamptz
);
INSERT INTO chain_head (id, sequence, hash) VALUES (1, 0, repeat('0', 64));

-- Balances: credits minus debits of each account, kept by the writer in the transaction of each batch. The sum over
-- all accounts is zero; a community fund can never go below zero (the writer refuses, this CHECK backs it).
CREATE TABLE account_balance (
    account       text   PRIMARY KEY,
    kind          text   NOT NULL CHECK (kind IN ('DONATIONS_IN', 'FUND', 'SPENDING')),
    community_id  uuid,
    balance_fen   bigint NOT NULL,
    CHECK (kind <> 'FUND' OR balance_fen >= 0)
);

-- A donation: one DONATION entry, found again by its idempotency key (same key over HTTP or Kafka: one donation).
CREATE SEQUENCE receipt_no_seq;
CREATE TABLE donation (
    entry_id          uuid        PRIMARY KEY REFERENCES ledger_entry (entry_id),
    idempotency_key   text        NOT NULL UNIQUE,
    request_hash      char(64)    NOT NULL,
    receipt_no        text        NOT NULL UNIQUE,
    piggy_bank_id     uuid        REFERENCES piggy_bank (id),
    channel           text        NOT NULL CHECK (channel IN ('CASH', 'WECHAT', 'ALIPAY', 'UNIONPAY', 'BANK')),
    anonymous         boolean     NOT NULL
);

-- Donor details, apart from the chain so that erasure (个人信息保护法) never touches an entry.
CREATE TABLE donor (
    entry_id  uuid PRIMARY KEY REFERENCES donation (entry_id),
    name      text,
    phone     text
);

-- What a disbursement paid for, decided once per funding request.
CREATE TABLE disbursement (
    entry_id     uuid PRIMARY KEY REFERENCES ledger_entry (entry_id),
    request_id   uuid NOT NULL UNIQUE,
    activity_id  uuid NOT NULL,
    purpose      text NOT NULL
);

CREATE TABLE reversal (
    entry_id      uuid PRIMARY KEY REFERENCES ledger_entry (entry_id),
    reason        text NOT NULL,
    requested_by  text
);

-- Periodic statements of the head, also published on ledger.digests.v1; verify checks the chain against them.
CREATE TABLE ledger_digest (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    head_sequence  bigint      NOT NULL,
    head_hash      char(64)    NOT NULL,
    at             timestamptz NOT NULL
);
CREATE INDEX ledger_digest_sequence ON ledger_digest (head_sequence);
CREATE TRIGGER ledger_digest_append_only BEFORE UPDATE OR DELETE ON ledger_digest
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_digest_no_truncate BEFORE TRUNCATE ON ledger_digest
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

-- The runtime role. The owner (who runs these migrations) can always bypass grants, so production runs the service
-- as ${appRole}: it may read everything and append to the ledger, but it holds no UPDATE, DELETE or TRUNCATE on
-- ledger_entry or ledger_digest. The role is created here when the migrating user may create roles; otherwise the
-- database administrator creates it and calls ledger_grant_app_role (later migrations call it again).
REVOKE ALL ON ledger_entry, ledger_digest FROM PUBLIC;

CREATE FUNCTION ledger_grant_app_role(app_role name) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', current_schema(), app_role);
    EXECUTE format('GRANT SELECT, INSERT ON ledger_entry, ledger_digest, donation TO %I', app_role);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON community, piggy_bank, chain_head, account_balance, donor, '
        || 'disbursement, reversal, kit_outbox, kit_processed_event, kit_idempotency TO %I', app_role);
    EXECUTE format('GRANT SELECT ON flyway_schema_history TO %I', app_role);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', current_schema(), app_role);
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON ledger_entry, ledger_digest FROM %I', app_role);
END
$$;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${appRole}')
            AND (SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        CREATE ROLE "${appRole}" NOLOGIN;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${appRole}') THEN
        PERFORM ledger_grant_app_role('${appRole}');
    END IF;
END
$$;
