package io.kilowatch.templates.application;

import io.kilowatch.channel.Channel;
import io.kilowatch.platform.web.InvalidInputException;
import io.kilowatch.platform.web.NotFoundException;
import io.kilowatch.templates.application.port.in.CreateVersionCommand;
import io.kilowatch.templates.application.port.in.TemplateCoordinates;
import io.kilowatch.templates.application.port.out.PublicationBroadcast;
import io.kilowatch.templates.application.port.out.TemplateStore;
import io.kilowatch.templates.domain.Finding;
import io.kilowatch.templates.domain.TemplateDefinition;
import io.kilowatch.templates.domain.TemplateLocale;
import io.kilowatch.templates.domain.TemplateValidator;
import io.kilowatch.templates.domain.TemplateVersion;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Template versions: read, save a draft, publish. A version never changes once saved; publishing
 * retires the version published before, which stays readable. Thread-safe.
 */
@Singleton
public class TemplateVersions {
  /** Who saves and publishes the default templates. */
  public static final String DEFAULTS_AUTHOR = "system:defaults";

  private static final Logger LOG = LoggerFactory.getLogger(TemplateVersions.class);

  private final TemplateStore store;
  private final TransactionOperations<Connection> transactions;
  private final PublishedTemplateCache cache;
  private final PublicationBroadcast broadcast;
  private final Clock clock;

  TemplateVersions(
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

  /**
   * The versions of a key, channel and locale, newest first; empty when there are none yet.
   *
   * @throws NotFoundException for a key nobody declared
   */
  @Transactional(readOnly = true)
  public List<TemplateVersion> versions(TemplateCoordinates at) {
    definition(at);
    return store.versions(at.key(), at.channel(), at.locale());
  }

  /**
   * @throws NotFoundException for an unknown key or version
   */
  @Transactional(readOnly = true)
  public TemplateVersion version(TemplateCoordinates at, int version) {
    definition(at);
    return store
        .version(at.key(), at.channel(), at.locale(), version)
        .orElseThrow(() -> new NotFoundException("template version"));
  }

  /**
   * Saves a new draft, numbered one above the highest version so far.
   *
   * @throws NotFoundException for a key nobody declared
   * @throws InvalidInputException 422 naming each part with an error (unknown variable, syntax,
   *     limits); nothing is saved
   */
  public VersionOutcome create(CreateVersionCommand command, String by) {
    TemplateCoordinates at = command.coordinates();
    return transactions.executeWrite(
        status -> {
          store.lockKey(at.key());
          TemplateDefinition definition = definition(at);
          List<Finding> findings =
              new ArrayList<>(
                  TemplateValidator.validate(definition, at.locale(), command.content()));
          fallback(definition, at.channel(), at.locale(), false).ifPresent(findings::add);
          List<Finding> errors = Findings.errors(findings);
          if (!errors.isEmpty()) {
            throw Findings.unprocessable(errors);
          }
          int number = store.latestVersion(at.key(), at.channel(), at.locale()) + 1;
          TemplateVersion draft =
              TemplateVersion.draft(at.key(), at.locale(), number, command.content(), by, now());
          store.insert(draft);
          return new VersionOutcome(draft, Findings.warnings(findings));
        });
  }

  /**
   * Makes a draft the published version; the one published before is retired. Validated again
   * first, against the key's current definition. Publishing the published version again changes
   * nothing.
   *
   * @throws NotFoundException for an unknown key or version
   * @throws InvalidInputException 422 naming each error, among them {@code locale} when the key's
   *     default locale has no published version on the channel to fall back to; 409 on {@code
   *     version} for a retired version
   */
  public VersionOutcome publish(TemplateCoordinates at, int number, String by) {
    VersionOutcome outcome =
        transactions.executeWrite(
            status -> {
              store.lockKey(at.key());
              TemplateDefinition definition = definition(at);
              TemplateVersion version =
                  store
                      .version(at.key(), at.channel(), at.locale(), number)
                      .orElseThrow(() -> new NotFoundException("template version"));
              return switch (version.status()) {
                case PUBLISHED -> new VersionOutcome(version, List.of());
                case RETIRED ->
                    throw Findings.conflict(
                        "version",
                        "version "
                            + number
                            + " is retired; save its parts as a new version to publish them"
                            + " again");
                case DRAFT -> publishDraft(definition, version, by);
              };
            });
    cache.invalidate(at.key());
    broadcast.announce(at.key());
    return outcome;
  }

  /**
   * Adds a shipped default template: declares its key if nobody has, and saves and publishes a
   * first version for each channel and locale that has no version at all, default locale first.
   * Anything an operator has saved is left alone. Safe to run on many instances at once.
   *
   * @return the versions published
   * @throws IllegalStateException when a shipped version does not validate against the shipped
   *     definition (a defect of the release)
   */
  public int seed(DefaultTemplate template) {
    TemplateDefinition shipped = template.definition();
    int published =
        transactions.executeWrite(
            status -> {
              store.lockKey(shipped.key());
              Optional<TemplateDefinition> stored = store.definition(shipped.key());
              if (stored.isEmpty()) {
                store.saveDefinition(shipped, DEFAULTS_AUTHOR, now());
              }
              TemplateDefinition definition = stored.orElse(shipped);
              int count = 0;
              List<DefaultTemplate.Version> ordered = new ArrayList<>(template.versions());
              ordered.sort(
                  Comparator.comparing(
                      (DefaultTemplate.Version v) ->
                          !v.locale().equals(definition.defaultLocale())));
              for (DefaultTemplate.Version v : ordered) {
                Channel channel = v.content().channel();
                if (store.latestVersion(shipped.key(), channel, v.locale()) > 0) {
                  continue;
                }
                List<Finding> findings =
                    new ArrayList<>(
                        TemplateValidator.validate(definition, v.locale(), v.content()));
                fallback(definition, channel, v.locale(), true).ifPresent(findings::add);
                List<Finding> errors = Findings.errors(findings);
                String label = TemplateVersion.label(shipped.key(), channel, v.locale(), 1);
                if (!errors.isEmpty()) {
                  if (definition.equals(shipped)) {
                    throw new IllegalStateException(
                        "default template " + label + " is invalid: " + errors);
                  }
                  LOG.warn(
                      "default template {} skipped: the key's definition was changed: {}",
                      label,
                      errors);
                  continue;
                }
                TemplateVersion draft =
                    TemplateVersion.draft(
                        shipped.key(), v.locale(), 1, v.content(), DEFAULTS_AUTHOR, now());
                store.insert(draft);
                store.publish(draft, DEFAULTS_AUTHOR, now());
                count++;
              }
              return count;
            });
    if (published > 0) {
      cache.invalidate(shipped.key());
      broadcast.announce(shipped.key());
    }
    return published;
  }

  private VersionOutcome publishDraft(
      TemplateDefinition definition, TemplateVersion draft, String by) {
    List<Finding> findings =
        new ArrayList<>(TemplateValidator.validate(definition, draft.locale(), draft.content()));
    fallback(definition, draft.channel(), draft.locale(), true).ifPresent(findings::add);
    List<Finding> errors = Findings.errors(findings);
    if (!errors.isEmpty()) {
      throw Findings.unprocessable(errors);
    }
    Instant now = now();
    if (!store.publish(draft, by, now)) {
      throw Findings.conflict("version", "version " + draft.version() + " is no longer a draft");
    }
    return new VersionOutcome(draft.published(by, now), Findings.warnings(findings));
  }

  /**
   * A version in a locale other than the default needs the default locale published on the same
   * channel, so that every fallback chain ends in a message: a warning for a draft, an error when
   * publishing.
   */
  private Optional<Finding> fallback(
      TemplateDefinition definition, Channel channel, TemplateLocale locale, boolean publishing) {
    TemplateLocale defaultLocale = definition.defaultLocale();
    if (locale.equals(defaultLocale)
        || store.published(definition.key()).stream()
            .anyMatch(v -> v.channel() == channel && v.locale().equals(defaultLocale))) {
      return Optional.empty();
    }
    String message =
        "the default locale "
            + defaultLocale
            + " has no published "
            + channel.wireName()
            + " version to fall back to; publish that first";
    return Optional.of(
        publishing ? Finding.error("locale", message) : Finding.warning("locale", message));
  }

  private TemplateDefinition definition(TemplateCoordinates at) {
    return store.definition(at.key()).orElseThrow(() -> new NotFoundException("template key"));
  }

  /** PostgreSQL keeps microseconds: what we return must equal what we read back. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
