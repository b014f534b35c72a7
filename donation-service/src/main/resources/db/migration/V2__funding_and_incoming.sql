-- Issue 6: funding decisions (the saga with volunteer-service) and donations arriving over Kafka.

-- One decision per funding request, approved or not, final. Written by the ledger writer in the same transaction as
-- the DISBURSEMENT entry (when approved) and the FundingDecided outbox row, so a redelivered request finds it and
-- changes nothing. No foreign key to community: a request for an unknown community is decided too (rejected).
CREATE TABLE funding_decision (
    request_id         uuid        PRIMARY KEY,
    activity_id        uuid        NOT NULL,
    community_id       uuid        NOT NULL,
    amount_fen         bigint      NOT NULL,
    approved           boolean     NOT NULL,
    entry_id           uuid        UNIQUE REFERENCES ledger_entry (entry_id),
    reason             text,
    balance_after_fen  bigint      NOT NULL,
    decided_at         timestamptz NOT NULL,
    CHECK (approved = (entry_id IS NOT NULL)),
    CHECK (approved OR reason IS NOT NULL)
);
CREATE INDEX funding_decision_community ON funding_decision (community_id);

-- A funding request whose community has not reached the ledger yet (CommunityChanged and FundingRequested travel on
-- different topics, so the request can come first): parked, and decided by FundingParking once the community is
-- known or the grace period is over. Deleted once decided.
CREATE TABLE funding_parked (
    request_id    uuid        PRIMARY KEY,
    activity_id   uuid        NOT NULL,
    community_id  uuid        NOT NULL,
    amount_fen    bigint      NOT NULL,
    purpose       text        NOT NULL,
    parked_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX funding_parked_community ON funding_parked (community_id);

-- "The same request" for an idempotency key now means the same money: target (piggy-bank code or community),
-- amountFen and channel, so that a key sent over HTTP and over Kafka (where occurredAt is the platform's time and
-- donor details may be spelled differently) is one donation. Earlier rows get the new canonical hash, computed
-- exactly as DonationService.requestHash does (fields joined by a newline, SHA-256, lowercase hex).
UPDATE donation d SET request_hash = encode(sha256(convert_to(
        coalesce((SELECT p.code FROM piggy_bank p WHERE p.id = d.piggy_bank_id), '') || E'\n'
        || CASE WHEN d.piggy_bank_id IS NULL THEN e.community_id::text ELSE '' END || E'\n'
        || e.amount_fen::text || E'\n' || d.channel, 'UTF8')), 'hex')
    FROM ledger_entry e WHERE e.entry_id = d.entry_id;

-- The runtime role may add decisions but never change one.
CREATE OR REPLACE FUNCTION ledger_grant_app_role(app_role name) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', current_schema(), app_role);
    EXECUTE format('GRANT SELECT, INSERT ON ledger_entry, ledger_digest, donation, funding_decision TO %I', app_role);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON community, piggy_bank, chain_head, account_balance, donor, '
        || 'disbursement, reversal, funding_parked, kit_outbox, kit_processed_event, kit_idempotency TO %I', app_role);
    EXECUTE format('GRANT SELECT ON flyway_schema_history TO %I', app_role);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', current_schema(), app_role);
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON ledger_entry, ledger_digest, funding_decision FROM %I', app_role);
END
$$;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${appRole}') THEN
        PERFORM ledger_grant_app_role('${appRole}');
    END IF;
END
$$;
