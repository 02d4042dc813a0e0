package io.kilowatch.channel.email;

import java.time.Duration;

/**
 * One SendGrid account (or sender pool) for the email channel: what {@link SendGridEmailSender}
 * sends with and what the event webhook verifies with. Bound by {@link SendGridSettings} ({@code
 * kilowatch.channels.email.sendgrid.*}, the primary profile) and {@link SendGridBackupSettings}
 * ({@code kilowatch.channels.email.sendgrid-backup.*}); delivery picks a sender by its {@link
 * #getProvider() provider} name.
 *
 * <p>{@code api-key} and {@code from-email} are required to send. {@code base-url} is unset in
 * production (the SDK reaches {@code https://api.sendgrid.com}); tests and the demo point it at the
 * provider sandbox. {@code event-webhook-public-key} switches the profile's event webhook on.
 *
 * <p>A mutable bean for Micronaut's binding; not thread-safe. Senders and webhooks copy what they
 * need when they are built, so changing a settings object afterwards has no effect on them.
 */
public abstract class SendGridAccountSettings {
  private String apiKey;
  private String fromEmail;
  private String fromName;
  private String baseUrl;
  private String unsubscribeUrlTemplate;
  private String eventWebhookPublicKey;
  private Duration eventWebhookMaxAge = Duration.ofMinutes(5);
  private String provider;
  private int maxConnections = 200;
  private int maxConnectionsPerRoute = 200;
  private Duration connectTimeout = Duration.ofSeconds(5);
  private Duration responseTimeout = Duration.ofSeconds(15);
  private Duration poolTimeout = Duration.ofSeconds(5);

  protected SendGridAccountSettings(String defaultProvider) {
    this.provider = defaultProvider;
  }

  /** Configuration prefix of this profile, e.g. {@code kilowatch.channels.email.sendgrid}. */
  public abstract String prefix();

  /**
   * Path segment of this profile's event webhook under {@code /api/v1/providers/}: {@code sendgrid}
   * or {@code sendgrid-backup}.
   */
  public abstract String webhookPath();

  /** API key with the Mail Send permission; never logged. */
  public String getApiKey() {
    return apiKey;
  }

  public void setApiKey(String apiKey) {
    this.apiKey = apiKey;
  }

  /** Sender address; must be a verified Sender Identity of the account. */
  public String getFromEmail() {
    return fromEmail;
  }

  public void setFromEmail(String fromEmail) {
    this.fromEmail = fromEmail;
  }

  /** Sender display name, e.g. {@code Stadtwerke Musterstadt}; may be null. */
  public String getFromName() {
    return fromName;
  }

  public void setFromName(String fromName) {
    this.fromName = fromName;
  }

  /**
   * {@code http(s)://host[:port]} replacing {@code https://api.sendgrid.com}; null for the real
   * API. {@code http} makes the SDK speak plain HTTP (for the sandbox).
   */
  public String getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /**
   * One-click unsubscribe URL used when a message carries no {@code unsubscribeUrl} metadata;
   * {@code {notificationId}} is replaced with the URL-encoded notification id. Null: no {@code
   * List-Unsubscribe} header unless the message brings its own URL.
   */
  public String getUnsubscribeUrlTemplate() {
    return unsubscribeUrlTemplate;
  }

  public void setUnsubscribeUrlTemplate(String unsubscribeUrlTemplate) {
    this.unsubscribeUrlTemplate = unsubscribeUrlTemplate;
  }

  /**
   * The Signed Event Webhook's verification key as SendGrid shows it: base64 of the DER
   * (SubjectPublicKeyInfo) ECDSA P-256 public key. Null: this profile's event webhook answers 404.
   */
  public String getEventWebhookPublicKey() {
    return eventWebhookPublicKey;
  }

  public void setEventWebhookPublicKey(String eventWebhookPublicKey) {
    this.eventWebhookPublicKey = eventWebhookPublicKey;
  }

  /**
   * Replay guard: event posts signed longer ago than this (or this far in the future) are rejected.
   */
  public Duration getEventWebhookMaxAge() {
    return eventWebhookMaxAge;
  }

  public void setEventWebhookMaxAge(Duration eventWebhookMaxAge) {
    this.eventWebhookMaxAge = eventWebhookMaxAge;
  }

  /** Name in {@link io.kilowatch.channel.SendResult}s and status updates. */
  public String getProvider() {
    return provider;
  }

  public void setProvider(String provider) {
    this.provider = provider;
  }

  /** Pooled HTTP connections to SendGrid in all; each in-flight send holds one. */
  public int getMaxConnections() {
    return maxConnections;
  }

  public void setMaxConnections(int maxConnections) {
    this.maxConnections = maxConnections;
  }

  /** Per host; all sends go to one host, so this normally equals {@link #getMaxConnections()}. */
  public int getMaxConnectionsPerRoute() {
    return maxConnectionsPerRoute;
  }

  public void setMaxConnectionsPerRoute(int maxConnectionsPerRoute) {
    this.maxConnectionsPerRoute = maxConnectionsPerRoute;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  /** Longest silence on the socket while waiting for SendGrid's answer. */
  public Duration getResponseTimeout() {
    return responseTimeout;
  }

  public void setResponseTimeout(Duration responseTimeout) {
    this.responseTimeout = responseTimeout;
  }

  /** Longest wait for a free pooled connection when all are busy. */
  public Duration getPoolTimeout() {
    return poolTimeout;
  }

  public void setPoolTimeout(Duration poolTimeout) {
    this.poolTimeout = poolTimeout;
  }

  @Override
  public String toString() {
    // Never the API key: settings end up in logs and exception messages.
    return getClass().getSimpleName()
        + "[provider="
        + provider
        + ", apiKey="
        + (apiKey == null ? "null" : "***")
        + ", fromEmail="
        + fromEmail
        + ", fromName="
        + fromName
        + ", baseUrl="
        + baseUrl
        + ", unsubscribeUrlTemplate="
        + unsubscribeUrlTemplate
        + ", eventWebhookPublicKey="
        + (eventWebhookPublicKey == null ? "null" : "set")
        + "]";
  }
}
