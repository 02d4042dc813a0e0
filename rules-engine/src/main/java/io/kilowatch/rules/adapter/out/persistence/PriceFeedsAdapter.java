package io.kilowatch.rules.adapter.out.persistence;

import io.kilowatch.rules.application.port.out.PriceFeeds;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Price feed versions in {@code rules.price_feed}. Thread-safe. */
@Singleton
class PriceFeedsAdapter implements PriceFeeds {
  private final PriceFeedMapper mapper;
  private final RuleMapper rules;

  PriceFeedsAdapter(PriceFeedMapper mapper, RuleMapper rules) {
    this.mapper = mapper;
    this.rules = rules;
  }

  @Override
  public void lock(String feedKey) {
    rules.lock("rules.price-feed:" + feedKey);
  }

  @Override
  public long version(String feedKey) {
    return mapper.version(feedKey);
  }

  @Override
  public long bump(String feedKey, Instant now) {
    return mapper.bump(feedKey, now);
  }

  @Override
  public Map<String, Long> versions() {
    Map<String, Long> versions = new HashMap<>();
    for (var row : mapper.versions()) {
      versions.put(row.feedKey(), row.version());
    }
    return versions;
  }

  @Override
  public void recordEvent(
      String feedKey, String eventId, String price, Instant validFrom, Instant now) {
    mapper.recordEvent(feedKey, eventId, price, validFrom, now);
  }
}
