package io.kilowatch.consent;

import java.time.Instant;

/**
 * Whether a message may leave, asked by delivery for every message before it is sent (and again
 * when a deferred message is finally sent). Answers from a cluster-wide cache of each person's
 * derived consent state, loaded from the ledger on a miss and replaced on every change, so it can
 * be called thousands of times a second. Thread-safe.
 *
 * <p>Rules: categories {@code usage}, {@code cost}, {@code price}, {@code billing}, {@code outage}
 * serve the {@code service} purpose and are allowed unless the person withdrew it for the channel
 * or for all channels; {@code marketing} is allowed only with a current grant; an erased person is
 * refused everything.
 */
public interface ConsentGate {
  /**
   * May a notification of the category go to the customer on the channel at the instant?
   *
   * @param category a {@code NotificationCategory} wire name: {@code usage}, {@code cost}, {@code
   *     price}, {@code billing}, {@code outage}, {@code marketing}
   * @param channel a {@code Channel} wire name: {@code sms}, {@code email}, {@code push}, {@code
   *     webhook}
   * @param at when the message is sent: pass the clock's now at sending, never the time the
   *     notification was requested, so that a withdrawal in between is honoured
   * @throws IllegalArgumentException for an unknown category or channel, or a null argument: a
   *     programming error, never a refusal (callers should dead-letter the message)
   */
  ConsentDecision decide(String customerId, String category, String channel, Instant at);

  /**
   * May the message on the channel carry open and click tracking (purpose {@code analytics},
   * opt-in)? A refusal means: send it without tracking pixel or tracked links.
   *
   * @throws IllegalArgumentException for an unknown channel or a null argument
   */
  ConsentDecision decideTracking(String customerId, String channel, Instant at);
}
