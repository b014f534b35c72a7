-- volunteer-service, issue 15 (attendance by phone): an optional geofence on activities, each activity's secret for
-- its rotating attendance code, and appeals of a forgotten check-out or check-in.

-- A geofence is a centre and a radius; a centre alone marks the place on a map and fences nothing.
ALTER TABLE activity
    ADD COLUMN lat      double precision CHECK (lat BETWEEN -90 AND 90),
    ADD COLUMN lng      double precision CHECK (lng BETWEEN -180 AND 180),
    ADD COLUMN radius_m int CHECK (radius_m BETWEEN 10 AND 100000),
    ADD CONSTRAINT activity_position_check CHECK ((lat IS NULL) = (lng IS NULL) AND (radius_m IS NULL OR lat IS NOT NULL));

-- The HMAC key of an activity's attendance code: made from SecureRandom the first time an organiser asks for the
-- code, never sent anywhere. Kept apart from activity so that no listing of activities can carry it.
CREATE TABLE activity_attendance_secret (
    activity_id uuid PRIMARY KEY REFERENCES activity (id),
    secret      bytea       NOT NULL CHECK (length(secret) = 32),
    created_at  timestamptz NOT NULL
);

-- A volunteer's appeal about their own attendance. checked_in_at is set for a forgotten check-in (both times
-- claimed), null when only the check-out was forgotten. The previous_* columns keep what the sign-up said before an
-- approval changed it; appeals are never deleted (history).
CREATE TABLE attendance_appeal (
    id                      uuid PRIMARY KEY,
    activity_id             uuid        NOT NULL REFERENCES activity (id),
    volunteer_id            uuid        NOT NULL REFERENCES volunteer (id),
    county_code             text        NOT NULL,
    community_id            uuid        NOT NULL,
    grid_id                 uuid,
    checked_in_at           timestamptz,
    checked_out_at          timestamptz NOT NULL,
    reason                  text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    status                  text        NOT NULL CHECK (status IN ('OPEN', 'APPROVED', 'REJECTED')),
    filed_at                timestamptz NOT NULL,
    decided_at              timestamptz,
    decided_by              text,
    decision_note           text,
    previous_checked_in_at  timestamptz,
    previous_checked_out_at timestamptz,
    service_record_id       uuid REFERENCES service_record (id),
    CONSTRAINT attendance_appeal_times_check CHECK (checked_in_at IS NULL OR checked_out_at > checked_in_at),
    CONSTRAINT attendance_appeal_decided_check CHECK ((status = 'OPEN') = (decided_at IS NULL))
);
-- one open appeal per volunteer and activity; decided ones stay as history
CREATE UNIQUE INDEX attendance_appeal_open_key ON attendance_appeal (activity_id, volunteer_id) WHERE status = 'OPEN';
CREATE INDEX attendance_appeal_community_idx ON attendance_appeal (community_id, id);
CREATE INDEX attendance_appeal_county_idx ON attendance_appeal (county_code, id);
