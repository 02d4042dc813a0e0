-- Interval readings, stored once. A reading's time is the END of its interval.
-- Both keys make a resent reading a duplicate: the sender's reading id, and (meter, time).
-- Later: range partitions by reading_time (then the reading-id key needs the partition key too).
CREATE TABLE metering.reading (
    reading_id   TEXT        NOT NULL,
    meter_id     TEXT        NOT NULL,
    reading_time TIMESTAMPTZ NOT NULL,
    energy_wh    BIGINT      NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL,
    CONSTRAINT reading_pk PRIMARY KEY (reading_id),
    CONSTRAINT reading_meter_time_key UNIQUE (meter_id, reading_time),
    CONSTRAINT reading_id_length CHECK (char_length(reading_id) BETWEEN 1 AND 64),
    CONSTRAINT reading_meter_id_length CHECK (char_length(meter_id) BETWEEN 1 AND 64),
    CONSTRAINT reading_energy_range CHECK (energy_wh BETWEEN 0 AND 1000000000)
);

-- Per meter and local day of the market's zone (kilowatch.metering.zone): the sum of the readings
-- whose interval ends in (window_start, window_end]. window_end - window_start is 23, 24 or 25 h.
CREATE TABLE metering.daily_usage (
    meter_id      TEXT        NOT NULL,
    window_start  TIMESTAMPTZ NOT NULL,
    window_end    TIMESTAMPTZ NOT NULL,
    energy_wh     BIGINT      NOT NULL,
    reading_count INTEGER     NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    CONSTRAINT daily_usage_pk PRIMARY KEY (meter_id, window_start),
    CONSTRAINT daily_usage_window CHECK (window_end > window_start),
    CONSTRAINT daily_usage_totals CHECK (energy_wh >= 0 AND reading_count > 0)
);
