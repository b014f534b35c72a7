-- volunteer-service, issue 9: bulk imports from spreadsheets. A job per uploaded file (dry run or commit) with its
-- progress counters, and the per-row report. The file itself stays on disk (imports.directory) while it may be
-- committed.
CREATE TABLE import_job (
    id              uuid PRIMARY KEY,
    kind            text        NOT NULL CHECK (kind IN ('HOUSEHOLDS', 'VOLUNTEERS', 'SURVEYS')),
    mode            text        NOT NULL CHECK (mode IN ('DRY_RUN', 'COMMIT')),
    state           text        NOT NULL CHECK (state IN ('QUEUED', 'RUNNING', 'VALIDATED', 'COMMITTED', 'FAILED')),
    county_code     text        NOT NULL,
    community_id    uuid        NOT NULL,
    -- the scope the job acts with (that of the caller who started it): level and, for a grid worker, the grid
    scope_level     text        NOT NULL,
    scope_grid_id   uuid,
    created_by      text,
    file_format     text        NOT NULL CHECK (file_format IN ('XLSX', 'CSV')),
    charset         text,
    file_sha256     text        NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
    file_bytes      bigint      NOT NULL,
    -- null once the file is deleted (committed, or kept past imports.keep-files-for)
    file_path       text,
    -- a commit started from a dry run names it
    source_job_id   uuid REFERENCES import_job (id),
    rows_total      int,
    rows_done       int         NOT NULL DEFAULT 0,
    rows_blank      int         NOT NULL DEFAULT 0,
    rows_valid      int         NOT NULL DEFAULT 0,
    rows_invalid    int         NOT NULL DEFAULT 0,
    rows_skipped    int         NOT NULL DEFAULT 0,
    rows_committed  int         NOT NULL DEFAULT 0,
    error_code      text,
    error_detail    text,
    created_at      timestamptz NOT NULL,
    started_at      timestamptz,
    finished_at     timestamptz,
    heartbeat_at    timestamptz NOT NULL,
    FOREIGN KEY (community_id, county_code) REFERENCES community (id, county_code)
);
-- the same file commits once per kind and community: a second commit answers the first (a failed one may be retried)
CREATE UNIQUE INDEX import_job_one_commit_per_file ON import_job (kind, community_id, file_sha256)
    WHERE mode = 'COMMIT' AND state <> 'FAILED';
CREATE INDEX import_job_community_idx ON import_job (community_id, id);
CREATE INDEX import_job_files_idx ON import_job (created_at) WHERE file_path IS NOT NULL;

-- One problem of one row: an error (the row is not imported) or a skip (the record is already in the database).
CREATE TABLE import_row_issue (
    seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id      uuid NOT NULL REFERENCES import_job (id),
    row_number  int  NOT NULL,
    column_name text,
    code        text NOT NULL,
    message     text NOT NULL,
    outcome     text NOT NULL CHECK (outcome IN ('ERROR', 'SKIPPED'))
);
CREATE INDEX import_row_issue_job_idx ON import_row_issue (job_id, seq);
