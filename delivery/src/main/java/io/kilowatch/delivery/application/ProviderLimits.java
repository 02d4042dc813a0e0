package io.kilowatch.delivery.application;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import java.time.Duration;

/**
 * Limits for one provider account ({@code kilowatch.delivery.providers.<provider>.*}), e.g. a
 * Twilio long code at 1 message/s, a short code at 30/s, FCM at 10000/s. Providers without an entry
 * get the defaults below.
 */
@EachProperty("kilowatch.delivery.providers")
public class ProviderLimits {
  private final String provider;
  private double ratePerSecond = 0; // 0: no rate limit
  private Duration maxRateWait = Duration.ofSeconds(5);
  private int maxConcurrent = 64;
  private Duration maxQueueWait = Duration.ofSeconds(5);
  private int breakerFailures = 5;
  private int breakerWindow = 10;
  private Duration breakerDelay = Duration.ofSeconds(30);

  public ProviderLimits(@Parameter String provider) {
    this.provider = provider;
  }

  /** Defaults for a provider without configuration. */
  public static ProviderLimits defaults(String provider) {
    return new ProviderLimits(provider);
  }

  public String getProvider() {
    return provider;
  }

  public double getRatePerSecond() {
    return ratePerSecond;
  }

  public void setRatePerSecond(double ratePerSecond) {
    this.ratePerSecond = ratePerSecond;
  }

  public Duration getMaxRateWait() {
    return maxRateWait;
  }

  public void setMaxRateWait(Duration maxRateWait) {
    this.maxRateWait = maxRateWait;
  }

  public int getMaxConcurrent() {
    return maxConcurrent;
  }

  public void setMaxConcurrent(int maxConcurrent) {
    this.maxConcurrent = maxConcurrent;
  }

  public Duration getMaxQueueWait() {
    return maxQueueWait;
  }

  public void setMaxQueueWait(Duration maxQueueWait) {
    this.maxQueueWait = maxQueueWait;
  }

  public int getBreakerFailures() {
    return breakerFailures;
  }

  public void setBreakerFailures(int breakerFailures) {
    this.breakerFailures = breakerFailures;
  }

  public int getBreakerWindow() {
    return breakerWindow;
  }

  public void setBreakerWindow(int breakerWindow) {
    this.breakerWindow = breakerWindow;
  }

  public Duration getBreakerDelay() {
    return breakerDelay;
  }

  public void setBreakerDelay(Duration breakerDelay) {
    this.breakerDelay = breakerDelay;
  }
}
