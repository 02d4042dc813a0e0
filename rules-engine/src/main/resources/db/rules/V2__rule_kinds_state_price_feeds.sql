-- Every rule kind of the rules API: usage (weekly, billing period, above baseline), cost, price
-- (threshold with hysteresis, day-ahead digest), outage, billing. Each kind keeps its parameters in
-- its own columns, checked per kind.
ALTER TABLE rules.rule
    ADD COLUMN percent            INTEGER,
    ADD COLUMN amount             NUMERIC(14, 4),
    ADD COLUMN currency           TEXT,
    ADD COLUMN region             TEXT,
    ADD COLUMN tariff             TEXT,
    ADD COLUMN price_timing       TEXT,
    -- price levels in micro minor units per kWh (30.5 p/kWh = 30500000); resets null = threshold
    ADD COLUMN above_micros       BIGINT,
    ADD COLUMN above_reset_micros BIGINT,
    ADD COLUMN below_micros       BIGINT,
    ADD COLUMN below_reset_micros BIGINT,
    -- comma separated (sms,email,push,webhook); null = the customer's channel preferences
    ADD COLUMN channels           TEXT,
    ADD COLUMN cooldown           TEXT    NOT NULL DEFAULT 'once-per-window',
    -- counts changes; fan-out work prepared from an older revision is discarded
    ADD COLUMN revision           INTEGER NOT NULL DEFAULT 1;

ALTER TABLE rules.rule DROP CONSTRAINT rule_kind_known;
ALTER TABLE rules.rule ADD CONSTRAINT rule_kind_known CHECK (kind IN (
    'daily-usage-above', 'weekly-usage-above', 'billing-period-usage-above',
    'usage-above-baseline', 'projected-bill-above', 'period-cost-above', 'price-threshold',
    'price-day-ahead-digest', 'outage', 'bill-issued', 'payment-due', 'payment-overdue'));
ALTER TABLE rules.rule ADD CONSTRAINT rule_window_usage_threshold
    CHECK (kind NOT IN ('weekly-usage-above', 'billing-period-usage-above') OR threshold_wh > 0);
ALTER TABLE rules.rule ADD CONSTRAINT rule_baseline_percent
    CHECK (kind <> 'usage-above-baseline' OR percent BETWEEN 10 AND 1000);
ALTER TABLE rules.rule ADD CONSTRAINT rule_cost_amount
    CHECK (kind NOT IN ('projected-bill-above', 'period-cost-above')
           OR (amount > 0 AND currency IS NOT NULL));
ALTER TABLE rules.rule ADD CONSTRAINT rule_price_levels
    CHECK (kind <> 'price-threshold'
           OR (region IS NOT NULL AND price_timing IN ('current', 'upcoming')
               AND (above_micros IS NOT NULL OR below_micros IS NOT NULL)
               AND (above_reset_micros IS NULL
                    OR (above_micros IS NOT NULL AND above_reset_micros < above_micros))
               AND (below_reset_micros IS NULL
                    OR (below_micros IS NOT NULL AND below_reset_micros > below_micros))));
ALTER TABLE rules.rule ADD CONSTRAINT rule_region
    CHECK (kind NOT IN ('price-day-ahead-digest', 'outage') OR region IS NOT NULL);

-- Reloading one price feed (region, tariff, timing) and paging a region's rules for fan-outs.
CREATE INDEX rule_price_feed ON rules.rule (region, (COALESCE(tariff, '')), price_timing)
    WHERE kind = 'price-threshold';
CREATE INDEX rule_kind_region ON rules.rule (kind, region, (COALESCE(tariff, '')), id)
    WHERE region IS NOT NULL AND active;
CREATE INDEX meter_owner_region ON rules.meter_owner (region);

-- Per rule: price hysteresis (a side that fired stays silent until re-armed) and when the rule
-- last notified (cooldowns). Narrow, so that a fan-out updates small rows.
CREATE TABLE rules.rule_state (
    rule_id          UUID        PRIMARY KEY REFERENCES rules.rule (id) ON DELETE CASCADE,
    above_fired      BOOLEAN     NOT NULL DEFAULT false,
    below_fired      BOOLEAN     NOT NULL DEFAULT false,
    last_notified_at TIMESTAMPTZ,
    updated_at       TIMESTAMPTZ NOT NULL
);
INSERT INTO rules.rule_state (rule_id, updated_at) SELECT id, updated_at FROM rules.rule;

-- One row per price feed ('region|tariff|timing'): version counts committed changes to the feed's
-- rules and states, so that every instance's in-memory index can tell when it must reload.
CREATE TABLE rules.price_feed (
    feed_key        TEXT        PRIMARY KEY,
    version         BIGINT      NOT NULL,
    last_event_id   TEXT,
    last_price      TEXT,
    last_valid_from TIMESTAMPTZ,
    updated_at      TIMESTAMPTZ NOT NULL
);

-- Which rule handled which cause ('week:2026-07-13T23:00:00Z', 'outage-suspected:OUT-1',
-- 'bill-issued:B-7', ...): the primary key makes each cause notify once per rule. A null
-- notification_id means the rule's cooldown held the notification back.
CREATE TABLE rules.rule_notification (
    rule_id         UUID        NOT NULL REFERENCES rules.rule (id) ON DELETE CASCADE,
    cause           TEXT        NOT NULL,
    caused_at       TIMESTAMPTZ NOT NULL,
    notification_id UUID,
    PRIMARY KEY (rule_id, cause)
);
CREATE INDEX rule_notification_cause ON rules.rule_notification (cause, rule_id);

-- Daily firings held back by a cooldown keep their row (the day counts as handled) without id.
ALTER TABLE rules.rule_firing ALTER COLUMN notification_id DROP NOT NULL;

-- Daily totals per meter from metering's P1D windows, for weekly, billing-period and baseline
-- rules. Totals only grow, so an update keeps the larger one.
CREATE TABLE rules.meter_day_usage (
    meter_id  TEXT        NOT NULL,
    day_start TIMESTAMPTZ NOT NULL,
    day_end   TIMESTAMPTZ NOT NULL,
    energy_wh BIGINT      NOT NULL CHECK (energy_wh >= 0),
    as_of     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (meter_id, day_start)
);

-- Projection of billing's BillProjected: each customer's current billing period (days inclusive,
-- customer's zone). A later period replaces an earlier one, never the other way round.
CREATE TABLE rules.billing_period (
    customer_id  TEXT        PRIMARY KEY,
    period_start DATE        NOT NULL,
    period_end   DATE        NOT NULL,
    as_of        TIMESTAMPTZ NOT NULL,
    CHECK (period_end >= period_start)
);
