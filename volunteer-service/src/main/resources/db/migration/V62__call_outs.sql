-- Emergency call-outs (docs/notifications.md "Emergency call-outs"): one per activity, asked in waves; each volunteer
-- is asked once and answers once.
CREATE TABLE call_out (
    id          uuid PRIMARY KEY,
    activity_id uuid        NOT NULL UNIQUE REFERENCES activity (id),
    wave_size   int         NOT NULL CHECK (wave_size BETWEEN 1 AND 100),
    waves       int         NOT NULL DEFAULT 0,
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL
);
CREATE TABLE call_out_ask (
    call_out_id  uuid        NOT NULL REFERENCES call_out (id),
    volunteer_id uuid        NOT NULL REFERENCES volunteer (id),
    wave         int         NOT NULL,
    asked_at     timestamptz NOT NULL,
    answer       text CHECK (answer IN ('ACCEPTED', 'DECLINED')),
    answered_at  timestamptz,
    PRIMARY KEY (call_out_id, volunteer_id),
    CONSTRAINT call_out_ask_answered CHECK ((answer IS NULL) = (answered_at IS NULL))
);
CREATE INDEX call_out_ask_volunteer_idx ON call_out_ask (volunteer_id, asked_at DESC);
