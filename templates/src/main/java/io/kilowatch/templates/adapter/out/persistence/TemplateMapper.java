package io.kilowatch.templates.adapter.out.persistence;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Arg;
import org.apache.ibatis.annotations.ConstructorArgs;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

interface TemplateMapper {
  String DEFINITION_COLUMNS =
      "template_key, default_locale, description, variables::text AS variables";
  String VERSION_COLUMNS =
      "template_key, channel, locale, version, status, parts::text AS parts, created_by,"
          + " created_at, published_by, published_at, retired_at";

  /** A transaction-scoped advisory lock on a text key; released at commit or rollback. */
  @Select("SELECT pg_advisory_xact_lock(hashtextextended(#{key}, 0))")
  Object lock(@Param("key") String key);

  @Select(
      "SELECT " + DEFINITION_COLUMNS + " FROM templates.template_definition ORDER BY template_key")
  @ConstructorArgs({
    @Arg(column = "template_key", javaType = String.class),
    @Arg(column = "default_locale", javaType = String.class),
    @Arg(column = "description", javaType = String.class),
    @Arg(column = "variables", javaType = String.class)
  })
  List<DefinitionRow> definitions();

  @Select(
      "SELECT "
          + DEFINITION_COLUMNS
          + " FROM templates.template_definition WHERE template_key = #{key}")
  @ConstructorArgs({
    @Arg(column = "template_key", javaType = String.class),
    @Arg(column = "default_locale", javaType = String.class),
    @Arg(column = "description", javaType = String.class),
    @Arg(column = "variables", javaType = String.class)
  })
  DefinitionRow definition(@Param("key") String key);

  @Insert(
      "INSERT INTO templates.template_definition (template_key, category, default_locale,"
          + " description, variables, created_by, created_at, updated_by, updated_at)"
          + " VALUES (#{row.templateKey}, #{category}, #{row.defaultLocale}, #{row.description},"
          + " CAST(#{row.variables} AS jsonb), #{by}, #{at}, #{by}, #{at})"
          + " ON CONFLICT (template_key) DO UPDATE SET default_locale = EXCLUDED.default_locale,"
          + " description = EXCLUDED.description, variables = EXCLUDED.variables,"
          + " updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at")
  void saveDefinition(
      @Param("row") DefinitionRow row,
      @Param("category") String category,
      @Param("by") String by,
      @Param("at") Instant at);

  @Select(
      "SELECT template_key, channel, locale,"
          + " max(version) FILTER (WHERE status = 'published') AS active_version,"
          + " max(version) AS latest_version, count(*) AS versions"
          + " FROM templates.template_version"
          + " GROUP BY template_key, channel, locale ORDER BY template_key, channel, locale")
  @ConstructorArgs({
    @Arg(column = "template_key", javaType = String.class),
    @Arg(column = "channel", javaType = String.class),
    @Arg(column = "locale", javaType = String.class),
    @Arg(column = "active_version", javaType = Integer.class),
    @Arg(column = "latest_version", javaType = int.class),
    @Arg(column = "versions", javaType = long.class)
  })
  List<VariantRow> variants();

  @Select(
      "SELECT "
          + VERSION_COLUMNS
          + " FROM templates.template_version WHERE template_key = #{key} AND channel = #{channel}"
          + " AND locale = #{locale} ORDER BY version DESC")
  @ConstructorArgs({
    @Arg(column = "template_key", javaType = String.class),
    @Arg(column = "channel", javaType = String.class),
    @Arg(column = "locale", javaType = String.class),
    @Arg(column = "version", javaType = int.class),
    @Arg(column = "status", javaType = String.class),
    @Arg(column = "parts", javaType = String.class),
    @Arg(column = "created_by", javaType = String.class),
    @Arg(column = "created_at", javaType = Instant.class),
    @Arg(column = "published_by", javaType = String.class),
    @Arg(column = "published_at", javaType = Instant.class),
    @Arg(column = "retired_at", javaType = Instant.class)
  })
  List<VersionRow> versions(
      @Param("key") String key, @Param("channel") String channel, @Param("locale") String locale);

  @Select(
      "SELECT "
          + VERSION_COLUMNS
          + " FROM templates.template_version WHERE template_key = #{key} AND channel = #{channel}"
          + " AND locale = #{locale} AND version = #{version}")
  @ConstructorArgs({
    @Arg(column = "template_key", javaType = String.class),
    @Arg(column = "channel", javaType = String.class),
    @Arg(column = "locale", javaType = String.class),
    @Arg(column = "version", javaType = int.class),
    @Arg(column = "status", javaType = String.class),
    @Arg(column = "parts", javaType = String.class),
    @Arg(column = "created_by", javaType = String.class),
    @Arg(column = "created_at", javaType = Instant.class),
    @Arg(column = "published_by", javaType = String.class),
    @Arg(column = "published_at", javaType = Instant.class),
    @Arg(column = "retired_at", javaType = Instant.class)
  })
  VersionRow version(
      @Param("key") String key,
      @Param("channel") String channel,
      @Param("locale") String locale,
      @Param("version") int version);

  @Select(
      "SELECT "
          + VERSION_COLUMNS
          + " FROM templates.template_version WHERE template_key = #{key}"
          + " AND status = 'published' ORDER BY channel, locale")
  @ConstructorArgs({
    @Arg(column = "template_key", javaType = String.class),
    @Arg(column = "channel", javaType = String.class),
    @Arg(column = "locale", javaType = String.class),
    @Arg(column = "version", javaType = int.class),
    @Arg(column = "status", javaType = String.class),
    @Arg(column = "parts", javaType = String.class),
    @Arg(column = "created_by", javaType = String.class),
    @Arg(column = "created_at", javaType = Instant.class),
    @Arg(column = "published_by", javaType = String.class),
    @Arg(column = "published_at", javaType = Instant.class),
    @Arg(column = "retired_at", javaType = Instant.class)
  })
  List<VersionRow> published(@Param("key") String key);

  @Select(
      "SELECT COALESCE(max(version), 0) FROM templates.template_version"
          + " WHERE template_key = #{key} AND channel = #{channel} AND locale = #{locale}")
  int latestVersion(
      @Param("key") String key, @Param("channel") String channel, @Param("locale") String locale);

  @Insert(
      "INSERT INTO templates.template_version (template_key, channel, locale, version, status,"
          + " parts, created_by, created_at, published_by, published_at, retired_at)"
          + " VALUES (#{templateKey}, #{channel}, #{locale}, #{version}, #{status},"
          + " CAST(#{parts} AS jsonb), #{createdBy}, #{createdAt}, #{publishedBy}, #{publishedAt},"
          + " #{retiredAt})")
  void insert(VersionRow row);

  @Update(
      "UPDATE templates.template_version SET status = 'retired', retired_at = #{at}"
          + " WHERE template_key = #{key} AND channel = #{channel} AND locale = #{locale}"
          + " AND status = 'published'")
  int retireActive(
      @Param("key") String key,
      @Param("channel") String channel,
      @Param("locale") String locale,
      @Param("at") Instant at);

  @Update(
      "UPDATE templates.template_version SET status = 'published', published_by = #{by},"
          + " published_at = #{at} WHERE template_key = #{key} AND channel = #{channel}"
          + " AND locale = #{locale} AND version = #{version} AND status = 'draft'")
  int publish(
      @Param("key") String key,
      @Param("channel") String channel,
      @Param("locale") String locale,
      @Param("version") int version,
      @Param("by") String by,
      @Param("at") Instant at);
}
