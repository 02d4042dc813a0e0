package io.kilowatch.delivery.domain;

import java.util.Locale;

/** Kilowatch's own delivery status; provider answers and callbacks map onto it. */
public enum DeliveryStatus {
  /** Received, not yet decided. */
  REQUESTED,
  /** Not sent on purpose (no consent, no contact point); the reason says why. */
  SUPPRESSED,
  /** Already delivered under the same idempotency key; nothing sent. */
  DUPLICATE,
  /** A provider accepted the message. */
  SENT,
  /** The provider confirmed delivery to the handset or mailbox. */
  DELIVERED,
  /** Could not be delivered. */
  FAILED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isFinal() {
    return this != REQUESTED;
  }
}
