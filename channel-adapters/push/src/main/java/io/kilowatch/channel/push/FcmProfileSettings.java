package io.kilowatch.channel.push;

import java.time.Duration;

/**
 * One FCM profile of the push channel: a Firebase project, credentials, timeouts and the
 * per-platform options. {@link FcmSettings} ({@code kilowatch.channels.push.fcm.*}) is the primary
 * profile, {@link FcmBackupSettings} ({@code kilowatch.channels.push.fcm-backup.*}) the backup;
 * both have these keys.
 *
 * <p>{@code project-id} is required, and exactly one of {@code credentials} (path to a service
 * account JSON key; production) and {@code access-token} (a fixed OAuth2 access token; the provider
 * sandbox and short-lived manual use). {@code base-url} is unset in production (the SDK reaches
 * {@code https://fcm.googleapis.com}); tests and the demo point it at the provider sandbox.
 *
 * <p>A mutable bean for Micronaut's binding; not thread-safe. {@link FcmPushSender} copies what it
 * needs when it is built, so changing a settings object afterwards has no effect on a sender. (The
 * profiles share this base class rather than one extending the other because Micronaut binds an
 * inherited {@code @ConfigurationProperties} class's properties under the parent's prefix.)
 */
public abstract class FcmProfileSettings {
  private String projectId;
  private String credentials;
  private String accessToken;
  private String baseUrl;
  private String provider;
  private Duration connectTimeout = Duration.ofSeconds(5);
  private Duration readTimeout = Duration.ofSeconds(10);
  private Duration ttl;
  private String androidPriority = "normal";
  private int apnsPriority = 5;

  protected FcmProfileSettings(String defaultProvider) {
    this.provider = defaultProvider;
  }

  /** Configuration prefix of this profile, e.g. {@code kilowatch.channels.push.fcm}. */
  public abstract String prefix();

  /** Firebase project id, e.g. {@code kilowatch-prod}; part of the send URL. */
  public String getProjectId() {
    return projectId;
  }

  public void setProjectId(String projectId) {
    this.projectId = projectId;
  }

  /** File path of a service account JSON key; tokens are fetched from Google's OAuth server. */
  public String getCredentials() {
    return credentials;
  }

  public void setCredentials(String credentials) {
    this.credentials = credentials;
  }

  /**
   * A fixed OAuth2 access token, never refreshed (a 401 then stays a 401); for the sandbox, where
   * no request may leave 127.0.0.1, and short manual tests with {@code gcloud auth
   * print-access-token}.
   */
  public String getAccessToken() {
    return accessToken;
  }

  public void setAccessToken(String accessToken) {
    this.accessToken = accessToken;
  }

  /** Scheme, host and port that replace {@code https://fcm.googleapis.com}; null for real FCM. */
  public String getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** Name in {@link io.kilowatch.channel.SendResult}s and logs, e.g. {@code fcm-backup}. */
  public String getProvider() {
    return provider;
  }

  public void setProvider(String provider) {
    this.provider = provider;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  /** Longest wait for FCM's answer once the request is sent. */
  public Duration getReadTimeout() {
    return readTimeout;
  }

  public void setReadTimeout(Duration readTimeout) {
    this.readTimeout = readTimeout;
  }

  /**
   * How long FCM and APNs keep trying to reach an offline device: Android {@code ttl} and APNs
   * {@code apns-expiration}. Null leaves FCM's default (4 weeks); zero means now or never.
   */
  public Duration getTtl() {
    return ttl;
  }

  public void setTtl(Duration ttl) {
    this.ttl = ttl;
  }

  /**
   * Android priority of messages that are not critical: {@code normal} (default) or {@code high}.
   * Critical messages ({@code metadata.priority=critical}) are always {@code high}.
   */
  public String getAndroidPriority() {
    return androidPriority;
  }

  public void setAndroidPriority(String androidPriority) {
    this.androidPriority = androidPriority;
  }

  /**
   * {@code apns-priority} of messages that are not critical: {@code 5} (default, power-saving),
   * {@code 10} or {@code 1}. Critical messages are always {@code 10}.
   */
  public int getApnsPriority() {
    return apnsPriority;
  }

  public void setApnsPriority(int apnsPriority) {
    this.apnsPriority = apnsPriority;
  }

  @Override
  public String toString() {
    // Never the access token: settings end up in logs and exception messages.
    return getClass().getSimpleName()
        + "[provider="
        + provider
        + ", projectId="
        + projectId
        + ", credentials="
        + credentials
        + ", accessToken="
        + (accessToken == null ? "null" : "***")
        + ", baseUrl="
        + baseUrl
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", ttl="
        + ttl
        + ", androidPriority="
        + androidPriority
        + ", apnsPriority="
        + apnsPriority
        + "]";
  }
}
