package io.kilowatch.consent.application;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.scheduling.cron.CronExpression;
import java.time.Duration;

/** When the retention job runs ({@code kilowatch.retention-job.*}). */
@ConfigurationProperties("kilowatch.retention-job")
public class RetentionJobSettings {
  private boolean enabled = true;
  private String cron = "0 15 3 * * *";
  private String zone = "UTC";
  private Duration fixedDelay;
  private Duration initialDelay = Duration.ofMinutes(5);
  private int batchSize = 5000;

  /** False to never schedule the job on this instance (it can still be run directly). */
  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** Cron expression (seconds first), used unless {@link #getFixedDelay()} is set. */
  public String getCron() {
    return cron;
  }

  public void setCron(String cron) {
    CronExpression.create(cron);
    this.cron = cron;
  }

  /** Time zone of the cron expression. */
  public String getZone() {
    return zone;
  }

  public void setZone(String zone) {
    java.time.ZoneId.of(zone);
    this.zone = zone;
  }

  /** When set, the job runs with this delay between runs instead of on the cron expression. */
  public Duration getFixedDelay() {
    return fixedDelay;
  }

  public void setFixedDelay(Duration fixedDelay) {
    if (fixedDelay != null && (fixedDelay.isNegative() || fixedDelay.isZero())) {
      throw new IllegalArgumentException("kilowatch.retention-job.fixed-delay must be positive");
    }
    this.fixedDelay = fixedDelay;
  }

  /** Delay before the first run with {@link #getFixedDelay()}. */
  public Duration getInitialDelay() {
    return initialDelay;
  }

  public void setInitialDelay(Duration initialDelay) {
    this.initialDelay = initialDelay;
  }

  /** Rows deleted per transaction; keeps locks short on big tables. */
  public int getBatchSize() {
    return batchSize;
  }

  public void setBatchSize(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("kilowatch.retention-job.batch-size must be >= 1");
    }
    this.batchSize = batchSize;
  }
}
