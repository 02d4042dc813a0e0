package io.kilowatch.delivery.statusout;

import io.kilowatch.channel.webhook.EndpointGuard;
import io.kilowatch.platform.persistence.Mappers;
import io.kilowatch.platform.web.InvalidInputException;
import io.micronaut.context.annotation.Factory;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The retailer's endpoints for delivery status webhooks: registered by an admin (URL checked by the
 * webhook channel's SSRF guard; a signing secret generated and shown once), listed, revoked.
 * Thread-safe.
 */
@Singleton
public class StatusWebhooks {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final StatusWebhookMapper mapper;
  private final EndpointGuard guard;
  private final Clock clock;

  StatusWebhooks(StatusWebhookMapper mapper, EndpointGuard guard, Clock clock) {
    this.mapper = mapper;
    this.guard = guard;
    this.clock = clock;
  }

  /**
   * An endpoint as the API shows it (never the secret).
   *
   * @param keyId the {@code kid} of its signatures
   */
  public record StatusWebhook(
      String id,
      String url,
      String keyId,
      String createdBy,
      Instant createdAt,
      String revokedBy,
      Instant revokedAt) {
    public boolean active() {
      return revokedAt == null;
    }
  }

  /** A new endpoint and its secret, which the API shows this once. */
  public record Created(StatusWebhook webhook, String secret) {}

  @Transactional
  public Created create(String url, String createdBy) {
    Optional<String> refused = guard.check(url);
    if (refused.isPresent()) {
      throw InvalidInputException.of("url", refused.get());
    }
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String secret = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    String id = UUID.randomUUID().toString();
    String keyId = "sw-" + id.substring(0, 8);
    mapper.insert(id, url.strip(), keyId, secret, createdBy, clock.instant());
    return new Created(find(id).orElseThrow(), secret);
  }

  @Transactional
  public List<StatusWebhook> list() {
    return mapper.all().stream().map(StatusWebhooks::view).toList();
  }

  @Transactional
  public Optional<StatusWebhook> find(String id) {
    return mapper.one(id).stream().findFirst().map(StatusWebhooks::view);
  }

  @Transactional
  public Optional<StatusWebhook> revoke(String id, String by) {
    mapper.revoke(id, by, clock.instant());
    return find(id);
  }

  /** Active endpoints with their secrets, for signing; joins the caller's transaction. */
  @Transactional
  List<StatusWebhookMapper.Row> active() {
    return mapper.active();
  }

  private static StatusWebhook view(StatusWebhookMapper.Row r) {
    return new StatusWebhook(
        r.id(), r.url(), r.keyId(), r.createdBy(), r.createdAt(), r.revokedBy(), r.revokedAt());
  }

  @Factory
  static class Beans {
    @Singleton
    StatusWebhookMapper statusWebhookMapper(Mappers mappers) {
      return mappers.of(StatusWebhookMapper.class);
    }
  }
}
