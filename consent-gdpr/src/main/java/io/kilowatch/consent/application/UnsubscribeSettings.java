package io.kilowatch.consent.application;

import io.micronaut.context.annotation.ConfigurationProperties;

/** One-click unsubscribe links ({@code kilowatch.unsubscribe.*}). */
@ConfigurationProperties("kilowatch.unsubscribe")
public class UnsubscribeSettings {
  private String secret;
  private String baseUrl;
  private String pageVersion = "unsubscribe/v1";

  /**
   * Key of the links' HMAC-SHA256, at least {@value ConsentSettings#MIN_SECRET_LENGTH} characters;
   * null derives one from the subject-hash key (stable across restarts and instances). Changing it
   * invalidates every link already sent.
   */
  public String getSecret() {
    return secret;
  }

  public void setSecret(String secret) {
    if (secret != null
        && !secret.isBlank()
        && secret.length() < ConsentSettings.MIN_SECRET_LENGTH) {
      throw new IllegalArgumentException(
          "kilowatch.unsubscribe.secret must be at least "
              + ConsentSettings.MIN_SECRET_LENGTH
              + " characters");
    }
    this.secret = secret == null || secret.isBlank() ? null : secret;
  }

  /**
   * Public base URL under which recipients reach Kilowatch, e.g. {@code
   * https://api.kilowatch.example}; null: no links are made (delivery sends email without its own
   * List-Unsubscribe).
   */
  public String getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(String baseUrl) {
    if (baseUrl == null || baseUrl.isBlank()) {
      this.baseUrl = null;
      return;
    }
    String trimmed = baseUrl.strip();
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    java.net.URI uri;
    try {
      uri = java.net.URI.create(trimmed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("kilowatch.unsubscribe.base-url is not a URL: " + baseUrl);
    }
    if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "kilowatch.unsubscribe.base-url must be an absolute http(s) URL: " + baseUrl);
    }
    this.baseUrl = trimmed;
  }

  /** Version of the unsubscribe page and header text, recorded as the evidence's text version. */
  public String getPageVersion() {
    return pageVersion;
  }

  public void setPageVersion(String pageVersion) {
    this.pageVersion = pageVersion;
  }
}
