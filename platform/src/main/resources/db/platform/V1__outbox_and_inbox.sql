-- Transactional outbox: modules append events in the same transaction as their state change;
-- the relay publishes them with confirms and deletes them.
CREATE TABLE platform.outbox (
    id           BIGSERIAL PRIMARY KEY,
    event_id     TEXT        NOT NULL UNIQUE,
    event_type   TEXT        NOT NULL,
    routing_key  TEXT        NOT NULL,
    payload      BYTEA       NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Inbox: one row per (consumer, event) processed, written in the consumer's transaction, so a
-- redelivered or replayed event is recognised and skipped.
CREATE TABLE platform.inbox (
    consumer     TEXT        NOT NULL,
    event_id     TEXT        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
CREATE INDEX inbox_processed_at ON platform.inbox (processed_at);
