package io.kilowatch.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF guard, with a fake resolver, and once with the JVM's real one for localhost. */
class EndpointGuardTest {
  private final Map<String, List<InetAddress>> dns = new HashMap<>();
  private final List<String> lookedUp = new ArrayList<>();

  private final EndpointGuard.Resolver fakeDns =
      host -> {
        lookedUp.add(host);
        // Like real DNS: case-insensitive, the root dot optional.
        List<InetAddress> addresses = dns.get(host.toLowerCase(Locale.ROOT).replaceAll("\\.$", ""));
        if (addresses == null) {
          throw new UnknownHostException(host);
        }
        return addresses;
      };

  private EndpointGuard guard(Consumer<WebhookSettings> customize) {
    WebhookSettings settings = new WebhookSettings();
    customize.accept(settings);
    return new EndpointGuard(settings, fakeDns);
  }

  private EndpointGuard guard() {
    return guard(s -> {});
  }

  private void resolve(String host, String... literals) throws UnknownHostException {
    List<InetAddress> addresses = new ArrayList<>();
    for (String literal : literals) {
      addresses.add(InetAddress.getByName(literal));
    }
    dns.put(host, addresses);
  }

  @Test
  void publicHostOverHttpsIsAllowed() throws Exception {
    resolve("hooks.partner.example", "93.184.216.34", "2606:2800:21f:cb07:6820:80da:af6b:8b2c");

    assertThat(guard().check("https://hooks.partner.example/kilowatch?token=abc")).isEmpty();
    assertThat(guard().inspect("https://hooks.partner.example/x"))
        .isInstanceOf(EndpointGuard.Verdict.Allowed.class);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "127.0.0.1             | loopback (127.0.0.0/8)",
        "127.255.255.254       | loopback (127.0.0.0/8)",
        "10.1.2.3              | private (10.0.0.0/8)",
        "172.16.0.1            | private (172.16.0.0/12)",
        "172.31.255.255        | private (172.16.0.0/12)",
        "192.168.178.1         | private (192.168.0.0/16)",
        "169.254.169.254       | link-local (169.254.0.0/16, cloud metadata)",
        "100.64.0.1            | shared/carrier-grade NAT (100.64.0.0/10)",
        "100.100.100.200       | shared/carrier-grade NAT (100.64.0.0/10)",
        "0.0.0.0               | unspecified (0.0.0.0/8)",
        "224.0.0.251           | multicast (224.0.0.0/4)",
        "255.255.255.255       | reserved/broadcast (240.0.0.0/4)",
        "198.18.0.1            | benchmarking (198.18.0.0/15)",
        "192.0.2.10            | documentation (192.0.2.0/24)",
        "::1                   | loopback (::1)",
        "::                    | unspecified (::)",
        "fe80::1               | link-local (fe80::/10)",
        "fc00::1               | unique-local/private (fc00::/7)",
        "fd00:ec2::254         | unique-local/private (fc00::/7)",
        "fec0::1               | site-local (fec0::/10, deprecated)",
        "ff02::1               | multicast (ff02::/8)",
        "::ffff:127.0.0.1      | loopback (127.0.0.0/8)",
        "::ffff:a9fe:a9fe      | link-local (169.254.0.0/16, cloud metadata)",
        "::7f00:1              | IPv4-compatible (::/96, deprecated)",
        "64:ff9b::a00:1        | NAT64 private (10.0.0.0/8)",
        "2002:c0a8:101::1      | 6to4 private (192.168.0.0/16)",
        "2001:db8::1           | documentation (2001:db8::/32)",
        "2001::1               | IETF protocol assignments incl. Teredo (2001::/23)",
      })
  void hostResolvingIntoAReservedRangeIsRefused(String address, String range) throws Exception {
    resolve("hooks.partner.example", address);

    assertThat(guard().check("https://hooks.partner.example/hook"))
        .contains(
            "host hooks.partner.example resolves to "
                + InetAddress.getByName(address).getHostAddress()
                + ", a "
                + range.replace("ff02::/8", "ff00::/8")
                + " address");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "172.15.255.255",
        "172.32.0.1",
        "100.63.255.255",
        "100.128.0.1",
        "169.253.255.255",
        "11.0.0.1",
        "192.169.0.1",
        "223.255.255.255",
        "2606:4700:4700::1111",
        "64:ff9b::5db8:d822",
        "::ffff:93.184.216.34"
      })
  void neighboursOfTheRangesArePublic(String address) throws Exception {
    resolve("hooks.partner.example", address);

    assertThat(guard().check("https://hooks.partner.example/hook")).isEmpty();
  }

  @Test
  void dnsNameThatResolvesToAPrivateAddressIsRefused() throws Exception {
    // The classic SSRF: a harmless-looking name whose A record points inside our network.
    resolve("status.innocent-partner.example", "10.0.12.7");

    assertThat(guard().check(URI.create("https://status.innocent-partner.example/cb")))
        .contains(
            "host status.innocent-partner.example resolves to 10.0.12.7, a private (10.0.0.0/8)"
                + " address");
  }

  @Test
  void oneReservedAddressAmongPublicOnesRefusesTheHost() throws Exception {
    resolve("hooks.partner.example", "93.184.216.34", "192.168.0.10", "2606:4700::1");

    assertThat(guard().check("https://hooks.partner.example/hook"))
        .hasValueSatisfying(reason -> assertThat(reason).contains("192.168.0.10"));
  }

  @Test
  void ipv4MappedAddressesKeptInIpv6FormAreUnwrapped() throws Exception {
    // InetAddress.getByName folds ::ffff:a.b.c.d into IPv4; a resolver need not.
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xFF;
    mapped[11] = (byte) 0xFF;
    mapped[12] = 10;
    mapped[15] = 1;
    dns.put("hooks.partner.example", List.of(Inet6Address.getByAddress(null, mapped, -1)));

    assertThat(guard().check("https://hooks.partner.example/hook"))
        .hasValueSatisfying(
            reason -> assertThat(reason).contains("IPv4-mapped private (10.0.0.0/8)"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "https://127.0.0.1/hook           | 127.0.0.1 is a loopback (127.0.0.0/8) address",
        "https://169.254.169.254/latest   | 169.254.169.254 is a link-local (169.254.0.0/16, cloud metadata) address",
        "https://[::1]:8443/hook          | 0:0:0:0:0:0:0:1 is a loopback (::1) address",
        "https://[::ffff:10.0.0.1]/hook   | 10.0.0.1 is a private (10.0.0.0/8) address",
        "https://[fd12:3456::1]/hook      | fd12:3456:0:0:0:0:0:1 is a unique-local/private (fc00::/7) address",
      })
  void ipLiteralsAreCheckedWithoutALookup(String url, String reason) {
    assertThat(guard().check(url)).contains(reason);
    assertThat(lookedUp).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://127.1/",
        "https://2130706433/",
        "https://0x7f.0.0.1/",
        "https://0x7f000001/",
        "https://0177.0.0.1/",
        "https://127.0.0.01/",
        "https://10.0.0.1.5/"
      })
  void nonCanonicalIpv4FormsAreRefusedBeforeAnyLookup(String url) {
    assertThat(guard().check(url))
        .hasValueSatisfying(
            // java.net.URI itself rejects some of these forms; the guard catches the rest.
            reason ->
                assertThat(reason)
                    .containsAnyOf("not a canonical IPv4 address", "no valid host in the URL"));
    assertThat(lookedUp).isEmpty();
  }

  @Test
  void decimalAndOctalHostsThatUriAcceptsAreRefusedByTheGuard() {
    assertThat(guard().check("https://2130706433/"))
        .contains("host 2130706433 is not a canonical IPv4 address");
    assertThat(guard().check("https://0177.0.0.1/"))
        .contains("host 0177.0.0.1 is not a canonical IPv4 address");
  }

  @Test
  void realLocalhostIsRefusedByDefault() {
    EndpointGuard guard = new EndpointGuard(new WebhookSettings());

    assertThat(guard.check("https://localhost/hook"))
        .hasValueSatisfying(
            reason ->
                assertThat(reason).startsWith("host localhost resolves to ").contains("loopback"));
    assertThat(guard.check("https://LOCALHOST./hook")).isPresent();
  }

  @Test
  void privateNetworksCanBeAllowedForTestsAndTheDemo() {
    EndpointGuard guard =
        new EndpointGuard(
            settings(
                s -> {
                  s.setAllowPrivateNetworks(true);
                  s.setRequireHttps(false);
                }));

    assertThat(guard.check("http://localhost:8080/hook")).isEmpty();
    assertThat(guard.check("http://127.0.0.1:8080/hook")).isEmpty();
    assertThat(guard.check("http://user@127.0.0.1:8080/hook"))
        .as("the URL rules still hold")
        .isPresent();
  }

  @Test
  void httpsIsRequiredUnlessSwitchedOff() throws Exception {
    resolve("hooks.partner.example", "93.184.216.34");

    assertThat(guard().check("http://hooks.partner.example/hook")).contains("https is required");
    assertThat(guard(s -> s.setRequireHttps(false)).check("http://hooks.partner.example/hook"))
        .isEmpty();
    assertThat(guard(s -> s.setRequireHttps(false)).check("HTTP://hooks.partner.example/hook"))
        .isEmpty();
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ftp://hooks.partner.example/x                     | scheme ftp is not allowed; use https",
        "file:///etc/passwd                                | scheme file is not allowed; use https",
        "gopher://127.0.0.1:6379/_FLUSHALL                 | scheme gopher is not allowed; use https",
        "/relative/hook                                    | not an absolute http(s) URL",
        "mailto:ops@partner.example                        | not an absolute http(s) URL",
        "https://user:secret@hooks.partner.example/hook    | user info in the URL is not allowed",
        "https://hooks.partner.example@127.0.0.1/hook      | user info in the URL is not allowed",
        "https://hooks.partner.example/hook#frag           | a fragment in the URL is not allowed",
        "https:///hook                                     | no valid host in the URL",
        "https://bad_host.partner.example/hook             | no valid host in the URL",
        "https://hooks.partner.example:0/hook              | port 0 is not valid",
        "https://exa mple.com/hook                         | not a valid URL: Illegal character in authority",
      })
  void malformedOrDangerousUrlsAreRefused(String url, String reason) {
    assertThat(guard().check(url)).contains(reason);
    assertThat(lookedUp).isEmpty();
  }

  @Test
  void missingEndpointIsRefused() {
    assertThat(guard().check((String) null)).contains("no endpoint URL");
    assertThat(guard().check(" ")).contains("no endpoint URL");
    assertThat(guard().check((URI) null)).contains("no endpoint URL");
  }

  @Test
  void ipv6ZoneIdsAreRefused() {
    assertThat(guard().check("https://[fe80::1%25eth0]/hook")).isPresent();
    assertThat(guard().check("https://[fe80::1%eth0]/hook")).isPresent();
  }

  @Test
  void unresolvableHostIsRefusedAtRegistrationAndUnresolvedAtSend() {
    assertThat(guard().check("https://gone.partner.example/hook"))
        .contains("host gone.partner.example does not resolve");
    assertThat(guard().inspect("https://gone.partner.example/hook"))
        .isEqualTo(
            new EndpointGuard.Verdict.Unresolved("host gone.partner.example does not resolve"));
  }

  @Test
  void allowedHostsAreExactNamesOrSubdomainWildcards() throws Exception {
    for (String host :
        List.of(
            "hooks.partner.example",
            "a.b.energy.example",
            "energy.example",
            "evilenergy.example",
            "energy.example.evil.example")) {
      resolve(host, "93.184.216.34");
    }
    EndpointGuard guard =
        guard(s -> s.setAllowedHosts(List.of("Hooks.Partner.Example", "*.energy.example")));

    assertThat(guard.check("https://hooks.partner.example/h")).isEmpty();
    assertThat(guard.check("https://HOOKS.partner.example./h")).isEmpty();
    assertThat(lookedUp)
        .as("resolved as spelled, as the HTTP client will look it up")
        .contains("HOOKS.partner.example.");
    assertThat(guard.check("https://a.b.energy.example/h")).isEmpty();
    assertThat(guard.check("https://energy.example/h"))
        .contains("host energy.example is not in the allowed hosts");
    assertThat(guard.check("https://evilenergy.example/h")).isPresent();
    assertThat(guard.check("https://energy.example.evil.example/h")).isPresent();
  }

  @Test
  void allowedHostsDoNotExemptFromTheAddressCheck() throws Exception {
    resolve("hooks.partner.example", "10.0.0.1");

    assertThat(
            guard(s -> s.setAllowedHosts(List.of("hooks.partner.example")))
                .check("https://hooks.partner.example/h"))
        .isPresent();
  }

  @Test
  void allowedPortsIncludeTheSchemesDefault() throws Exception {
    resolve("hooks.partner.example", "93.184.216.34");
    EndpointGuard guard = guard(s -> s.setAllowedPorts(List.of(443, 8443)));

    assertThat(guard.check("https://hooks.partner.example/h")).isEmpty();
    assertThat(guard.check("https://hooks.partner.example:8443/h")).isEmpty();
    assertThat(guard.check("https://hooks.partner.example:6379/h"))
        .contains("port 6379 is not allowed");
  }

  @Test
  void invalidAllowedPortIsAConfigurationError() {
    assertThatThrownBy(() -> guard(s -> s.setAllowedPorts(List.of(70000))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("allowed-ports");
  }

  private static WebhookSettings settings(Consumer<WebhookSettings> customize) {
    WebhookSettings settings = new WebhookSettings();
    customize.accept(settings);
    return settings;
  }
}
