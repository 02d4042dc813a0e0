-- Dead letters: events no consumer could process and notifications no provider accepted,
-- kept for ops to inspect and replay (replays go through dedupe).
CREATE TABLE delivery.dead_letter (
    id               BIGSERIAL   PRIMARY KEY,
    kind             TEXT        NOT NULL CHECK (kind IN ('event', 'notification')),
    message_id       TEXT,
    routing_key      TEXT        NOT NULL,
    queue            TEXT,
    reason           TEXT        NOT NULL,
    attempts         INT         NOT NULL,
    failed_at        TIMESTAMPTZ NOT NULL,
    received_at      TIMESTAMPTZ NOT NULL,
    body             BYTEA       NOT NULL,
    customer_id      TEXT,
    notification_id  TEXT,
    replay_count     INT         NOT NULL DEFAULT 0,
    last_replayed_at TIMESTAMPTZ
);
CREATE INDEX dead_letter_kind ON delivery.dead_letter (kind, id DESC);
CREATE INDEX dead_letter_customer ON delivery.dead_letter (customer_id);
