package io.kilowatch.sandbox;

import java.security.KeyPair;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How a {@link ProviderSandbox} listens and which provider accounts it accepts. Immutable and
 * thread-safe; build one with {@link #builder()} or take {@link #defaults()}.
 *
 * @param host address to bind; the sandbox is meant for 127.0.0.1 only (its control endpoints have
 *     no authentication)
 * @param port TCP port; 0 picks a free one
 * @param workerThreads threads that handle requests. Handlers never block (latency is simulated
 *     with a timer, not by parking a worker), so a few dozen serve thousands of requests per second
 * @param maxRecordedRequests how many requests the journal keeps; older ones are dropped so that a
 *     load run does not exhaust the heap
 * @param twilioAccounts Twilio account SID to auth token, in the order configured; requests must
 *     authenticate as one of them
 * @param clock time source for outages, rate-limit windows and the dates in responses
 * @param sendgridApiKeys SendGrid API keys; requests must send one as {@code Authorization: Bearer}
 * @param sendgridEventKeyPair ECDSA P-256 key pair that signs SendGrid event webhooks; null: a new
 *     one per sandbox (its public key is {@code sendgrid().events().publicKey()})
 * @param fcmAccessTokens OAuth2 access tokens FCM requests must send as {@code Authorization:
 *     Bearer}
 */
public record SandboxSettings(
    String host,
    int port,
    int workerThreads,
    int maxRecordedRequests,
    Map<String, String> twilioAccounts,
    Clock clock,
    Set<String> sendgridApiKeys,
    KeyPair sendgridEventKeyPair,
    Set<String> fcmAccessTokens) {

  /** Account SID accepted by {@link #defaults()}; shaped like a real one ("AC" + 32 hex). */
  public static final String DEFAULT_TWILIO_ACCOUNT_SID = "AC00000000000000000000000000000001";

  /** Auth token of {@link #DEFAULT_TWILIO_ACCOUNT_SID}. */
  public static final String DEFAULT_TWILIO_AUTH_TOKEN = "sandbox-auth-token";

  /**
   * A second sandbox account, for a backup Twilio profile; not in {@link #defaults()} (add both
   * with {@link Builder#twilioAccount} or {@link Builder#withTwilioBackupAccount()}).
   */
  public static final String DEFAULT_TWILIO_BACKUP_ACCOUNT_SID =
      "AC00000000000000000000000000000002";

  /** Auth token of {@link #DEFAULT_TWILIO_BACKUP_ACCOUNT_SID}. */
  public static final String DEFAULT_TWILIO_BACKUP_AUTH_TOKEN = "sandbox-backup-auth-token";

  /** SendGrid API key accepted by {@link #defaults()}; shaped like a real one ("SG." ...). */
  public static final String DEFAULT_SENDGRID_API_KEY =
      "SG.sandbox-key-000000001.sandbox-secret-0000000000000000000000000001";

  /** FCM access token accepted by {@link #defaults()}; shaped like a Google one ("ya29." ...). */
  public static final String DEFAULT_FCM_ACCESS_TOKEN = "ya29.sandbox-fcm-access-token-0001";

  public SandboxSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(clock, "clock");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535: " + port);
    }
    if (workerThreads < 1) {
      throw new IllegalArgumentException("workerThreads must be positive: " + workerThreads);
    }
    if (maxRecordedRequests < 0) {
      throw new IllegalArgumentException("maxRecordedRequests must be >= 0");
    }
    // keeps configuration order: the first account is the one inbound SMS go to by default
    twilioAccounts = Collections.unmodifiableMap(new LinkedHashMap<>(twilioAccounts));
    sendgridApiKeys = Set.copyOf(sendgridApiKeys);
    fcmAccessTokens = Set.copyOf(fcmAccessTokens);
  }

  /** 127.0.0.1, a free port, 32 workers, 10 000 recorded requests, the default Twilio account. */
  public static SandboxSettings defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builder for {@link SandboxSettings}; not thread-safe. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 0;
    private int workerThreads = 32;
    private int maxRecordedRequests = 10_000;
    private final Map<String, String> twilioAccounts = new LinkedHashMap<>();
    private boolean defaultTwilioAccount = true;
    private Clock clock = Clock.systemUTC();
    private final Set<String> sendgridApiKeys = new LinkedHashSet<>();
    private boolean defaultSendgridApiKey = true;
    private KeyPair sendgridEventKeyPair;
    private final Set<String> fcmAccessTokens = new LinkedHashSet<>();
    private boolean defaultFcmAccessToken = true;

    private Builder() {}

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder workerThreads(int workerThreads) {
      this.workerThreads = workerThreads;
      return this;
    }

    public Builder maxRecordedRequests(int maxRecordedRequests) {
      this.maxRecordedRequests = maxRecordedRequests;
      return this;
    }

    /**
     * Accepts this Twilio account. The first call replaces the default account, so a test that
     * configures its own credentials is not also open to the well-known default ones.
     */
    public Builder twilioAccount(String accountSid, String authToken) {
      if (defaultTwilioAccount) {
        twilioAccounts.clear();
        defaultTwilioAccount = false;
      }
      twilioAccounts.put(
          Objects.requireNonNull(accountSid, "accountSid"),
          Objects.requireNonNull(authToken, "authToken"));
      return this;
    }

    /**
     * Accepts {@link #DEFAULT_TWILIO_BACKUP_ACCOUNT_SID} besides the accounts configured so far
     * (the default account unless {@link #twilioAccount} was called), for a primary and a backup
     * Twilio profile; the first account stays the one inbound SMS go to by default.
     */
    public Builder withTwilioBackupAccount() {
      if (defaultTwilioAccount) {
        twilioAccounts.put(DEFAULT_TWILIO_ACCOUNT_SID, DEFAULT_TWILIO_AUTH_TOKEN);
        defaultTwilioAccount = false;
      }
      twilioAccounts.put(DEFAULT_TWILIO_BACKUP_ACCOUNT_SID, DEFAULT_TWILIO_BACKUP_AUTH_TOKEN);
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Accepts this SendGrid API key. The first call replaces {@link #DEFAULT_SENDGRID_API_KEY}, as
     * {@link #twilioAccount} does for Twilio.
     */
    public Builder sendgridApiKey(String apiKey) {
      if (defaultSendgridApiKey) {
        sendgridApiKeys.clear();
        defaultSendgridApiKey = false;
      }
      sendgridApiKeys.add(Objects.requireNonNull(apiKey, "apiKey"));
      return this;
    }

    /**
     * Signs SendGrid event webhooks with this ECDSA P-256 key pair, so that an application can be
     * configured with a fixed public key; by default each sandbox generates its own.
     */
    public Builder sendgridEventKeyPair(KeyPair keyPair) {
      this.sendgridEventKeyPair = keyPair;
      return this;
    }

    /**
     * Accepts this FCM access token. The first call replaces {@link #DEFAULT_FCM_ACCESS_TOKEN}, as
     * {@link #twilioAccount} does for Twilio.
     */
    public Builder fcmAccessToken(String accessToken) {
      if (defaultFcmAccessToken) {
        fcmAccessTokens.clear();
        defaultFcmAccessToken = false;
      }
      fcmAccessTokens.add(Objects.requireNonNull(accessToken, "accessToken"));
      return this;
    }

    public SandboxSettings build() {
      Set<String> sendgridKeys =
          defaultSendgridApiKey ? Set.of(DEFAULT_SENDGRID_API_KEY) : Set.copyOf(sendgridApiKeys);
      Map<String, String> accounts = new LinkedHashMap<>(twilioAccounts);
      if (defaultTwilioAccount) {
        accounts.put(DEFAULT_TWILIO_ACCOUNT_SID, DEFAULT_TWILIO_AUTH_TOKEN);
      }
      return new SandboxSettings(
          host,
          port,
          workerThreads,
          maxRecordedRequests,
          accounts,
          clock,
          sendgridKeys,
          sendgridEventKeyPair,
          defaultFcmAccessToken ? Set.of(DEFAULT_FCM_ACCESS_TOKEN) : Set.copyOf(fcmAccessTokens));
    }
  }
}
