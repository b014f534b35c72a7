-- Issue 8 (LedgerVolumeBench, 10,000,000 entries): two indexes of ledger_entry get the columns their reads need, so
-- those reads stop fetching one heap page per entry. Each replaces an index with the same key, so the table keeps six
-- indexes; their tuples are wider.
--
-- ledger_entry_community_occurred_cover: a fund's balance as of an instant, its statement, the public fund report
-- and LedgerQueries.fundBalanceThrough sum every entry of the fund. (community_id, occurred_at) found them, but a
-- fund's entries are spread over the whole table, so each cost a heap page: 0.4-2 s for the largest fund (99,280
-- entries). With sequence, amount, type and credit account in the index they are index-only scans (tens of ms).
--
-- ledger_entry_occurred_cover: a page of a time range looks for gifts recorded after the range but back-dated into it
-- (V6, LedgerReader.entries) among the range's entries by occurred_at; with sequence and type in the index that is
-- an index-only scan (about 0.1 s for a month of 820,000 entries instead of 1.3 s).
--
-- CONCURRENTLY: appends go on while the indexes are built on a large ledger (a plain CREATE INDEX would hold the
-- writer for the whole build). Flyway runs these statements outside a transaction (so nothing else may be in this
-- file) and with a session lock (MigrationLock). No IF NOT EXISTS on the builds: a build that failed leaves an
-- INVALID index of that name, which IF NOT EXISTS would take for done before the old index is dropped; drop it and
-- run the migration again (flyway repair).
CREATE INDEX CONCURRENTLY ledger_entry_community_occurred_cover ON ledger_entry (community_id, occurred_at)
    INCLUDE (sequence, amount_fen, type, credit_account);
DROP INDEX CONCURRENTLY IF EXISTS ledger_entry_community_occurred;
CREATE INDEX CONCURRENTLY ledger_entry_occurred_cover ON ledger_entry (occurred_at) INCLUDE (sequence, type);
DROP INDEX CONCURRENTLY IF EXISTS ledger_entry_occurred;
