package io.kilowatch.channel.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Decides whether Kilowatch may POST to a webhook endpoint (the SSRF guard): only {@code http} and
 * {@code https} ({@code https} only unless {@code require-https} is off), no user info or fragment,
 * optionally only listed hosts and ports, and, unless {@code allow-private-networks} is on, a host
 * none of whose resolved addresses is loopback, private, link-local (cloud metadata), CGNAT,
 * unspecified, multicast or otherwise reserved (see {@code ReservedAddresses}).
 *
 * <p>{@link WebhookSender} checks every endpoint right before each send; preference-service calls
 * {@link #check(URI)} when a customer or partner registers one, so a bad endpoint is refused with a
 * reason at once instead of failing later.
 *
 * <p>Thread-safe; the settings are copied at construction.
 */
public final class EndpointGuard {

  /** Resolves a host name to all its addresses; {@link #SYSTEM} by default, a fake in tests. */
  @FunctionalInterface
  public interface Resolver {
    List<InetAddress> resolve(String host) throws UnknownHostException;
  }

  /**
   * {@link InetAddress#getAllByName}: the JVM's resolver and address cache, the same lookup {@code
   * java.net.http.HttpClient} makes when it connects.
   */
  public static final Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

  /** What the guard decided about one endpoint. */
  sealed interface Verdict {
    /** May be sent to; {@code addresses} is empty when the address check is switched off. */
    record Allowed(URI uri, List<InetAddress> addresses) implements Verdict {}

    /** Must never be sent to as it stands. */
    record Refused(String reason) implements Verdict {}

    /** The host did not resolve; may be a passing DNS failure. */
    record Unresolved(String reason) implements Verdict {}
  }

  // Canonical dotted quad: four decimal octets, no leading zeros.
  private static final Pattern DOTTED_QUAD =
      Pattern.compile(
          "(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern NUMERIC_LABEL = Pattern.compile("\\d+|0[xX][0-9a-fA-F]*");

  private final boolean requireHttps;
  private final boolean allowPrivateNetworks;
  private final List<String> allowedHosts;
  private final Set<Integer> allowedPorts;
  private final Resolver resolver;

  /** A guard with the JVM's resolver. */
  public EndpointGuard(WebhookSettings settings) {
    this(settings, SYSTEM);
  }

  public EndpointGuard(WebhookSettings settings, Resolver resolver) {
    Objects.requireNonNull(settings, "settings");
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    this.requireHttps = settings.isRequireHttps();
    this.allowPrivateNetworks = settings.isAllowPrivateNetworks();
    this.allowedHosts =
        settings.getAllowedHosts().stream()
            .map(h -> normalizeHost(h.strip()))
            .filter(h -> !h.isEmpty())
            .collect(Collectors.toUnmodifiableList());
    for (Integer port : settings.getAllowedPorts()) {
      if (port == null || port < 1 || port > 65535) {
        throw new IllegalArgumentException(
            WebhookSettings.PREFIX + ".allowed-ports: not a port: " + port);
      }
    }
    this.allowedPorts = Set.copyOf(settings.getAllowedPorts());
  }

  /**
   * Checks an endpoint as a send would, resolving its host now.
   *
   * @return why the endpoint is refused, or empty if it may be used; a host that does not resolve
   *     is refused too
   */
  public Optional<String> check(URI endpoint) {
    return reasonOf(inspect(endpoint));
  }

  /** As {@link #check(URI)}, for the endpoint as the customer typed it. */
  public Optional<String> check(String endpoint) {
    return reasonOf(inspect(endpoint));
  }

  private static Optional<String> reasonOf(Verdict verdict) {
    if (verdict instanceof Verdict.Refused refused) {
      return Optional.of(refused.reason());
    }
    if (verdict instanceof Verdict.Unresolved unresolved) {
      return Optional.of(unresolved.reason());
    }
    return Optional.empty();
  }

  Verdict inspect(String endpoint) {
    if (endpoint == null || endpoint.isBlank()) {
      return new Verdict.Refused("no endpoint URL");
    }
    try {
      return inspect(new URI(endpoint.strip()));
    } catch (URISyntaxException e) {
      return new Verdict.Refused("not a valid URL: " + e.getReason());
    }
  }

  Verdict inspect(URI uri) {
    if (uri == null) {
      return new Verdict.Refused("no endpoint URL");
    }
    if (!uri.isAbsolute() || uri.isOpaque()) {
      return new Verdict.Refused("not an absolute http(s) URL");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      return new Verdict.Refused("scheme " + scheme + " is not allowed; use https");
    }
    if (scheme.equals("http") && requireHttps) {
      return new Verdict.Refused("https is required");
    }
    if (uri.getRawUserInfo() != null) {
      return new Verdict.Refused("user info in the URL is not allowed");
    }
    if (uri.getRawFragment() != null) {
      return new Verdict.Refused("a fragment in the URL is not allowed");
    }
    if (uri.getHost() == null) {
      return new Verdict.Refused("no valid host in the URL");
    }
    int port = uri.getPort() == -1 ? (scheme.equals("https") ? 443 : 80) : uri.getPort();
    if (port < 1 || port > 65535) {
      return new Verdict.Refused("port " + port + " is not valid");
    }
    if (!allowedPorts.isEmpty() && !allowedPorts.contains(port)) {
      return new Verdict.Refused("port " + port + " is not allowed");
    }
    String host = normalizeHost(uri.getHost());
    boolean ipv6Literal = uri.getHost().startsWith("[");
    if (host.isEmpty()) {
      // InetAddress would resolve an empty name to loopback.
      return new Verdict.Refused("no valid host in the URL");
    }
    if (ipv6Literal && host.contains("%")) {
      return new Verdict.Refused("an IPv6 zone id in the URL is not allowed");
    }
    if (!ipv6Literal && looksNumeric(host) && !DOTTED_QUAD.matcher(host).matches()) {
      // 127.1, 2130706433, 0x7f.0.0.1, 0177.0.0.1: parsers disagree on these, so none is trusted.
      return new Verdict.Refused("host " + host + " is not a canonical IPv4 address");
    }
    if (!allowedHosts.isEmpty() && allowedHosts.stream().noneMatch(a -> hostMatches(a, host))) {
      return new Verdict.Refused("host " + host + " is not in the allowed hosts");
    }
    if (allowPrivateNetworks) {
      return new Verdict.Allowed(uri, List.of());
    }
    boolean literal = ipv6Literal || DOTTED_QUAD.matcher(host).matches();
    List<InetAddress> addresses;
    try {
      // A literal is parsed, never looked up. A name is resolved exactly as the URL spells it:
      // the HTTP client looks up that same string, so it hits the JVM's cache entry checked here.
      addresses = literal ? List.of(InetAddress.getByName(host)) : resolver.resolve(uri.getHost());
    } catch (UnknownHostException | SecurityException e) {
      return new Verdict.Unresolved("host " + host + " does not resolve");
    }
    if (addresses == null || addresses.isEmpty()) {
      return new Verdict.Unresolved("host " + host + " does not resolve");
    }
    // ANY bad address refuses: the HTTP client may pick any of them, and attackers publish a
    // public address next to a private one.
    for (InetAddress address : addresses) {
      Optional<String> reserved = ReservedAddresses.reason(address);
      if (reserved.isPresent()) {
        String ip = address.getHostAddress();
        return new Verdict.Refused(
            literal
                ? ip + " is a " + reserved.get() + " address"
                : "host " + host + " resolves to " + ip + ", a " + reserved.get() + " address");
      }
    }
    return new Verdict.Allowed(uri, List.copyOf(addresses));
  }

  /** Lower case, without IPv6 brackets or a trailing root dot. */
  private static String normalizeHost(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return h;
  }

  /** Whether URL parsers would read {@code host} as an IPv4 address (its last label is numeric). */
  private static boolean looksNumeric(String host) {
    String last = host.substring(host.lastIndexOf('.') + 1);
    return NUMERIC_LABEL.matcher(last).matches();
  }

  private static boolean hostMatches(String allowed, String host) {
    if (allowed.startsWith("*.")) {
      return host.endsWith(allowed.substring(1)) && host.length() > allowed.length() - 1;
    }
    return allowed.equals(host);
  }

  @Override
  public String toString() {
    return "EndpointGuard[requireHttps="
        + requireHttps
        + ", allowPrivateNetworks="
        + allowPrivateNetworks
        + ", allowedHosts="
        + allowedHosts
        + ", allowedPorts="
        + allowedPorts
        + "]";
  }
}
