-- The retailer's endpoints that receive every delivery status change as a signed webhook.
-- The signing secret is kept as it is (an HMAC needs it); it is shown once when created and never
-- returned by the API afterwards.
CREATE TABLE delivery.status_webhook (
    id          TEXT        PRIMARY KEY,
    url         TEXT        NOT NULL,
    key_id      TEXT        NOT NULL,
    secret      TEXT        NOT NULL,
    created_by  TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    revoked_by  TEXT,
    revoked_at  TIMESTAMPTZ
);
