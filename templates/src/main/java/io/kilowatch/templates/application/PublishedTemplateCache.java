package io.kilowatch.templates.application;

import io.kilowatch.channel.Channel;
import io.kilowatch.templates.application.port.out.PublicationBroadcast;
import io.kilowatch.templates.application.port.out.TemplateStore;
import io.kilowatch.templates.domain.PreparedTemplate;
import io.kilowatch.templates.domain.TemplateDefinition;
import io.kilowatch.templates.domain.TemplateKey;
import io.kilowatch.templates.domain.TemplateLocale;
import io.kilowatch.templates.domain.TemplateVersion;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The published versions of each key, compiled, in memory: rendering reads no database. An entry is
 * dropped when its key changes (here at once, on other instances through {@link
 * PublicationBroadcast}) and after {@link TemplatesSettings#getCacheTtl()}. Thread-safe.
 */
@Singleton
class PublishedTemplateCache {
  /** A key's definition and its published versions by channel and locale. */
  record Published(
      TemplateDefinition definition,
      Map<Channel, Map<TemplateLocale, PreparedTemplate>> versions,
      long loadedAtMillis) {
    Optional<PreparedTemplate> find(Channel channel, TemplateLocale locale) {
      return Optional.ofNullable(versions.getOrDefault(channel, Map.of()).get(locale));
    }
  }

  private final Map<TemplateKey, Published> entries = new ConcurrentHashMap<>();
  // bumped by every invalidation, so that a load that raced with one is not stored
  private final AtomicLong invalidations = new AtomicLong();
  private final TemplateStore store;
  private final TransactionOperations<Connection> transactions;
  private final Clock clock;
  private final long ttlMillis;

  PublishedTemplateCache(
      TemplateStore store,
      TransactionOperations<Connection> transactions,
      PublicationBroadcast broadcast,
      TemplatesSettings settings,
      Clock clock) {
    this.store = store;
    this.transactions = transactions;
    this.clock = clock;
    this.ttlMillis = settings.getCacheTtl().toMillis();
    broadcast.subscribe(this::invalidate);
  }

  /** The key's published versions; empty for a key nobody declared. */
  Optional<Published> get(TemplateKey key) {
    Published cached = entries.get(key);
    // Clock#millis() of the platform's microsecond tick clock divides by zero (JDK 17)
    if (cached != null && clock.instant().toEpochMilli() - cached.loadedAtMillis() < ttlMillis) {
      return Optional.of(cached);
    }
    long before = invalidations.get();
    Optional<Published> loaded = transactions.executeRead(status -> load(key));
    loaded.ifPresent(
        fresh -> entries.compute(key, (k, old) -> invalidations.get() == before ? fresh : old));
    return loaded;
  }

  void invalidate(TemplateKey key) {
    invalidations.incrementAndGet();
    entries.remove(key);
  }

  private Optional<Published> load(TemplateKey key) {
    Optional<TemplateDefinition> definition = store.definition(key);
    if (definition.isEmpty()) {
      return Optional.empty();
    }
    Map<Channel, Map<TemplateLocale, PreparedTemplate>> versions = new EnumMap<>(Channel.class);
    for (TemplateVersion version : store.published(key)) {
      versions
          .computeIfAbsent(version.channel(), c -> new HashMap<>())
          .put(version.locale(), PreparedTemplate.of(definition.get(), version));
    }
    return Optional.of(new Published(definition.get(), versions, clock.instant().toEpochMilli()));
  }
}
