package io.kilowatch.delivery.application;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** Delivery's tunables ({@code kilowatch.delivery.*}). */
@ConfigurationProperties("kilowatch.delivery")
public class DeliverySettings {
  private int maxAttempts = 3;
  private Duration retryDelay = Duration.ofMillis(200);
  private Duration maxRetryDelay = Duration.ofSeconds(5);
  private Duration dedupeTtl = Duration.ofDays(7);
  private int consumers = 4;

  public int getMaxAttempts() {
    return maxAttempts;
  }

  public void setMaxAttempts(int maxAttempts) {
    this.maxAttempts = maxAttempts;
  }

  public Duration getRetryDelay() {
    return retryDelay;
  }

  public void setRetryDelay(Duration retryDelay) {
    this.retryDelay = retryDelay;
  }

  public Duration getMaxRetryDelay() {
    return maxRetryDelay;
  }

  public void setMaxRetryDelay(Duration maxRetryDelay) {
    this.maxRetryDelay = maxRetryDelay;
  }

  public Duration getDedupeTtl() {
    return dedupeTtl;
  }

  public void setDedupeTtl(Duration dedupeTtl) {
    this.dedupeTtl = dedupeTtl;
  }

  public int getConsumers() {
    return consumers;
  }

  public void setConsumers(int consumers) {
    this.consumers = consumers;
  }
}
