-- Erasure (GDPR Art. 17) may anonymise the audit entries about an erased person: an UPDATE is
-- allowed in a transaction that declared itself an erasure
-- (set_config('kilowatch.preference_erasure', 'on', true), done only by gdpr.PreferencePersonalData).
-- Everything else stays refused.
CREATE OR REPLACE FUNCTION preference.audit_log_is_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND current_setting('kilowatch.preference_erasure', true) = 'on' THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'preference.audit_log is append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
