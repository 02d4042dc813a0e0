package io.kilowatch.templates.application.port.out;

import io.kilowatch.channel.Channel;
import io.kilowatch.templates.domain.TemplateDefinition;
import io.kilowatch.templates.domain.TemplateKey;
import io.kilowatch.templates.domain.TemplateLocale;
import io.kilowatch.templates.domain.TemplateVersion;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Template definitions and versions. Every call runs in the caller's transaction. */
public interface TemplateStore {

  /**
   * Serialises changes to one key (definition, new versions, publishing) until the transaction
   * ends.
   */
  void lockKey(TemplateKey key);

  List<TemplateDefinition> definitions();

  Optional<TemplateDefinition> definition(TemplateKey key);

  /** Inserts or replaces the definition of its key. */
  void saveDefinition(TemplateDefinition definition, String by, Instant at);

  /** One summary per key, channel and locale that has versions, ordered by key, channel, locale. */
  List<VariantSummary> variants();

  /** The versions of one key, channel and locale, newest first. */
  List<TemplateVersion> versions(TemplateKey key, Channel channel, TemplateLocale locale);

  Optional<TemplateVersion> version(
      TemplateKey key, Channel channel, TemplateLocale locale, int version);

  /** The published version of each channel and locale of a key. */
  List<TemplateVersion> published(TemplateKey key);

  /** The highest version number of a key, channel and locale; 0 when it has none. */
  int latestVersion(TemplateKey key, Channel channel, TemplateLocale locale);

  void insert(TemplateVersion version);

  /**
   * Makes a draft the published version of its key, channel and locale, retiring the one published
   * before (if any) at the same instant.
   *
   * @return false when the version is not a draft (any more)
   */
  boolean publish(TemplateVersion draft, String by, Instant at);
}
