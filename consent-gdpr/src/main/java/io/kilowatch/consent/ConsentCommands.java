package io.kilowatch.consent;

import java.util.Optional;

/**
 * Records grants and withdrawals in the consent ledger, for callers other than the HTTP API: the
 * SMS inbound listener (STOP/START), email unsubscribe handling, imports. The gate's cache follows
 * the change as soon as it commits, on every instance. Joins the caller's transaction if there is
 * one. Thread-safe.
 *
 * <p>Keywords and unsubscribe links identify a person by phone number or email address; resolving
 * that to a customer id is the caller's job (preference-service knows contact points), so these
 * methods take the customer id.
 */
public interface ConsentCommands {
  /**
   * Records that the customer granted consent for the purpose.
   *
   * @param purpose {@code service}, {@code marketing} or {@code analytics}
   * @param channel a channel's wire name, or null for every channel
   * @return the entry; empty when the customer was erased: nothing is recorded for them again
   * @throws io.kilowatch.platform.web.InvalidInputException naming each invalid field ({@code
   *     customerId}, {@code purpose}, {@code channel}, {@code source}, {@code actor}, {@code
   *     textVersion}, {@code occurredAt}); nothing is recorded
   */
  Optional<RecordedConsent> grant(
      String customerId, String purpose, String channel, ConsentEvidence evidence);

  /**
   * Records that the customer withdrew consent for (or objected to) the purpose.
   *
   * @see #grant
   */
  Optional<RecordedConsent> withdraw(
      String customerId, String purpose, String channel, ConsentEvidence evidence);
}
