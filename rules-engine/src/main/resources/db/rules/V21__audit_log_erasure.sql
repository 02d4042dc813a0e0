-- Erasure (GDPR Art. 17) may anonymise the staff audit entries about an erased person: an UPDATE
-- is allowed in a transaction that declared itself an erasure
-- (set_config('kilowatch.rules_erasure', 'on', true), done only by gdpr.RulesPersonalData).
-- Everything else stays refused.
CREATE OR REPLACE FUNCTION rules.audit_log_is_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND current_setting('kilowatch.rules_erasure', true) = 'on' THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'rules.audit_log is append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
