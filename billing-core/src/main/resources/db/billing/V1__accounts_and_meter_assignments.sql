-- Minimal accounts: one account per customer, and which meters belong to it over time.
CREATE TABLE billing.account (
    customer_id  TEXT        PRIMARY KEY,
    name         TEXT        NOT NULL,
    region       TEXT        NOT NULL,
    time_zone    TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);

-- A meter belongs to at most one customer at a time: the open assignment (assigned_to IS NULL).
-- Closed assignments stay as history for rating and invoices of past periods.
CREATE TABLE billing.meter_assignment (
    id            BIGSERIAL   PRIMARY KEY,
    customer_id   TEXT        NOT NULL REFERENCES billing.account (customer_id),
    meter_id      TEXT        NOT NULL,
    assigned_from TIMESTAMPTZ NOT NULL,
    assigned_to   TIMESTAMPTZ,
    CONSTRAINT meter_assignment_period CHECK (assigned_to IS NULL OR assigned_to > assigned_from)
);
CREATE UNIQUE INDEX meter_assignment_current ON billing.meter_assignment (meter_id)
    WHERE assigned_to IS NULL;
CREATE INDEX meter_assignment_customer ON billing.meter_assignment (customer_id);
