-- Projection of billing's MeterAssigned events: who owns each meter now. Never joined with
-- billing's tables; rebuilt by replaying billing.meter-assigned.v1.
CREATE TABLE rules.meter_owner (
    meter_id      TEXT        PRIMARY KEY,
    customer_id   TEXT        NOT NULL,
    region        TEXT        NOT NULL,
    time_zone     TEXT        NOT NULL,
    assigned_from TIMESTAMPTZ NOT NULL
);
CREATE INDEX meter_owner_customer ON rules.meter_owner (customer_id);

-- Customers' rules. kind selects the condition; each kind's parameters have their own columns
-- (threshold_wh for daily-usage-above), checked per kind, so later kinds add columns and checks.
CREATE TABLE rules.rule (
    id           UUID        PRIMARY KEY,
    customer_id  TEXT        NOT NULL,
    kind         TEXT        NOT NULL,
    meter_id     TEXT,
    threshold_wh BIGINT,
    active       BOOLEAN     NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    CONSTRAINT rule_kind_known CHECK (kind IN ('daily-usage-above')),
    CONSTRAINT rule_daily_usage_threshold
        CHECK (kind <> 'daily-usage-above' OR threshold_wh > 0)
);
CREATE INDEX rule_customer ON rules.rule (customer_id, created_at);

-- One row per rule and window it fired for: the primary key makes a crossing notify once,
-- however often the window's total is updated or its events are replayed.
CREATE TABLE rules.rule_firing (
    rule_id         UUID        NOT NULL REFERENCES rules.rule (id) ON DELETE CASCADE,
    window_start    TIMESTAMPTZ NOT NULL,
    fired_at        TIMESTAMPTZ NOT NULL,
    notification_id UUID        NOT NULL,
    PRIMARY KEY (rule_id, window_start)
);
