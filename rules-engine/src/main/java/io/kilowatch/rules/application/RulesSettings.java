package io.kilowatch.rules.application;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The rules engine's settings ({@code kilowatch.rules.*}). */
@ConfigurationProperties("kilowatch.rules")
public class RulesSettings {
  private int maxRulesPerCustomer = 50;
  private int usageWindowConsumers = 1;
  private List<String> regions = new ArrayList<>();
  private int fanOutBatchSize = 2000;
  private Duration digestWindow = Duration.ofHours(1);

  /** How many rules one customer may have; creating one more is refused with 422. */
  public int getMaxRulesPerCustomer() {
    return maxRulesPerCustomer;
  }

  public void setMaxRulesPerCustomer(int maxRulesPerCustomer) {
    if (maxRulesPerCustomer < 1) {
      throw new IllegalArgumentException("kilowatch.rules.max-rules-per-customer must be >= 1");
    }
    this.maxRulesPerCustomer = maxRulesPerCustomer;
  }

  /** Parallel consumers of usage window events on this instance. */
  public int getUsageWindowConsumers() {
    return usageWindowConsumers;
  }

  public void setUsageWindowConsumers(int usageWindowConsumers) {
    if (usageWindowConsumers < 1) {
      throw new IllegalArgumentException("kilowatch.rules.usage-window-consumers must be >= 1");
    }
    this.usageWindowConsumers = usageWindowConsumers;
  }

  /**
   * Regions customers may name in rules besides those of the meters the engine knows (from
   * billing's meter assignments), e.g. all regions of the market.
   */
  public List<String> getRegions() {
    return regions;
  }

  public void setRegions(List<String> regions) {
    this.regions = regions == null ? new ArrayList<>() : new ArrayList<>(regions);
  }

  /** Rules per transaction (and per outbox batch) when one event notifies many customers. */
  public int getFanOutBatchSize() {
    return fanOutBatchSize;
  }

  public void setFanOutBatchSize(int fanOutBatchSize) {
    if (fanOutBatchSize < 1 || fanOutBatchSize > 10_000) {
      throw new IllegalArgumentException("kilowatch.rules.fan-out-batch-size must be 1..10000");
    }
    this.fanOutBatchSize = fanOutBatchSize;
  }

  /** Length of the cheapest and dearest windows in the day-ahead digest. */
  public Duration getDigestWindow() {
    return digestWindow;
  }

  public void setDigestWindow(Duration digestWindow) {
    if (digestWindow.isNegative() || digestWindow.isZero()) {
      throw new IllegalArgumentException("kilowatch.rules.digest-window must be positive");
    }
    this.digestWindow = digestWindow;
  }
}
