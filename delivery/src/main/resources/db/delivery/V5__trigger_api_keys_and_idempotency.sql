-- API keys of the retailer's other systems (CRM, field service, payments) for the trigger API.
-- The key itself is shown once; only its SHA-256 is kept (a 256-bit random key cannot be guessed
-- from its hash, so a slow password hash would add nothing but latency on every call).
CREATE TABLE delivery.api_key (
    id          TEXT        PRIMARY KEY,
    name        TEXT        NOT NULL,
    prefix      TEXT        NOT NULL,
    key_hash    BYTEA       NOT NULL UNIQUE,
    categories  TEXT        NOT NULL, -- comma separated wire names: usage,billing
    created_by  TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    revoked_by  TEXT,
    revoked_at  TIMESTAMPTZ,
    CHECK (categories <> ''),
    CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);

-- Idempotency-Key of trigger calls (Stripe's semantics): per API key, the first request's body
-- hash and its answer, replayed for the same key and body until expires_at.
CREATE TABLE delivery.trigger_idempotency (
    api_key_id      TEXT        NOT NULL, -- the caller: its API key id
    idempotency_key TEXT        NOT NULL,
    request_hash    BYTEA       NOT NULL,
    response_status INT         NOT NULL,
    response_body   TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (api_key_id, idempotency_key)
);
CREATE INDEX trigger_idempotency_expires ON delivery.trigger_idempotency (expires_at);
