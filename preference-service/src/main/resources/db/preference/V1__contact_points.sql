CREATE TABLE preference.contact_point (
    id          UUID        PRIMARY KEY,
    customer_id TEXT        NOT NULL,
    channel     TEXT        NOT NULL CHECK (channel IN ('SMS', 'EMAIL', 'PUSH', 'WEBHOOK')),
    address     TEXT        NOT NULL,
    verified    BOOLEAN     NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    UNIQUE (customer_id, channel, address)
);
CREATE INDEX contact_point_customer ON preference.contact_point (customer_id, channel);
