package io.kilowatch.templates.application;

import io.kilowatch.channel.Channel;
import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import io.kilowatch.platform.web.NotFoundException;
import io.kilowatch.templates.application.port.in.DefineTemplateCommand;
import io.kilowatch.templates.application.port.out.PublicationBroadcast;
import io.kilowatch.templates.application.port.out.TemplateStore;
import io.kilowatch.templates.application.port.out.VariantSummary;
import io.kilowatch.templates.domain.Finding;
import io.kilowatch.templates.domain.TemplateDefinition;
import io.kilowatch.templates.domain.TemplateKey;
import io.kilowatch.templates.domain.TemplateValidator;
import io.kilowatch.templates.domain.TemplateVersion;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The template keys: what exists, and declaring or changing a key. Thread-safe. */
@Singleton
public class TemplateCatalog {
  private final TemplateStore store;
  private final TransactionOperations<Connection> transactions;
  private final PublishedTemplateCache cache;
  private final PublicationBroadcast broadcast;
  private final Clock clock;

  TemplateCatalog(
      TemplateStore store,
      TransactionOperations<Connection> transactions,
      PublishedTemplateCache cache,
      PublicationBroadcast broadcast,
      Clock clock) {
    this.store = store;
    this.transactions = transactions;
    this.cache = cache;
    this.broadcast = broadcast;
    this.clock = clock;
  }

  /** Every key, in key order. */
  @Transactional(readOnly = true)
  public List<TemplateOverview> list() {
    Map<TemplateKey, List<VariantSummary>> variants =
        store.variants().stream().collect(Collectors.groupingBy(VariantSummary::key));
    return store.definitions().stream()
        .map(d -> overview(d, variants.getOrDefault(d.key(), List.of())))
        .toList();
  }

  /**
   * @throws NotFoundException for a key nobody declared
   */
  @Transactional(readOnly = true)
  public TemplateOverview get(TemplateKey key) {
    TemplateDefinition definition =
        store.definition(key).orElseThrow(() -> new NotFoundException("template key"));
    return overview(
        definition, store.variants().stream().filter(v -> v.key().equals(key)).toList());
  }

  /**
   * Declares a key or replaces its declaration. A change must keep every published version valid
   * (no variable it uses may go) and the default locale must have a published version on every
   * channel that has one in any locale.
   *
   * @return the key as it is now
   * @throws InvalidInputException 422 naming {@code variables} or {@code defaultLocale}
   */
  public TemplateOverview define(DefineTemplateCommand command, String by) {
    TemplateDefinition definition = command.definition();
    TemplateOverview result =
        transactions.executeWrite(
            status -> {
              store.lockKey(definition.key());
              if (store.definition(definition.key()).isPresent()) {
                checkChange(definition);
              }
              store.saveDefinition(definition, by, clock.instant().truncatedTo(ChronoUnit.MICROS));
              return overview(
                  definition,
                  store.variants().stream().filter(v -> v.key().equals(definition.key())).toList());
            });
    cache.invalidate(definition.key());
    broadcast.announce(definition.key());
    return result;
  }

  private void checkChange(TemplateDefinition definition) {
    List<FieldError> errors = new ArrayList<>();
    List<TemplateVersion> published = store.published(definition.key());
    for (TemplateVersion version : published) {
      for (Finding f :
          TemplateValidator.validate(definition, version.locale(), version.content())) {
        if (f.isError()) {
          errors.add(
              new FieldError(
                  "variables",
                  "published "
                      + version.label()
                      + " would not be valid: "
                      + f.field()
                      + " "
                      + f.message()));
        }
      }
    }
    Set<Channel> channels = EnumSet.noneOf(Channel.class);
    published.forEach(v -> channels.add(v.channel()));
    for (Channel channel : channels) {
      boolean inDefault =
          published.stream()
              .anyMatch(
                  v -> v.channel() == channel && v.locale().equals(definition.defaultLocale()));
      if (!inDefault) {
        errors.add(
            new FieldError(
                "defaultLocale",
                definition.defaultLocale()
                    + " has no published "
                    + channel.wireName()
                    + " version; publish one before making it the default locale"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(HttpStatus.UNPROCESSABLE_ENTITY, errors);
    }
  }

  private static TemplateOverview overview(
      TemplateDefinition definition, List<VariantSummary> variants) {
    List<Finding> issues = new ArrayList<>();
    Set<Channel> channels = EnumSet.noneOf(Channel.class);
    variants.stream()
        .filter(v -> v.activeVersion() != null)
        .forEach(v -> channels.add(v.channel()));
    for (Channel channel : channels) {
      boolean inDefault =
          variants.stream()
              .anyMatch(
                  v ->
                      v.channel() == channel
                          && v.locale().equals(definition.defaultLocale())
                          && v.activeVersion() != null);
      if (!inDefault) {
        issues.add(
            Finding.error(
                "variants",
                channel.wireName()
                    + " has no published version in the default locale "
                    + definition.defaultLocale()
                    + ": customers in other locales get no "
                    + channel.wireName()
                    + " message"));
      }
    }
    return new TemplateOverview(definition, variants, issues);
  }
}
