package io.kilowatch.channel.webhook;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.convert.format.MapFormat;
import io.micronaut.core.naming.conventions.StringConvention;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The webhook channel ({@code kilowatch.channels.webhook.*}): signing keys, the endpoint policy
 * (https, private networks, allowed hosts and ports) and HTTP limits.
 *
 * <p>Defaults are the production policy: https only, private and loopback addresses refused. Tests
 * and the demo, whose receivers listen on {@code http://127.0.0.1}, set {@code require-https:
 * false} and {@code allow-private-networks: true}.
 *
 * <p>A mutable bean for Micronaut's binding; not thread-safe. {@link WebhookSender} and {@link
 * EndpointGuard} copy what they need when they are built, so later changes have no effect on them.
 */
@ConfigurationProperties(WebhookSettings.PREFIX)
public class WebhookSettings {
  public static final String PREFIX = "kilowatch.channels.webhook";

  /** {@code true} switches the sender on; {@code false} keeps it off even with keys configured. */
  public static final String ENABLED_PROPERTY = PREFIX + ".enabled";

  /** Key id → secret; any key here also switches the sender on unless {@code enabled: false}. */
  public static final String SIGNING_KEYS_PROPERTY = PREFIX + ".signing-keys";

  private boolean enabled;
  private Map<String, String> signingKeys = new LinkedHashMap<>();
  private String currentKeyId;
  private boolean requireHttps = true;
  private boolean allowPrivateNetworks;
  private List<String> allowedHosts = new ArrayList<>();
  private List<Integer> allowedPorts = new ArrayList<>();
  private Duration connectTimeout = Duration.ofSeconds(5);
  private Duration requestTimeout = Duration.ofSeconds(10);
  private int maxResponseBodyBytes = 1024;
  private String userAgent = "Kilowatch-Webhook/1.0";
  private String provider = "webhook";

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * Key id → secret. The secret's UTF-8 bytes are the HMAC key, at least 32 of them. Keep the
   * previous key here during a rotation so our own receivers can still verify older deliveries.
   */
  public Map<String, String> getSigningKeys() {
    return signingKeys;
  }

  // RAW: key ids are sent in every signature header and must arrive exactly as configured, not
  // normalised to kebab-case.
  public void setSigningKeys(
      @MapFormat(
              transformation = MapFormat.MapTransformation.FLAT,
              keyFormat = StringConvention.RAW)
          Map<String, String> signingKeys) {
    this.signingKeys =
        signingKeys == null ? new LinkedHashMap<>() : new LinkedHashMap<>(signingKeys);
  }

  /** The key every delivery is signed with; may be omitted when there is exactly one key. */
  public String getCurrentKeyId() {
    return currentKeyId;
  }

  public void setCurrentKeyId(String currentKeyId) {
    this.currentKeyId = currentKeyId;
  }

  /** Refuse {@code http://} endpoints. */
  public boolean isRequireHttps() {
    return requireHttps;
  }

  public void setRequireHttps(boolean requireHttps) {
    this.requireHttps = requireHttps;
  }

  /** Skip the address check (loopback, private, link-local, ...); for tests and the demo only. */
  public boolean isAllowPrivateNetworks() {
    return allowPrivateNetworks;
  }

  public void setAllowPrivateNetworks(boolean allowPrivateNetworks) {
    this.allowPrivateNetworks = allowPrivateNetworks;
  }

  /**
   * When not empty, the only hosts endpoints may name: exact names, or {@code *.example.com} for
   * any subdomain (not the apex). Resolved addresses are still checked.
   */
  public List<String> getAllowedHosts() {
    return allowedHosts;
  }

  public void setAllowedHosts(List<String> allowedHosts) {
    this.allowedHosts = allowedHosts == null ? new ArrayList<>() : new ArrayList<>(allowedHosts);
  }

  /** When not empty, the only ports endpoints may use (the scheme's default counts as given). */
  public List<Integer> getAllowedPorts() {
    return allowedPorts;
  }

  public void setAllowedPorts(List<Integer> allowedPorts) {
    this.allowedPorts = allowedPorts == null ? new ArrayList<>() : new ArrayList<>(allowedPorts);
  }

  /** TCP and TLS connection set-up. */
  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  /** From sending the request until the answer's status and headers are in. */
  public Duration getRequestTimeout() {
    return requestTimeout;
  }

  public void setRequestTimeout(Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
  }

  /** How much of an answer's body is read (for failure messages); the rest is dropped. */
  public int getMaxResponseBodyBytes() {
    return maxResponseBodyBytes;
  }

  public void setMaxResponseBodyBytes(int maxResponseBodyBytes) {
    this.maxResponseBodyBytes = maxResponseBodyBytes;
  }

  public String getUserAgent() {
    return userAgent;
  }

  public void setUserAgent(String userAgent) {
    this.userAgent = userAgent;
  }

  /** Name in {@link io.kilowatch.channel.SendResult}s and logs. */
  public String getProvider() {
    return provider;
  }

  public void setProvider(String provider) {
    this.provider = provider;
  }

  @Override
  public String toString() {
    // Key ids only, never secrets: settings end up in logs and exception messages.
    return "WebhookSettings[provider="
        + provider
        + ", enabled="
        + enabled
        + ", signingKeyIds="
        + signingKeys.keySet()
        + ", currentKeyId="
        + currentKeyId
        + ", requireHttps="
        + requireHttps
        + ", allowPrivateNetworks="
        + allowPrivateNetworks
        + ", allowedHosts="
        + allowedHosts
        + ", allowedPorts="
        + allowedPorts
        + ", connectTimeout="
        + connectTimeout
        + ", requestTimeout="
        + requestTimeout
        + "]";
  }
}
