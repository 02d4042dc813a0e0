-- Who on the staff looked at whose rules, when and why. Append-only: rows are never changed or
-- removed by the application (triggers refuse it), so the log is evidence of every staff access.
CREATE TABLE rules.audit_log (
    id          BIGSERIAL   PRIMARY KEY,
    at          TIMESTAMPTZ NOT NULL,
    actor       TEXT        NOT NULL,
    actor_roles TEXT        NOT NULL,
    customer_id TEXT        NOT NULL,
    action      TEXT        NOT NULL,
    summary     TEXT        NOT NULL,
    reason      TEXT
);
CREATE INDEX audit_log_customer ON rules.audit_log (customer_id, id);

CREATE FUNCTION rules.audit_log_is_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'rules.audit_log is append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_no_update_or_delete
    BEFORE UPDATE OR DELETE ON rules.audit_log
    FOR EACH ROW EXECUTE FUNCTION rules.audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate
    BEFORE TRUNCATE ON rules.audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION rules.audit_log_is_append_only();
