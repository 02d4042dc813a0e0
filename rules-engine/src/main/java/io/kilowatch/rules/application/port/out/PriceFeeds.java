package io.kilowatch.rules.application.port.out;

import java.time.Instant;
import java.util.Map;

/**
 * The version counter of each price feed ({@code region|tariff|timing}): every committed change to
 * a feed's rules or states counts one, so that each instance's index can tell when it missed one.
 * Calls run in the caller's transaction.
 */
public interface PriceFeeds {
  /**
   * Serialises the handling of the feed's price moves (across instances) until the transaction
   * ends.
   */
  void lock(String feedKey);

  /** The feed's version; 0 when nothing was ever committed for it. */
  long version(String feedKey);

  /** Counts a change made in this transaction; returns the version it commits as. */
  long bump(String feedKey, Instant now);

  /** Every feed's version. */
  Map<String, Long> versions();

  /** Remembers the last move applied to the feed, for operators. */
  void recordEvent(String feedKey, String eventId, String price, Instant validFrom, Instant now);
}
