-- Index-only scans (V4) skip the heap only for pages marked all-visible, which VACUUM does. An append-only table is
-- vacuumed by default after it grew by 20 %: up to 2,000,000 recent entries of a 10,000,000-entry ledger would
-- still cost a heap page each. Vacuuming after 1 % growth is cheap here: nothing is ever updated or deleted, so
-- each run only visits the pages appended since the last one.
ALTER TABLE ledger_entry SET (autovacuum_vacuum_insert_scale_factor = 0.01);
