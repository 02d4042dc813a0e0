package io.kilowatch.templates.domain;

import io.kilowatch.channel.Channel;
import java.time.Instant;
import java.util.Objects;

/**
 * One immutable version of the template of a key on a channel in a locale.
 *
 * @param key the template key
 * @param channel the channel
 * @param locale the locale it is written in
 * @param version 1, 2, 3... per key, channel and locale
 * @param status draft, published or retired
 * @param content the template source of each part
 * @param createdBy who saved it (token subject, or {@code system:defaults})
 * @param createdAt when
 * @param publishedBy who published it; null while a draft
 * @param publishedAt when it became the active version; null while a draft
 * @param retiredAt when a later version replaced it; null unless retired
 */
public record TemplateVersion(
    TemplateKey key,
    Channel channel,
    TemplateLocale locale,
    int version,
    VersionStatus status,
    TemplateContent content,
    String createdBy,
    Instant createdAt,
    String publishedBy,
    Instant publishedAt,
    Instant retiredAt) {
  public TemplateVersion {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(locale, "locale");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(createdAt, "createdAt");
    if (version < 1) {
      throw new IllegalArgumentException("version must be positive");
    }
    if (content.channel() != channel) {
      throw new IllegalArgumentException("content is for " + content.channel());
    }
  }

  public static TemplateVersion draft(
      TemplateKey key,
      TemplateLocale locale,
      int version,
      TemplateContent content,
      String createdBy,
      Instant createdAt) {
    return new TemplateVersion(
        key,
        content.channel(),
        locale,
        version,
        VersionStatus.DRAFT,
        content,
        createdBy,
        createdAt,
        null,
        null,
        null);
  }

  public TemplateVersion published(String by, Instant at) {
    return new TemplateVersion(
        key,
        channel,
        locale,
        version,
        VersionStatus.PUBLISHED,
        content,
        createdBy,
        createdAt,
        by,
        at,
        null);
  }

  /** E.g. {@code usage.daily-threshold-crossed sms/de v2}, for messages and logs. */
  public String label() {
    return label(key, channel, locale, version);
  }

  public static String label(TemplateKey key, Channel channel, TemplateLocale locale, int version) {
    return key + " " + channel.wireName() + "/" + locale + " v" + version;
  }
}
