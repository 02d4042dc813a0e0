package io.kilowatch.channel.webhook;

/** Names of the HTTP headers of a Kilowatch webhook delivery, for senders and receivers. */
public final class WebhookHeaders {
  /** {@code t=<unix seconds>,kid=<key id>,v1=<hex HMAC-SHA256 of "<t>.<body>">}. */
  public static final String SIGNATURE = "Kilowatch-Signature";

  /** Kilowatch's notification id. */
  public static final String NOTIFICATION_ID = "Kilowatch-Notification-Id";

  /** The event type from the message metadata ({@code eventType}); absent if there is none. */
  public static final String EVENT_TYPE = "Kilowatch-Event-Type";

  /** Equal to the notification id, the same on every retry: receivers dedupe on it. */
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  /**
   * Optional answer header: the receiver's own id for the delivery, kept as the provider message
   * id; without it, the notification id is.
   */
  public static final String RECEIPT_ID = "Kilowatch-Receipt-Id";

  /** Metadata key of {@link io.kilowatch.channel.OutboundMessage} carrying the event type. */
  public static final String EVENT_TYPE_METADATA = "eventType";

  private WebhookHeaders() {}
}
