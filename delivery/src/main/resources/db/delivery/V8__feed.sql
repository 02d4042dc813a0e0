-- The in-app feed: every notification sent to a customer, rendered for reading in the app.
CREATE TABLE delivery.feed_item (
    id              BIGSERIAL   PRIMARY KEY,
    customer_id     TEXT        NOT NULL,
    notification_id TEXT        NOT NULL UNIQUE,
    category        TEXT        NOT NULL,
    title           TEXT        NOT NULL,
    body            TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    read_at         TIMESTAMPTZ
);
CREATE INDEX feed_item_customer ON delivery.feed_item (customer_id, id DESC);
CREATE INDEX feed_item_unread ON delivery.feed_item (customer_id, id DESC) WHERE read_at IS NULL;
