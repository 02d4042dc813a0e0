package io.kilowatch.consent.application;

import io.kilowatch.consent.ConsentEvidence;
import io.kilowatch.consent.RecordedConsent;
import io.kilowatch.consent.UnsubscribeLinks;
import io.kilowatch.consent.application.port.in.Inputs;
import io.kilowatch.consent.domain.Category;
import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes and honours one-click unsubscribe links: delivery asks for the link of each email ({@link
 * UnsubscribeLinks}), the unsubscribe endpoint checks the token and withdraws consent for its
 * purpose on its channel. Thread-safe.
 */
@Singleton
public class UnsubscribeService implements UnsubscribeLinks {
  private static final Logger LOG = LoggerFactory.getLogger(UnsubscribeService.class);
  static final String PATH = "/api/v1/unsubscribe/";

  private final UnsubscribeSettings settings;
  private final SubjectHasher hasher;
  private final ConsentService consents;
  private final Clock clock;
  private volatile byte[] key;

  UnsubscribeService(
      UnsubscribeSettings settings, SubjectHasher hasher, ConsentService consents, Clock clock) {
    this.settings = settings;
    this.hasher = hasher;
    this.consents = consents;
    this.clock = clock;
  }

  @PostConstruct
  void resolveKey() {
    if (settings.getSecret() != null) {
      key = settings.getSecret().getBytes(StandardCharsets.UTF_8);
    } else {
      key = hasher.derivedKey("unsubscribe-link/v1");
      LOG.warn(
          "kilowatch.unsubscribe.secret is not set: unsubscribe links are signed with a key derived"
              + " from the subject-hash key. Configure a secret in production.");
    }
  }

  @Override
  public Optional<String> url(String customerId, String category, String channel, String address) {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(address, "address");
    Category c =
        Category.fromWire(category)
            .orElseThrow(() -> new IllegalArgumentException("unknown category: " + category));
    if (!Inputs.isChannel(channel)) {
      throw new IllegalArgumentException("unknown channel: " + channel);
    }
    if (settings.getBaseUrl() == null) {
      return Optional.empty();
    }
    String token = new UnsubscribeToken(customerId, c.purpose(), channel, address).sign(key);
    // base64url needs no escaping; encode anyway so that the URL stays valid whatever the form
    return Optional.of(
        settings.getBaseUrl() + PATH + URLEncoder.encode(token, StandardCharsets.UTF_8));
  }

  /**
   * What a link is about, for the confirmation page.
   *
   * @throws InvalidInputException 403 on {@code token} when it is forged, altered or malformed
   */
  public UnsubscribeToken check(String token) {
    return UnsubscribeToken.verify(token, key).orElseThrow(UnsubscribeService::forged);
  }

  /**
   * Withdraws consent for the token's purpose on its channel, with the address as evidence (source
   * {@code email-unsubscribe}). Clicking twice records two withdrawals, which changes nothing.
   *
   * @return the entry; empty when the person was erased (nothing is recorded for them)
   * @throws InvalidInputException 403 on {@code token} when it is forged, altered or malformed;
   *     nothing is recorded
   */
  @Transactional
  public Optional<RecordedConsent> unsubscribe(String token) {
    UnsubscribeToken checked = check(token);
    ConsentEvidence evidence =
        ConsentEvidence.emailUnsubscribe(
            checked.address(), settings.getPageVersion(), null, clock.instant());
    return consents.withdraw(
        checked.customerId(), checked.purpose().wireName(), checked.channel(), evidence);
  }

  private static InvalidInputException forged() {
    return new InvalidInputException(
        HttpStatus.FORBIDDEN,
        List.of(new FieldError("token", "is not a valid unsubscribe link (forged or altered)")));
  }
}
