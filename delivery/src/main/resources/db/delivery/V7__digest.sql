-- Digests: non-critical notifications of a category configured as digest are buffered per
-- customer and window, and sent as one message when the window closes (see DigestCloser).
-- A window row is the lock the closer and the buffer share: the closer takes due windows with
-- FOR UPDATE SKIP LOCKED and marks them closed (kept a while as tombstones), the buffer holds the
-- window FOR SHARE while it adds an item and moves on to the next window if it finds it closed.
CREATE TABLE delivery.digest_window (
    customer_id TEXT        NOT NULL,
    category    TEXT        NOT NULL,
    closes_at   TIMESTAMPTZ NOT NULL,
    opened_at   TIMESTAMPTZ NOT NULL,
    closed_at   TIMESTAMPTZ,
    PRIMARY KEY (customer_id, category, closes_at)
);
CREATE INDEX digest_window_due ON delivery.digest_window (closes_at) WHERE closed_at IS NULL;

-- The notifications waiting in an open window, already rendered to one line (push title/body).
CREATE TABLE delivery.digest_item (
    notification_id TEXT        PRIMARY KEY,
    customer_id     TEXT        NOT NULL,
    category        TEXT        NOT NULL,
    closes_at       TIMESTAMPTZ NOT NULL,
    template_key    TEXT        NOT NULL,
    title           TEXT        NOT NULL,
    body            TEXT        NOT NULL,
    requested_at    TIMESTAMPTZ NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    FOREIGN KEY (customer_id, category, closes_at)
        REFERENCES delivery.digest_window (customer_id, category, closes_at) ON DELETE CASCADE
);
CREATE INDEX digest_item_window ON delivery.digest_item (customer_id, category, closes_at);
