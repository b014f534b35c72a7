-- volunteer-service, issue 3: places, volunteers, households and surveys, "二对一" pairings, visits, service records.
-- Invariants that a race could break live here as constraints; the service checks first to answer with the
-- contract's error codes, and these are the backstop.

-- Counties/districts of Linyi (GB/T 2260) and the two functional zones (project codes).
CREATE TABLE county (
    code       text PRIMARY KEY,
    name       text NOT NULL UNIQUE,
    kind       text NOT NULL CHECK (kind IN ('DISTRICT', 'COUNTY', 'ZONE')),
    sort_order int  NOT NULL
);
INSERT INTO county (code, name, kind, sort_order) VALUES
    ('371302', '兰山区', 'DISTRICT', 1),
    ('371311', '罗庄区', 'DISTRICT', 2),
    ('371312', '河东区', 'DISTRICT', 3),
    ('371321', '沂南县', 'COUNTY', 4),
    ('371322', '郯城县', 'COUNTY', 5),
    ('371323', '沂水县', 'COUNTY', 6),
    ('371324', '兰陵县', 'COUNTY', 7),
    ('371325', '费县', 'COUNTY', 8),
    ('371326', '平邑县', 'COUNTY', 9),
    ('371327', '莒南县', 'COUNTY', 10),
    ('371328', '蒙阴县', 'COUNTY', 11),
    ('371329', '临沭县', 'COUNTY', 12),
    ('GXQ', '高新区', 'ZONE', 13),
    ('YHXQ', '沂河新区', 'ZONE', 14);

CREATE TABLE community (
    id               uuid PRIMARY KEY,
    county_code      text        NOT NULL REFERENCES county (code),
    name             text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    kind             text        NOT NULL CHECK (kind IN ('VILLAGE', 'COMMUNITY')),
    code             text        CHECK (code ~ '^[0-9]{12}$'),
    pilot            boolean     NOT NULL DEFAULT false,
    pilot_since      date,
    -- filled from the ledger's events by a later issue; 0 until then
    fund_balance_fen bigint      NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    CONSTRAINT community_county_name_key UNIQUE (county_code, name),
    CONSTRAINT community_code_key UNIQUE (code),
    -- lets people and households carry the county without ever disagreeing with their community
    CONSTRAINT community_id_county_key UNIQUE (id, county_code),
    CONSTRAINT community_pilot_since_check CHECK (pilot = (pilot_since IS NOT NULL))
);
CREATE INDEX community_county_idx ON community (county_code, id);

CREATE TABLE grid (
    id           uuid PRIMARY KEY,
    community_id uuid        NOT NULL REFERENCES community (id),
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    worker_name  text,
    worker_phone text,
    created_at   timestamptz NOT NULL,
    CONSTRAINT grid_community_name_key UNIQUE (community_id, name),
    -- target of the (grid, community) foreign keys below: a grid always belongs to the record's community
    CONSTRAINT grid_id_community_key UNIQUE (id, community_id)
);
CREATE INDEX grid_community_idx ON grid (community_id, id);

CREATE TABLE volunteer (
    id           uuid PRIMARY KEY,
    county_code  text        NOT NULL,
    community_id uuid        NOT NULL,
    grid_id      uuid,
    name         text        NOT NULL,
    phone        text        NOT NULL CHECK (phone ~ '^1[3-9][0-9]{9}$'),
    id_number    text        CHECK (id_number ~ '^[0-9]{17}[0-9X]$'),
    gender       text        CHECK (gender IN ('MALE', 'FEMALE')),
    birth_date   date,
    skills       text[]      NOT NULL DEFAULT '{}',
    status       text        NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED')),
    consent_at   timestamptz NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    CONSTRAINT volunteer_phone_key UNIQUE (phone),
    CONSTRAINT volunteer_id_number_key UNIQUE (id_number),
    FOREIGN KEY (community_id, county_code) REFERENCES community (id, county_code),
    FOREIGN KEY (grid_id, community_id) REFERENCES grid (id, community_id)
);
CREATE INDEX volunteer_community_idx ON volunteer (community_id, id);
CREATE INDEX volunteer_grid_idx ON volunteer (grid_id, id);
CREATE INDEX volunteer_county_idx ON volunteer (county_code, id);

CREATE TABLE household (
    id                 uuid PRIMARY KEY,
    county_code        text        NOT NULL,
    community_id       uuid        NOT NULL,
    grid_id            uuid,
    head_name          text        NOT NULL,
    head_id_number     text        CHECK (head_id_number ~ '^[0-9]{17}[0-9X]$'),
    phone              text,
    address            text        NOT NULL,
    normalised_address text        NOT NULL CHECK (normalised_address <> ''),
    member_count       int         NOT NULL CHECK (member_count BETWEEN 1 AND 50),
    categories         text[]      NOT NULL DEFAULT '{}',
    -- earliest survey date; surveys are never deleted, so once set it only moves earlier
    first_surveyed_on  date,
    -- the ACTIVE pairing, kept in the pairing's transaction under the household's row lock; coverage reads it
    -- from the index below instead of joining the pairings (foreign key added with the pairing table)
    active_pairing_id  uuid,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    -- "一网帮尽": the same head anywhere in the city, or the same address and head within a community, is one household
    CONSTRAINT household_head_id_number_key UNIQUE (head_id_number),
    CONSTRAINT household_address_head_key UNIQUE (community_id, normalised_address, head_name),
    FOREIGN KEY (community_id, county_code) REFERENCES community (id, county_code),
    FOREIGN KEY (grid_id, community_id) REFERENCES grid (id, community_id)
);
-- coverage aggregates by county/community/grid, lists page by id inside a scope
CREATE INDEX household_county_idx ON household (county_code, grid_id) INCLUDE (first_surveyed_on, active_pairing_id);
CREATE INDEX household_county_unpaired_idx ON household (county_code, id) WHERE active_pairing_id IS NULL;
CREATE INDEX household_community_idx ON household (community_id, id);
CREATE INDEX household_grid_idx ON household (grid_id, id);

CREATE TABLE survey (
    id           uuid PRIMARY KEY,
    household_id uuid        NOT NULL REFERENCES household (id),
    surveyed_on  date        NOT NULL,
    surveyor     text        NOT NULL,
    created_at   timestamptz NOT NULL
);
CREATE INDEX survey_household_idx ON survey (household_id, id);

CREATE TABLE survey_need (
    survey_id uuid NOT NULL REFERENCES survey (id),
    ordinal   int  NOT NULL,
    type      text NOT NULL CHECK (type IN ('DAILY_CARE', 'MEDICAL', 'PSYCHOLOGICAL', 'HOUSEWORK', 'EDUCATION',
                                            'EMPLOYMENT', 'LEGAL', 'OTHER')),
    detail    text NOT NULL,
    PRIMARY KEY (survey_id, ordinal)
);

CREATE TABLE pairing (
    id           uuid PRIMARY KEY,
    household_id uuid        NOT NULL REFERENCES household (id),
    community_id uuid        NOT NULL REFERENCES community (id),
    status       text        NOT NULL CHECK (status IN ('ACTIVE', 'ENDED')),
    created_at   timestamptz NOT NULL,
    ended_at     timestamptz,
    end_reason   text,
    CONSTRAINT pairing_ended_check CHECK ((status = 'ENDED') = (ended_at IS NOT NULL AND end_reason IS NOT NULL))
);
-- at most one ACTIVE pairing per household, whatever the concurrency ("none is helped twice")
CREATE UNIQUE INDEX pairing_one_active_per_household ON pairing (household_id) WHERE status = 'ACTIVE';
CREATE INDEX pairing_household_idx ON pairing (household_id, id);
CREATE INDEX pairing_community_idx ON pairing (community_id, id);
-- coverage's cross-check of ACTIVE pairings per area against the households' pointers
CREATE INDEX pairing_active_community_idx ON pairing (community_id, household_id) WHERE status = 'ACTIVE';
ALTER TABLE household ADD CONSTRAINT household_active_pairing_fkey FOREIGN KEY (active_pairing_id)
    REFERENCES pairing (id) DEFERRABLE INITIALLY DEFERRED;

-- Who serves in a pairing, with history: a replaced volunteer's row gets left_at, never deleted.
CREATE TABLE pairing_member (
    id           uuid PRIMARY KEY,
    pairing_id   uuid        NOT NULL REFERENCES pairing (id),
    volunteer_id uuid        NOT NULL REFERENCES volunteer (id),
    -- 1 or 2: the place in the pair; a replacement takes the slot of the volunteer it replaces
    slot         smallint    NOT NULL CHECK (slot IN (1, 2)),
    joined_at    timestamptz NOT NULL,
    left_at      timestamptz,
    left_reason  text,
    CONSTRAINT pairing_member_left_check CHECK ((left_at IS NULL) = (left_reason IS NULL))
);
CREATE UNIQUE INDEX pairing_member_current_key ON pairing_member (pairing_id, volunteer_id) WHERE left_at IS NULL;
-- never more than two current volunteers: one per slot
CREATE UNIQUE INDEX pairing_member_current_slot_key ON pairing_member (pairing_id, slot) WHERE left_at IS NULL;
-- capacity count: a volunteer's current memberships
CREATE INDEX pairing_member_volunteer_current_idx ON pairing_member (volunteer_id) WHERE left_at IS NULL;
CREATE INDEX pairing_member_volunteer_idx ON pairing_member (volunteer_id, pairing_id);
CREATE INDEX pairing_member_pairing_idx ON pairing_member (pairing_id);

CREATE TABLE visit (
    id            uuid PRIMARY KEY,
    pairing_id    uuid        NOT NULL REFERENCES pairing (id),
    visited_on    date        NOT NULL,
    minutes       int         NOT NULL CHECK (minutes BETWEEN 1 AND 720),
    volunteer_ids uuid[]      NOT NULL CHECK (cardinality(volunteer_ids) >= 1),
    notes         text,
    recorded_by   text,
    created_at    timestamptz NOT NULL
);
CREATE INDEX visit_pairing_idx ON visit (pairing_id, id);

-- 志愿服务记录 (志愿服务记录与证明出具办法 §7): one row per volunteer and service; visits now, activities and
-- wishes later. Minutes come from started_at/ended_at when known, else as recorded (a visit).
CREATE TABLE service_record (
    id           uuid PRIMARY KEY,
    volunteer_id uuid        NOT NULL REFERENCES volunteer (id),
    source_kind  text        NOT NULL CHECK (source_kind IN ('VISIT', 'ACTIVITY', 'WISH')),
    source_id    uuid        NOT NULL,
    community_id uuid        NOT NULL REFERENCES community (id),
    service_date date        NOT NULL,
    started_at   timestamptz,
    ended_at     timestamptz,
    minutes      int         NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
    place        text        NOT NULL,
    content      text        NOT NULL,
    confirmed_by text,
    confirmed_at timestamptz,
    flagged      boolean     NOT NULL DEFAULT false,
    created_at   timestamptz NOT NULL,
    CONSTRAINT service_record_source_key UNIQUE (volunteer_id, source_kind, source_id),
    CONSTRAINT service_record_times_check CHECK (started_at IS NULL OR ended_at > started_at)
);
CREATE INDEX service_record_volunteer_idx ON service_record (volunteer_id, service_date);
