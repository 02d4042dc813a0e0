package io.kilowatch.delivery.domain;

import java.util.Locale;

/** Kilowatch's own delivery status; provider answers and callbacks map onto it. */
public enum DeliveryStatus {
  /** Received, not yet decided. */
  REQUESTED,
  /** Held back until the customer's quiet hours end; released by the deferral scheduler. */
  DEFERRED,
  /** Not sent on purpose (no consent, no contact point); the reason says why. */
  SUPPRESSED,
  /** Already delivered under the same idempotency key; nothing sent. */
  DUPLICATE,
  /**
   * Held for the customer's digest of its category; the digest (one message for the window) goes
   * out when the window closes.
   */
  DIGESTED,
  /** A provider accepted the message. */
  SENT,
  /** The provider confirmed delivery to the handset or mailbox. */
  DELIVERED,
  /** Could not be delivered. */
  FAILED,
  /** The mailbox rejected it after the provider accepted it. */
  BOUNCED,
  /** The recipient opened it. */
  OPENED,
  /** The recipient followed a link in it. */
  CLICKED;

  /**
   * Whether a provider report may move a notification from {@code current} to this status: reports
   * arrive out of order and twice, and a later stage is never undone by an earlier one.
   */
  public boolean supersedes(DeliveryStatus current) {
    return rank() > current.rank();
  }

  private int rank() {
    return switch (this) {
      case REQUESTED, DEFERRED, SUPPRESSED, DUPLICATE, DIGESTED -> 0;
      case SENT -> 1;
      case DELIVERED -> 2;
      case FAILED, BOUNCED -> 3;
      case OPENED -> 4;
      case CLICKED -> 5;
    };
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isFinal() {
    return this != REQUESTED;
  }
}
