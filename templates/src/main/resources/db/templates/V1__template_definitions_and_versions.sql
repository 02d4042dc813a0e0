-- Template keys: the variables their templates may use and the locale every channel falls back to.
-- variables: [{"name":"day","description":"…","sample":"2026-07-15","required":true}, …]
CREATE TABLE templates.template_definition (
    template_key   TEXT        PRIMARY KEY,
    category       TEXT        NOT NULL,
    default_locale TEXT        NOT NULL,
    description    TEXT        NOT NULL,
    variables      JSONB       NOT NULL,
    created_by     TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_by     TEXT        NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    CONSTRAINT template_definition_category CHECK (template_key LIKE category || '.%'),
    CONSTRAINT template_definition_variables CHECK (jsonb_typeof(variables) = 'array')
);

-- Every version ever saved, per key, channel and locale. A version's content never changes and
-- published versions are never deleted: what a customer was sent can always be shown again.
-- parts: {"body": "…"} (sms, webhook), {"subject","html","text"} (email), {"title","body"} (push).
CREATE TABLE templates.template_version (
    template_key TEXT        NOT NULL REFERENCES templates.template_definition (template_key),
    channel      TEXT        NOT NULL,
    locale       TEXT        NOT NULL,
    version      INTEGER     NOT NULL,
    status       TEXT        NOT NULL,
    parts        JSONB       NOT NULL,
    created_by   TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    published_by TEXT,
    published_at TIMESTAMPTZ,
    retired_at   TIMESTAMPTZ,
    PRIMARY KEY (template_key, channel, locale, version),
    CONSTRAINT template_version_channel CHECK (channel IN ('sms', 'email', 'push', 'webhook')),
    CONSTRAINT template_version_number CHECK (version > 0),
    CONSTRAINT template_version_parts CHECK (jsonb_typeof(parts) = 'object'),
    CONSTRAINT template_version_status CHECK (
        (status = 'draft' AND published_at IS NULL AND published_by IS NULL AND retired_at IS NULL)
        OR (status = 'published' AND published_at IS NOT NULL AND published_by IS NOT NULL
            AND retired_at IS NULL)
        OR (status = 'retired' AND published_at IS NOT NULL AND published_by IS NOT NULL
            AND retired_at IS NOT NULL))
);

-- At most one published (active) version per key, channel and locale.
CREATE UNIQUE INDEX template_version_active
    ON templates.template_version (template_key, channel, locale)
    WHERE status = 'published';

-- Content and authorship are immutable; only the status moves on (draft → published → retired).
CREATE FUNCTION templates.template_version_guard() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status <> 'draft' THEN
            RAISE EXCEPTION 'template version %/%/%/% was published and is kept for audit',
                OLD.template_key, OLD.channel, OLD.locale, OLD.version;
        END IF;
        RETURN OLD;
    END IF;
    IF NEW.template_key <> OLD.template_key OR NEW.channel <> OLD.channel
        OR NEW.locale <> OLD.locale OR NEW.version <> OLD.version
        OR NEW.parts IS DISTINCT FROM OLD.parts OR NEW.created_by <> OLD.created_by
        OR NEW.created_at <> OLD.created_at THEN
        RAISE EXCEPTION 'template version %/%/%/% is immutable',
            OLD.template_key, OLD.channel, OLD.locale, OLD.version;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER template_version_guard
    BEFORE UPDATE OR DELETE ON templates.template_version
    FOR EACH ROW EXECUTE FUNCTION templates.template_version_guard();
