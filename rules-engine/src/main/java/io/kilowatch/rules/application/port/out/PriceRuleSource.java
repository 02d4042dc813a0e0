package io.kilowatch.rules.application.port.out;

import io.kilowatch.rules.domain.price.PriceThresholdIndex;

/** Streams active price rules with their hysteresis state, in the caller's transaction. */
public interface PriceRuleSource {
  /** Adds every active price rule to {@code sink}; returns how many. */
  int loadAll(PriceThresholdIndex.Rows sink);

  /** Adds the active price rules of one feed to {@code sink}; returns how many. */
  int loadFeed(String feedKey, PriceThresholdIndex.Rows sink);
}
