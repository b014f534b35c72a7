-- Test-only tables of the kit's probe application (ServiceKitTest); never shipped.
CREATE TABLE kit_probe_effect (
    id         uuid PRIMARY KEY,
    label      text NOT NULL,
    amount_fen bigint NOT NULL
);
CREATE TABLE kit_probe_applied (
    event_id      uuid NOT NULL,
    head_sequence bigint NOT NULL
);
