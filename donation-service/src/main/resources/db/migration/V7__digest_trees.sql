-- Gift proofs (issue 17, docs/ledger-hash.md "Gift proofs"): the RFC 9162 Merkle tree over the entries of each digest
-- period (the entries after the previous digest's head, up to this digest's head), kept as its root and the roots of
-- its aligned 128-leaf subtrees, so that a proof reads one subtree's 128 hashes instead of the whole period. Written
-- with the digest (or, for digests older than this table, on the first proof asked of them); append-only like the
-- digests it belongs to.
CREATE TABLE ledger_digest_tree (
    head_sequence  bigint      PRIMARY KEY CHECK (head_sequence > 0),
    from_sequence  bigint      NOT NULL CHECK (from_sequence > 0 AND from_sequence <= head_sequence),
    root           char(64)    NOT NULL,
    chunk_roots    bytea       NOT NULL CHECK (length(chunk_roots) = 32 * ((head_sequence - from_sequence) / 128 + 1))
);
CREATE TRIGGER ledger_digest_tree_append_only BEFORE UPDATE OR DELETE ON ledger_digest_tree
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_digest_tree_no_truncate BEFORE TRUNCATE ON ledger_digest_tree
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
REVOKE ALL ON ledger_digest_tree FROM PUBLIC;

-- The runtime role may add trees but never change one (the grants of V2 and this table).
CREATE OR REPLACE FUNCTION ledger_grant_app_role(app_role name) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', current_schema(), app_role);
    EXECUTE format('GRANT SELECT, INSERT ON ledger_entry, ledger_digest, ledger_digest_tree, donation, funding_decision '
        || 'TO %I', app_role);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON community, piggy_bank, chain_head, account_balance, donor, '
        || 'disbursement, reversal, funding_parked, kit_outbox, kit_processed_event, kit_idempotency TO %I', app_role);
    EXECUTE format('GRANT SELECT ON flyway_schema_history TO %I', app_role);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', current_schema(), app_role);
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON ledger_entry, ledger_digest, ledger_digest_tree, funding_decision '
        || 'FROM %I', app_role);
END
$$;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${appRole}') THEN
        PERFORM ledger_grant_app_role('${appRole}');
    END IF;
END
$$;

-- The piggy-bank page lists a box's openings (its CASH donations): found by box, not by scanning every donation.
CREATE INDEX donation_cash_piggy_bank ON donation (piggy_bank_id) WHERE channel = 'CASH';
