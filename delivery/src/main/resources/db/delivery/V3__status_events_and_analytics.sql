-- Provider reports after acceptance (Twilio status callbacks, SendGrid events), once each.
CREATE TABLE delivery.status_event (
    id                  BIGSERIAL   PRIMARY KEY,
    notification_id     TEXT        NOT NULL,
    provider            TEXT        NOT NULL,
    provider_message_id TEXT,
    status              TEXT        NOT NULL,
    error_code          TEXT,
    detail              TEXT,
    occurred_at         TIMESTAMPTZ NOT NULL,
    received_at         TIMESTAMPTZ NOT NULL,
    UNIQUE (notification_id, provider, status)
);

-- Analytics read model: counts per day x channel x category x provider x metric, kept up to date
-- incrementally (see DeliveryAnalytics); metric is e.g. sent, delivered, failed:permanent,
-- suppressed:no-contact-point.
CREATE TABLE delivery.daily_stats (
    day      DATE   NOT NULL,
    channel  TEXT   NOT NULL,
    category TEXT   NOT NULL,
    provider TEXT   NOT NULL,
    metric   TEXT   NOT NULL,
    count    BIGINT NOT NULL,
    PRIMARY KEY (day, channel, category, provider, metric)
);

-- Latency from the event's time to the provider's acceptance, as a histogram per day, channel
-- and provider (bucket = upper bound in ms), so percentiles come from counts.
CREATE TABLE delivery.daily_latency (
    day       DATE   NOT NULL,
    channel   TEXT   NOT NULL,
    provider  TEXT   NOT NULL,
    bucket_ms BIGINT NOT NULL,
    count     BIGINT NOT NULL,
    PRIMARY KEY (day, channel, provider, bucket_ms)
);
