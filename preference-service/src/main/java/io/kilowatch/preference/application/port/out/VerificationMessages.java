package io.kilowatch.preference.application.port.out;

import io.kilowatch.preference.domain.ContactPoint;
import java.time.Instant;

/**
 * Sends a newly issued verification code to the contact point it verifies. Joins the caller's
 * transaction: a code whose issue rolls back is never sent.
 */
public interface VerificationMessages {
  /**
   * @param point the unverified point, the only address the message may go to
   * @param code the six digits, known only here and in the message (the store keeps a hash)
   * @param expiresAt when the code stops working
   * @param issuedAt when it was issued; with the point it makes the message's idempotency key
   */
  void send(ContactPoint point, String code, Instant expiresAt, Instant issuedAt);
}
