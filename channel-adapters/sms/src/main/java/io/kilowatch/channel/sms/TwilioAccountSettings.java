package io.kilowatch.channel.sms;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Twilio account (or sender pool) for the SMS channel: what {@link TwilioSmsSender} sends with
 * and what the webhooks verify with. Bound by {@link TwilioSettings} ({@code
 * kilowatch.channels.sms.twilio.*}, the primary profile) and {@link TwilioBackupSettings} ({@code
 * kilowatch.channels.sms.twilio-backup.*}, the backup delivery fails over to); delivery picks a
 * sender by its {@link #getProvider() provider} name.
 *
 * <p>{@code account-sid} and {@code auth-token} are required, and at least one of {@code
 * from-number} and {@code messaging-service-sid}. {@code senders} chooses another sender per region
 * of the recipient. {@code base-url} is unset in production (the SDK reaches {@code
 * https://api.twilio.com}); tests and the demo point it at the provider sandbox. {@code
 * status-callback-url}, when set, is sent with every message with {@code notificationId} appended
 * as a query parameter; point it at {@code <public base URL>/api/v1/providers/twilio/status} (both
 * profiles use the same endpoint: a callback is verified with the token of the account it names).
 * {@code public-base-url} is the scheme, host and port (and any path prefix a proxy strips) under
 * which Twilio reaches Kilowatch; webhook signatures are checked against it.
 *
 * <p>A mutable bean for Micronaut's binding; not thread-safe. {@link TwilioSmsSender} copies what
 * it needs when it is built, so changing a settings object afterwards has no effect on a sender.
 */
public abstract class TwilioAccountSettings {
  private String accountSid;
  private String authToken;
  private String fromNumber;
  private String messagingServiceSid;
  private String baseUrl;
  private String statusCallbackUrl;
  private String publicBaseUrl;
  private String provider;
  private Map<String, String> senders = new LinkedHashMap<>();
  private int maxConnections = 200;
  private int maxConnectionsPerRoute = 200;
  private Duration connectTimeout = Duration.ofSeconds(5);
  private Duration responseTimeout = Duration.ofSeconds(15);
  private Duration poolTimeout = Duration.ofSeconds(5);

  protected TwilioAccountSettings(String defaultProvider) {
    this.provider = defaultProvider;
  }

  /** Configuration prefix of this profile, e.g. {@code kilowatch.channels.sms.twilio}. */
  public abstract String prefix();

  public String getAccountSid() {
    return accountSid;
  }

  public void setAccountSid(String accountSid) {
    this.accountSid = accountSid;
  }

  public String getAuthToken() {
    return authToken;
  }

  public void setAuthToken(String authToken) {
    this.authToken = authToken;
  }

  /** E.164 number or alphanumeric sender ID; may be null when a Messaging Service is set. */
  public String getFromNumber() {
    return fromNumber;
  }

  public void setFromNumber(String fromNumber) {
    this.fromNumber = fromNumber;
  }

  /** {@code MG...}; when set, messages go through the service (with From too, if also set). */
  public String getMessagingServiceSid() {
    return messagingServiceSid;
  }

  public void setMessagingServiceSid(String messagingServiceSid) {
    this.messagingServiceSid = messagingServiceSid;
  }

  /** Scheme, host and port that replace {@code https://api.twilio.com}; null for the real API. */
  public String getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public String getStatusCallbackUrl() {
    return statusCallbackUrl;
  }

  public void setStatusCallbackUrl(String statusCallbackUrl) {
    this.statusCallbackUrl = statusCallbackUrl;
  }

  /**
   * How Twilio reaches Kilowatch, e.g. {@code https://api.kilowatch.example}: the URL of each
   * webhook is this plus the request's path and query, which is what Twilio signed. Null: taken
   * from {@code status-callback-url} when that ends in the status endpoint's path, else from the
   * request's {@code Host} (and forwarded headers, as configured for Micronaut).
   */
  public String getPublicBaseUrl() {
    return publicBaseUrl;
  }

  public void setPublicBaseUrl(String publicBaseUrl) {
    this.publicBaseUrl = publicBaseUrl;
  }

  /**
   * Sender per region of the recipient: ISO 3166 alpha-2 region ({@code GB}, {@code DE}) to a
   * Messaging Service SID ({@code MG...}) or a from-number (E.164 or alphanumeric sender ID). The
   * region is the message's {@code region} metadata when it carries one, else the region of the
   * recipient's E.164 calling code; a region without an entry uses {@code from-number} / {@code
   * messaging-service-sid}.
   */
  public Map<String, String> getSenders() {
    return senders;
  }

  public void setSenders(Map<String, String> senders) {
    this.senders = senders == null ? new LinkedHashMap<>() : new LinkedHashMap<>(senders);
  }

  /** Name in {@link io.kilowatch.channel.SendResult}s, e.g. {@code twilio-backup}. */
  public String getProvider() {
    return provider;
  }

  public void setProvider(String provider) {
    this.provider = provider;
  }

  /** Pooled HTTP connections to Twilio in all; each in-flight send holds one. */
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

  /** Longest wait for Twilio's answer once the request is sent. */
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
    // Never the auth token: settings end up in logs and exception messages.
    return getClass().getSimpleName()
        + "[provider="
        + provider
        + ", accountSid="
        + accountSid
        + ", authToken="
        + (authToken == null ? "null" : "***")
        + ", fromNumber="
        + fromNumber
        + ", messagingServiceSid="
        + messagingServiceSid
        + ", senders="
        + senders
        + ", baseUrl="
        + baseUrl
        + ", statusCallbackUrl="
        + statusCallbackUrl
        + ", publicBaseUrl="
        + publicBaseUrl
        + "]";
  }
}
