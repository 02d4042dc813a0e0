-- One row per notification requested: its current status and why.
CREATE TABLE delivery.notification (
    notification_id TEXT        PRIMARY KEY,
    customer_id     TEXT        NOT NULL,
    category        TEXT        NOT NULL,
    priority        TEXT        NOT NULL,
    template_key    TEXT        NOT NULL,
    idempotency_key TEXT        NOT NULL,
    status          TEXT        NOT NULL,
    status_reason   TEXT,
    channel         TEXT,
    requested_at    TIMESTAMPTZ NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX notification_customer ON delivery.notification (customer_id, created_at DESC);

-- Durable dedupe: the first notification to claim (idempotency key, channel) is the only one
-- that reaches a provider. Committed before the provider call.
CREATE TABLE delivery.dispatch (
    idempotency_key TEXT        NOT NULL,
    channel         TEXT        NOT NULL,
    notification_id TEXT        NOT NULL,
    claimed_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (idempotency_key, channel)
);

-- Every provider call and its answer.
CREATE TABLE delivery.attempt (
    id                  BIGSERIAL   PRIMARY KEY,
    notification_id     TEXT        NOT NULL REFERENCES delivery.notification (notification_id),
    channel             TEXT        NOT NULL,
    provider            TEXT        NOT NULL,
    outcome             TEXT        NOT NULL,
    provider_message_id TEXT,
    error_code          TEXT,
    error_message       TEXT,
    latency_ms          BIGINT      NOT NULL,
    attempted_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX attempt_notification ON delivery.attempt (notification_id);
CREATE INDEX attempt_provider_message ON delivery.attempt (provider_message_id);
