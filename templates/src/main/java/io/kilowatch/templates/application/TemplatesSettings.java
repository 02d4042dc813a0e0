package io.kilowatch.templates.application;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** Settings of the templates module ({@code kilowatch.templates.*}). */
@ConfigurationProperties("kilowatch.templates")
public class TemplatesSettings {
  private Duration cacheTtl = Duration.ofMinutes(1);
  private boolean seedDefaults = true;

  /**
   * How long an instance serves published templates from memory without looking at the database. A
   * publish clears every instance's cache at once over Hazelcast; this bounds staleness if that
   * message is lost.
   */
  public Duration getCacheTtl() {
    return cacheTtl;
  }

  public void setCacheTtl(Duration cacheTtl) {
    this.cacheTtl = cacheTtl;
  }

  /** Whether to add the default templates at start-up (only where a locale has no version yet). */
  public boolean isSeedDefaults() {
    return seedDefaults;
  }

  public void setSeedDefaults(boolean seedDefaults) {
    this.seedDefaults = seedDefaults;
  }
}
