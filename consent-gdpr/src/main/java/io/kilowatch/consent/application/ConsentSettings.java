package io.kilowatch.consent.application;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** The consent module's settings ({@code kilowatch.consent.*}). */
@ConfigurationProperties("kilowatch.consent")
public class ConsentSettings {
  /** Shortest configured key of the subject hash. */
  public static final int MIN_SECRET_LENGTH = 32;

  private String subjectHashSecret;
  private Duration cacheTtl = Duration.ofMinutes(10);
  private boolean nearCache;

  /**
   * The key of the subject hash (HMAC-SHA256 of the customer id); null to use the key generated
   * once and stored in {@code consent.subject_key}. Must never change once people were erased with
   * it: their suppression would be forgotten.
   */
  public String getSubjectHashSecret() {
    return subjectHashSecret;
  }

  public void setSubjectHashSecret(String subjectHashSecret) {
    if (subjectHashSecret != null
        && !subjectHashSecret.isBlank()
        && subjectHashSecret.length() < MIN_SECRET_LENGTH) {
      throw new IllegalArgumentException(
          "kilowatch.consent.subject-hash-secret must be at least "
              + MIN_SECRET_LENGTH
              + " characters");
    }
    this.subjectHashSecret =
        subjectHashSecret == null || subjectHashSecret.isBlank() ? null : subjectHashSecret;
  }

  /**
   * How long a person's consent state stays in the cache without being read from the ledger again.
   * Changes replace it at once on every instance; the time-to-live bounds the damage of a change
   * whose instance died between commit and cache update.
   */
  public Duration getCacheTtl() {
    return cacheTtl;
  }

  public void setCacheTtl(Duration cacheTtl) {
    if (cacheTtl == null || cacheTtl.isNegative() || cacheTtl.toSeconds() < 1) {
      throw new IllegalArgumentException("kilowatch.consent.cache-ttl must be at least 1s");
    }
    this.cacheTtl = cacheTtl;
  }

  /**
   * Keep a near cache of consent states on each member. Off by default: Hazelcast invalidates near
   * caches of other members in batches (by default up to 10 seconds later), and a withdrawal must
   * win at once.
   */
  public boolean isNearCache() {
    return nearCache;
  }

  public void setNearCache(boolean nearCache) {
    this.nearCache = nearCache;
  }
}
