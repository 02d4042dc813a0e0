-- Contact points of every channel: push tokens carry their platform; SMS numbers and email
-- addresses are verified with a code (double opt-in). Points added before verification existed
-- stay verified, as of when they were added.
ALTER TABLE preference.contact_point ADD COLUMN platform TEXT
    CHECK (platform IN ('ANDROID', 'IOS', 'WEB'));
ALTER TABLE preference.contact_point ADD COLUMN verified_at TIMESTAMPTZ;
UPDATE preference.contact_point SET verified_at = created_at WHERE verified;
ALTER TABLE preference.contact_point
    ADD CONSTRAINT contact_point_verified_at CHECK (verified = (verified_at IS NOT NULL)),
    ADD CONSTRAINT contact_point_push_platform CHECK ((channel = 'PUSH') = (platform IS NOT NULL)),
    ADD CONSTRAINT contact_point_address_length CHECK (length(address) BETWEEN 1 AND 4096);

-- A push token may be 4096 characters, more than a b-tree entry holds: uniqueness is kept on a
-- digest of the address (an index key, not a security measure; lookups compare the address too).
ALTER TABLE preference.contact_point DROP CONSTRAINT contact_point_customer_id_channel_address_key;
CREATE UNIQUE INDEX contact_point_address
    ON preference.contact_point (customer_id, channel, md5(address));

-- The pending code of an unverified point: only a hash of it, with its expiry and wrong attempts.
CREATE TABLE preference.verification_code (
    contact_point_id UUID        PRIMARY KEY
                                 REFERENCES preference.contact_point (id) ON DELETE CASCADE,
    code_hash        TEXT        NOT NULL,
    issued_at        TIMESTAMPTZ NOT NULL,
    expires_at       TIMESTAMPTZ NOT NULL,
    attempts         INTEGER     NOT NULL CHECK (attempts >= 0),
    CHECK (expires_at > issued_at)
);

-- A customer's saved preferences, complete (defaults filled in when saved); no row = defaults.
CREATE TABLE preference.customer_preferences (
    customer_id  TEXT        PRIMARY KEY,
    locale       TEXT        NOT NULL,
    time_zone    TEXT        NOT NULL,
    quiet_start  TIME,
    quiet_end    TIME,
    categories   JSONB       NOT NULL,
    caps         JSONB       NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    updated_by   TEXT        NOT NULL,
    CHECK ((quiet_start IS NULL) = (quiet_end IS NULL)),
    CHECK (quiet_start IS NULL OR quiet_start <> quiet_end)
);

-- What went out, for frequency caps; rows older than the retention are purged per customer.
CREATE TABLE preference.send_log (
    id          BIGSERIAL   PRIMARY KEY,
    customer_id TEXT        NOT NULL,
    channel     TEXT        NOT NULL CHECK (channel IN ('SMS', 'EMAIL', 'PUSH', 'WEBHOOK')),
    category    TEXT        CHECK (category IN ('USAGE', 'COST', 'PRICE', 'OUTAGE', 'BILLING', 'MARKETING')),
    sent_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX send_log_customer_sent ON preference.send_log (customer_id, sent_at);

-- Who did what to whose preferences and contact points, and when. Append-only.
CREATE TABLE preference.audit_log (
    id          BIGSERIAL   PRIMARY KEY,
    at          TIMESTAMPTZ NOT NULL,
    actor       TEXT        NOT NULL,
    actor_roles TEXT        NOT NULL,
    customer_id TEXT        NOT NULL,
    action      TEXT        NOT NULL,
    target      TEXT,
    before      JSONB,
    after       JSONB,
    summary     TEXT        NOT NULL,
    reason      TEXT
);
CREATE INDEX audit_log_customer ON preference.audit_log (customer_id, id);

CREATE FUNCTION preference.audit_log_is_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'preference.audit_log is append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_no_update_or_delete
    BEFORE UPDATE OR DELETE ON preference.audit_log
    FOR EACH ROW EXECUTE FUNCTION preference.audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate
    BEFORE TRUNCATE ON preference.audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION preference.audit_log_is_append_only();
