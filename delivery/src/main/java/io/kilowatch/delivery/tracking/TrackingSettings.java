package io.kilowatch.delivery.tracking;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Open and click tracking for email ({@code kilowatch.tracking.*}). Tracking is on when both a
 * {@code secret} (signs the links, at least 32 characters) and the {@code base-url} recipients
 * reach this API at are configured; otherwise emails go out untouched.
 */
@ConfigurationProperties("kilowatch.tracking")
public class TrackingSettings {
  private String secret;
  private String baseUrl;
  private boolean pixel = true;

  public String getSecret() {
    return secret;
  }

  public void setSecret(String secret) {
    this.secret = secret;
  }

  /** The public URL of the API, e.g. {@code https://api.kilowatch.example}; no trailing path. */
  public String getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** Whether to add the 1×1 open pixel (default true). */
  public boolean isPixel() {
    return pixel;
  }

  public void setPixel(boolean pixel) {
    this.pixel = pixel;
  }
}
