package io.kilowatch.sandbox;

import java.util.Objects;

/**
 * How the sandbox's Twilio says an accepted message ended, reported through the message's status
 * callbacks: {@code queued} → {@code sent} → {@code delivered}; {@code queued} → {@code sent} →
 * {@code undelivered} with an error code (the carrier could not deliver it); {@code queued} →
 * {@code failed} with an error code (never sent); or {@link #none()}: {@code queued} → {@code sent}
 * and then silence, as with a carrier that returns no delivery receipt. Immutable.
 *
 * @param finalStatus {@code delivered}, {@code undelivered}, {@code failed}, or null for none
 * @param errorCode Twilio's error code for {@code undelivered} and {@code failed} (e.g. 30003
 *     unreachable handset, 30005 unknown handset, 30006 landline or unreachable carrier), else null
 */
public record TwilioDeliveryOutcome(String finalStatus, Integer errorCode) {
  public TwilioDeliveryOutcome {
    if (finalStatus == null || finalStatus.equals("delivered")) {
      if (errorCode != null) {
        throw new IllegalArgumentException("no error code with " + finalStatus);
      }
    } else if (finalStatus.equals("undelivered") || finalStatus.equals("failed")) {
      Objects.requireNonNull(errorCode, "errorCode");
    } else {
      throw new IllegalArgumentException(
          "finalStatus must be delivered, undelivered, failed or null: " + finalStatus);
    }
  }

  /** {@code queued} → {@code sent} → {@code delivered}; the default. */
  public static TwilioDeliveryOutcome delivered() {
    return new TwilioDeliveryOutcome("delivered", null);
  }

  /** {@code queued} → {@code sent} → {@code undelivered} with {@code ErrorCode}. */
  public static TwilioDeliveryOutcome undelivered(int errorCode) {
    return new TwilioDeliveryOutcome("undelivered", errorCode);
  }

  /** {@code queued} → {@code failed} with {@code ErrorCode}. */
  public static TwilioDeliveryOutcome failed(int errorCode) {
    return new TwilioDeliveryOutcome("failed", errorCode);
  }

  /** {@code queued} → {@code sent}, then no final status. */
  public static TwilioDeliveryOutcome none() {
    return new TwilioDeliveryOutcome(null, null);
  }
}
