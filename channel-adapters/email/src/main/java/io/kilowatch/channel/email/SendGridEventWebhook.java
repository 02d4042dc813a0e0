package io.kilowatch.channel.email;

import io.kilowatch.channel.ProviderStatusUpdate;
import java.time.Clock;
import java.util.List;

/**
 * The event webhook of one SendGrid profile: its path segment, the signature check with the
 * profile's verification key, and the mapping of SendGrid events to status updates under the
 * profile's provider name. Immutable and thread-safe.
 */
final class SendGridEventWebhook {
  private final String path;
  private final String provider;
  private final SendGridSignatureVerifier verifier;
  private final SendGridEventMapper mapper;

  /**
   * @throws IllegalArgumentException if the profile has no usable verification key
   */
  SendGridEventWebhook(SendGridAccountSettings settings, Clock clock) {
    String key = settings.getEventWebhookPublicKey();
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException(
          settings.prefix() + ".event-webhook-public-key is required for the event webhook");
    }
    this.path = settings.webhookPath();
    this.provider = settings.getProvider();
    try {
      this.verifier = new SendGridSignatureVerifier(key, settings.getEventWebhookMaxAge(), clock);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          settings.prefix() + ".event-webhook-public-key: " + e.getMessage(), e);
    }
    this.mapper = new SendGridEventMapper(provider);
  }

  /** {@code sendgrid} or {@code sendgrid-backup}. */
  String path() {
    return path;
  }

  String provider() {
    return provider;
  }

  SendGridSignatureVerifier.Verification verify(String signature, String timestamp, byte[] body) {
    return verifier.verify(signature, timestamp, body);
  }

  /**
   * @throws MalformedEventsException if the body is not a batch of SendGrid events
   */
  List<ProviderStatusUpdate> updates(byte[] body) {
    return mapper.map(body);
  }
}
