-- Issue 8 (LedgerVolumeBench, 10,000,000 entries): a fund's balance as of an instant, its statement, the public fund
-- report and LedgerQueries.fundBalanceThrough sum every entry of the fund. (community_id, occurred_at) found those
-- entries, but each one then cost a heap page, because a fund's entries are spread over the whole table: 0.4-2 s for
-- the largest fund (99,280 entries). With the columns those sums read in the index, they are index-only scans
-- (tens of ms). The index replaces ledger_entry_community_occurred, whose key it keeps, so there are still six
-- indexes on the table; its tuples are wider (the credit account is in it).
--
-- CONCURRENTLY: the appends go on while the index is built on a large ledger (a plain CREATE INDEX would block the
-- writer for the whole build). Flyway runs these two statements outside a transaction; nothing else may be in this
-- file.
CREATE INDEX CONCURRENTLY IF NOT EXISTS ledger_entry_community_occurred_cover ON ledger_entry (community_id, occurred_at)
    INCLUDE (sequence, amount_fen, type, credit_account);
DROP INDEX CONCURRENTLY IF EXISTS ledger_entry_community_occurred;
