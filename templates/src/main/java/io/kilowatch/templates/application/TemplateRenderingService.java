package io.kilowatch.templates.application;

import io.kilowatch.channel.Channel;
import io.kilowatch.templates.RenderedMessage;
import io.kilowatch.templates.TemplateNotFoundException;
import io.kilowatch.templates.TemplateRenderer;
import io.kilowatch.templates.application.PublishedTemplateCache.Published;
import io.kilowatch.templates.application.port.out.TemplateStore;
import io.kilowatch.templates.domain.PreparedTemplate;
import io.kilowatch.templates.domain.TemplateKey;
import io.kilowatch.templates.domain.TemplateLocale;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link TemplateRenderer} over the published versions in memory. Thread-safe. */
@Singleton
class TemplateRenderingService implements TemplateRenderer {
  private final PublishedTemplateCache cache;
  private final TemplateStore store;
  private final TransactionOperations<Connection> transactions;

  TemplateRenderingService(
      PublishedTemplateCache cache,
      TemplateStore store,
      TransactionOperations<Connection> transactions) {
    this.cache = cache;
    this.store = store;
    this.transactions = transactions;
  }

  @Override
  public RenderedMessage render(
      String templateKey, Channel channel, String locale, Map<String, String> data) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(data, "data");
    TemplateKey key = key(templateKey);
    Published published =
        cache
            .get(key)
            .orElseThrow(() -> new TemplateNotFoundException("no template key " + templateKey));
    TemplateLocale defaultLocale = published.definition().defaultLocale();
    List<TemplateLocale> chain =
        TemplateLocale.lenient(locale).orElse(defaultLocale).fallbackChain(defaultLocale);
    for (TemplateLocale candidate : chain) {
      Optional<PreparedTemplate> template = published.find(channel, candidate);
      if (template.isPresent()) {
        return template.get().render(data);
      }
    }
    throw new TemplateNotFoundException(
        "no published "
            + channel.wireName()
            + " template for "
            + templateKey
            + " in "
            + String.join(", ", chain.stream().map(TemplateLocale::tag).toList()));
  }

  @Override
  public RenderedMessage renderVersion(
      String templateKey, Channel channel, String locale, int version, Map<String, String> data) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(data, "data");
    TemplateKey key = key(templateKey);
    String label = templateKey + " " + channel.wireName() + "/" + locale + " v" + version;
    TemplateLocale exact =
        TemplateLocale.lenient(locale)
            .orElseThrow(() -> new TemplateNotFoundException("no template version " + label));
    Optional<PreparedTemplate> cached =
        cache.get(key).flatMap(p -> p.find(channel, exact)).filter(t -> t.version() == version);
    if (cached.isPresent()) {
      return cached.get().render(data);
    }
    PreparedTemplate template =
        transactions
            .executeRead(
                status ->
                    store
                        .definition(key)
                        .flatMap(
                            definition ->
                                store
                                    .version(key, channel, exact, version)
                                    .map(v -> PreparedTemplate.of(definition, v))))
            .orElseThrow(() -> new TemplateNotFoundException("no template version " + label));
    return template.render(data);
  }

  private static TemplateKey key(String templateKey) {
    try {
      return new TemplateKey(Objects.requireNonNull(templateKey, "templateKey"));
    } catch (IllegalArgumentException e) {
      throw new TemplateNotFoundException("no template key " + templateKey);
    }
  }
}
