-- Notifications held back by quiet hours; the deferral scheduler republishes them when due.
CREATE TABLE delivery.deferred (
    notification_id TEXT        PRIMARY KEY,
    release_at      TIMESTAMPTZ NOT NULL,
    event           BYTEA       NOT NULL
);
CREATE INDEX deferred_release_at ON delivery.deferred (release_at);
