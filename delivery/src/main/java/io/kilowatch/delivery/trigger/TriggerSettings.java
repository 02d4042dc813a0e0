package io.kilowatch.delivery.trigger;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** The trigger API's limits ({@code kilowatch.delivery.trigger.*}). */
@ConfigurationProperties("kilowatch.delivery.trigger")
public class TriggerSettings {
  private int maxRecipients = 1000;
  private int maxBulkItems = 500;
  private Duration idempotencyTtl = Duration.ofHours(24);

  /** Customers one request (or one bulk item) may name. */
  public int getMaxRecipients() {
    return maxRecipients;
  }

  public void setMaxRecipients(int maxRecipients) {
    this.maxRecipients = maxRecipients;
  }

  /** Items of one bulk request. */
  public int getMaxBulkItems() {
    return maxBulkItems;
  }

  public void setMaxBulkItems(int maxBulkItems) {
    this.maxBulkItems = maxBulkItems;
  }

  /** How long an {@code Idempotency-Key} answer is replayed (Stripe: 24 hours). */
  public Duration getIdempotencyTtl() {
    return idempotencyTtl;
  }

  public void setIdempotencyTtl(Duration idempotencyTtl) {
    this.idempotencyTtl = idempotencyTtl;
  }
}
