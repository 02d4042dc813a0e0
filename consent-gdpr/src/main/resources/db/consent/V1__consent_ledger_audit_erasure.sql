-- The consent module's tables. consent_event and audit_log are append-only ledgers: a trigger
-- refuses UPDATE and DELETE unless the transaction declared itself erasure (anonymise a subject's
-- rows) or retention (delete expired rows) with set_config('kilowatch.consent_maintenance', ...).
-- Nothing else in the code updates or deletes them, and a stray statement fails loudly.

CREATE FUNCTION consent.refuse_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    maintenance TEXT := coalesce(current_setting('kilowatch.consent_maintenance', true), '');
BEGIN
    IF TG_OP = 'UPDATE' AND maintenance = 'erasure' AND TG_ARGV[0] = 'erasable' THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'DELETE' AND maintenance = 'retention' AND TG_ARGV[1] = 'expiring' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '% on %.% is not allowed: the table is append-only', TG_OP, TG_TABLE_SCHEMA,
        TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE FUNCTION consent.refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'TRUNCATE on %.% is not allowed: the table is append-only', TG_TABLE_SCHEMA,
        TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$$;

-- The consent ledger: one row per grant or withdrawal with its evidence. The current state is
-- derived (latest covering event per purpose and channel). After erasure customer_id holds the
-- subject hash, erased is true and the contact data (actor when it was the person,
-- ip_or_identity, reference) is gone: what remains proves that a consent or withdrawal happened,
-- when, how and on which text.
CREATE TABLE consent.consent_event (
    id             BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id    TEXT        NOT NULL,
    erased         BOOLEAN     NOT NULL DEFAULT false,
    purpose        TEXT        NOT NULL,
    channel        TEXT,
    action         TEXT        NOT NULL,
    source         TEXT        NOT NULL,
    actor          TEXT        NOT NULL,
    ip_or_identity TEXT,
    text_version   TEXT        NOT NULL,
    reference      TEXT,
    occurred_at    TIMESTAMPTZ NOT NULL,
    recorded_at    TIMESTAMPTZ NOT NULL,
    CONSTRAINT consent_event_purpose CHECK (purpose IN ('service', 'marketing', 'analytics')),
    CONSTRAINT consent_event_channel CHECK (channel IN ('sms', 'email', 'push', 'webhook')),
    CONSTRAINT consent_event_action CHECK (action IN ('granted', 'withdrawn')),
    CONSTRAINT consent_event_source CHECK (source IN
        ('web', 'sms-keyword', 'email-unsubscribe', 'api', 'staff-phone', 'import')),
    CONSTRAINT consent_event_text_version CHECK (length(text_version) > 0)
);
CREATE INDEX consent_event_customer ON consent.consent_event (customer_id, occurred_at, id);
CREATE INDEX consent_event_occurred ON consent.consent_event (occurred_at);
-- A provider's message id (Twilio MessageSid, SendGrid event id) recorded once: a redelivered
-- STOP or unsubscribe webhook finds its earlier row instead of adding another.
CREATE UNIQUE INDEX consent_event_reference ON consent.consent_event (source, reference)
    WHERE reference IS NOT NULL;
CREATE TRIGGER consent_event_append_only BEFORE UPDATE OR DELETE ON consent.consent_event
    FOR EACH ROW EXECUTE FUNCTION consent.refuse_rewrite('erasable', 'expiring');
CREATE TRIGGER consent_event_no_truncate BEFORE TRUNCATE ON consent.consent_event
    FOR EACH STATEMENT EXECUTE FUNCTION consent.refuse_truncate();

-- Staff actions on personal data (support views and edits, compliance exports and erasures), from
-- this module and from any module through the AuditLog API. After erasure customer_id holds the
-- subject hash and subject_erased is true; the person's identifiers are redacted from reason and
-- details.
CREATE TABLE consent.audit_log (
    id             BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at    TIMESTAMPTZ NOT NULL,
    actor          TEXT        NOT NULL,
    actor_role     TEXT        NOT NULL,
    action         TEXT        NOT NULL,
    customer_id    TEXT,
    subject_erased BOOLEAN     NOT NULL DEFAULT false,
    reason         TEXT,
    details        JSONB
);
CREATE INDEX audit_log_customer ON consent.audit_log (customer_id, occurred_at);
CREATE INDEX audit_log_actor ON consent.audit_log (actor, occurred_at);
CREATE INDEX audit_log_occurred ON consent.audit_log (occurred_at);
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON consent.audit_log
    FOR EACH ROW EXECUTE FUNCTION consent.refuse_rewrite('erasable', 'expiring');
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON consent.audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION consent.refuse_truncate();

-- What one erasure did, without personal data: the subject only as its keyed hash, counts per
-- module and dataset, and the SHA-256 of the receipt's canonical text (see README).
CREATE TABLE consent.erasure_receipt (
    id           UUID        PRIMARY KEY,
    subject_hash TEXT        NOT NULL,
    actor        TEXT        NOT NULL,
    actor_role   TEXT        NOT NULL,
    reason       TEXT        NOT NULL,
    counts       JSONB       NOT NULL,
    started_at   TIMESTAMPTZ NOT NULL,
    finished_at  TIMESTAMPTZ NOT NULL,
    content_hash TEXT        NOT NULL
);
CREATE INDEX erasure_receipt_subject ON consent.erasure_receipt (subject_hash, finished_at);
CREATE TRIGGER erasure_receipt_append_only BEFORE UPDATE OR DELETE ON consent.erasure_receipt
    FOR EACH ROW EXECUTE FUNCTION consent.refuse_rewrite('final', 'expiring');
CREATE TRIGGER erasure_receipt_no_truncate BEFORE TRUNCATE ON consent.erasure_receipt
    FOR EACH STATEMENT EXECUTE FUNCTION consent.refuse_truncate();

-- Erased people, by keyed hash only: nothing is sent to them and nothing is recorded for them
-- again. Never updated, never deleted.
CREATE TABLE consent.suppressed_subject (
    subject_hash  TEXT        PRIMARY KEY,
    suppressed_at TIMESTAMPTZ NOT NULL
);
CREATE TRIGGER suppressed_subject_permanent BEFORE UPDATE OR DELETE ON consent.suppressed_subject
    FOR EACH ROW EXECUTE FUNCTION consent.refuse_rewrite('final', 'permanent');
CREATE TRIGGER suppressed_subject_no_truncate BEFORE TRUNCATE ON consent.suppressed_subject
    FOR EACH STATEMENT EXECUTE FUNCTION consent.refuse_truncate();

-- The key of the subject hash when kilowatch.consent.subject-hash-secret is not configured:
-- generated once by the first instance, shared by all. Changing it would forget every
-- suppression, so it is never rotated in place.
CREATE TABLE consent.subject_key (
    id         SMALLINT    PRIMARY KEY CHECK (id = 1),
    secret     TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE TRIGGER subject_key_permanent BEFORE UPDATE OR DELETE ON consent.subject_key
    FOR EACH ROW EXECUTE FUNCTION consent.refuse_rewrite('final', 'permanent');
