-- volunteer-service, issue 5: activities with sign-ups and attendance, micro-wishes, certificates, the fund balance
-- learnt from the ledger's events. As in V1, rules a race could break are constraints; the services check first to
-- answer with the contract's codes, and these are the backstop.

-- exclusion constraints mixing "=" on uuid with "&&" on ranges need btree_gist's operator classes
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- The ledger's view of each community fund: fund_balance_fen (V1) is set from the newest ledger event applied;
-- (fund_balance_at, fund_balance_seq) is that event's position (see FundBalance for the ordering rule).
ALTER TABLE community
    ADD COLUMN fund_balance_at  timestamptz,
    ADD COLUMN fund_balance_seq bigint NOT NULL DEFAULT 0;

CREATE TABLE activity (
    id                 uuid PRIMARY KEY,
    county_code        text        NOT NULL,
    community_id       uuid        NOT NULL,
    -- optional: where the call-out gathers; candidates in this grid rank first
    grid_id            uuid,
    kind               text        NOT NULL CHECK (kind IN ('FAIR', 'EMERGENCY', 'REGULAR')),
    title              text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    place              text        NOT NULL CHECK (length(place) BETWEEN 1 AND 200),
    starts_at          timestamptz NOT NULL,
    ends_at            timestamptz NOT NULL,
    capacity           int         NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
    -- sign-up counter kept under the activity's row lock; the CHECK makes overbooking impossible
    signups            int         NOT NULL DEFAULT 0,
    skills             text[]      NOT NULL DEFAULT '{}',
    status             text        NOT NULL CHECK (status IN ('PLANNED', 'FUNDING_PENDING', 'FUNDED',
                                                              'FUNDING_REJECTED', 'COMPLETED')),
    funding_fen        bigint      CHECK (funding_fen BETWEEN 1 AND 10000000),
    funding_request_id uuid,
    funding_entry_id   uuid,
    funding_reason     text,
    funding_decided_at timestamptz,
    created_by         text,
    completed_by       text,
    completed_at       timestamptz,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    CONSTRAINT activity_times_check CHECK (ends_at > starts_at AND ends_at - starts_at <= interval '24 hours'),
    CONSTRAINT activity_signups_check CHECK (signups BETWEEN 0 AND capacity),
    CONSTRAINT activity_funding_check CHECK ((funding_fen IS NULL) = (funding_request_id IS NULL)),
    CONSTRAINT activity_funding_request_key UNIQUE (funding_request_id),
    FOREIGN KEY (community_id, county_code) REFERENCES community (id, county_code),
    FOREIGN KEY (grid_id, community_id) REFERENCES grid (id, community_id)
);
CREATE INDEX activity_community_idx ON activity (community_id, id);
CREATE INDEX activity_county_idx ON activity (county_code, id);

-- One volunteer's place in an activity and their attendance. The activity's times are copied (they never change)
-- so that the exclusion constraint can forbid a volunteer two sign-ups whose times overlap.
CREATE TABLE activity_signup (
    id             uuid PRIMARY KEY,
    activity_id    uuid        NOT NULL REFERENCES activity (id),
    volunteer_id   uuid        NOT NULL REFERENCES volunteer (id),
    starts_at      timestamptz NOT NULL,
    ends_at        timestamptz NOT NULL,
    checked_in_at  timestamptz,
    checked_out_at timestamptz,
    created_at     timestamptz NOT NULL,
    CONSTRAINT activity_signup_key UNIQUE (activity_id, volunteer_id),
    CONSTRAINT activity_signup_no_overlap EXCLUDE USING gist
        (volunteer_id WITH =, tstzrange(starts_at, ends_at) WITH &&),
    CONSTRAINT activity_signup_attendance_check CHECK (checked_out_at IS NULL
        OR (checked_in_at IS NOT NULL AND checked_out_at >= checked_in_at))
);
CREATE INDEX activity_signup_activity_idx ON activity_signup (activity_id, id);

-- A volunteer's timed records never overlap (no double counting). Visits and wishes carry a date and minutes but
-- no time span, so they stay outside this rule.
ALTER TABLE service_record ADD CONSTRAINT service_record_no_overlap EXCLUDE USING gist
    (volunteer_id WITH =, tstzrange(started_at, ended_at) WITH &&) WHERE (started_at IS NOT NULL);
CREATE INDEX service_record_community_idx ON service_record (community_id);

-- 微心愿: a household's small wish. county/community/grid are the household's, for scope and progress.
CREATE TABLE wish (
    id                 uuid PRIMARY KEY,
    household_id       uuid        NOT NULL REFERENCES household (id),
    county_code        text        NOT NULL,
    community_id       uuid        NOT NULL,
    grid_id            uuid,
    title              text        NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
    description        text        NOT NULL,
    estimated_cost_fen bigint      CHECK (estimated_cost_fen BETWEEN 0 AND 10000000),
    status             text        NOT NULL CHECK (status IN ('OPEN', 'CLAIMED', 'FULFILLED', 'CANCELLED')),
    claimant_id        uuid        REFERENCES volunteer (id),
    claimed_at         timestamptz,
    fulfilled_on       date,
    fulfil_note        text,
    fulfil_minutes     int         CHECK (fulfil_minutes BETWEEN 1 AND 720),
    cancel_reason      text,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    -- exactly one claimant once claimed; a fulfilled wish keeps it
    CONSTRAINT wish_claimant_check CHECK ((status IN ('CLAIMED', 'FULFILLED')) <= (claimant_id IS NOT NULL)),
    CONSTRAINT wish_fulfilled_check CHECK ((status = 'FULFILLED') = (fulfilled_on IS NOT NULL)),
    FOREIGN KEY (community_id, county_code) REFERENCES community (id, county_code)
);
CREATE INDEX wish_community_idx ON wish (community_id, id);
CREATE INDEX wish_county_idx ON wish (county_code, status);
CREATE INDEX wish_household_idx ON wish (household_id, id);

-- 志愿服务记录证明: what was certified, frozen at issue time; the code is what anyone can verify.
CREATE TABLE certificate (
    code          text PRIMARY KEY CHECK (code ~ '^[0-9A-HJKMNP-TV-Z]{16}$'),
    volunteer_id  uuid        NOT NULL REFERENCES volunteer (id),
    total_minutes bigint      NOT NULL,
    record_count  int         NOT NULL,
    -- the public document (no phone, no ID number), served as stored
    snapshot      text        NOT NULL,
    issued_by     text,
    issued_at     timestamptz NOT NULL
);
CREATE INDEX certificate_volunteer_idx ON certificate (volunteer_id, issued_at DESC);
