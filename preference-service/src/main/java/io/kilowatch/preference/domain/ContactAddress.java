package io.kilowatch.preference.domain;

import io.kilowatch.channel.Channel;
import java.net.IDN;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Validates and normalises contact addresses per channel. Stateless and thread-safe; never touches
 * the network (no DNS lookups).
 *
 * <ul>
 *   <li>SMS: E.164 ({@code +447700900123}); spaces, dashes and parentheses are removed.
 *   <li>Email: {@code local@domain}, at most 254 characters (local part 64), dot-atom local part in
 *       ASCII, a domain of at least two labels; the domain is lower-cased (and an internationalised
 *       domain converted to its ASCII form), the local part kept as given.
 *   <li>Push: the device token as issued, 1 to 4096 visible ASCII characters.
 *   <li>Webhook: an absolute {@code https} URL of at most 2048 characters, without user info or
 *       fragment, whose host is a public name or address: loopback, private, link-local and other
 *       non-public addresses and names such as {@code localhost} or {@code *.internal} are refused.
 *       This is a first line only; the webhook adapter checks the resolved address on every call.
 * </ul>
 */
public final class ContactAddress {
  public static final int MAX_EMAIL_LENGTH = 254;
  public static final int MAX_EMAIL_LOCAL_LENGTH = 64;
  public static final int MAX_PUSH_TOKEN_LENGTH = 4096;
  public static final int MAX_WEBHOOK_URL_LENGTH = 2048;

  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
  private static final Pattern EMAIL_LOCAL =
      Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern TOP_LEVEL_LABEL = Pattern.compile("[a-z]{2,63}|xn--[a-z0-9-]{1,59}");
  private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x21-\\x7E]+");
  private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");
  private static final Pattern DOTTED_QUAD =
      Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
  private static final List<String> INTERNAL_SUFFIXES =
      List.of(".localhost", ".local", ".internal", ".intranet", ".lan", ".home.arpa", ".corp");

  private ContactAddress() {}

  /**
   * The outcome of checking an address.
   *
   * @param normalised the address to store, or null when it is invalid
   * @param problem why it is invalid, for the error message; null when valid
   */
  public record Checked(String normalised, String problem) {
    static Checked valid(String normalised) {
      return new Checked(normalised, null);
    }

    static Checked invalid(String problem) {
      return new Checked(null, problem);
    }

    public boolean isValid() {
      return normalised != null;
    }
  }

  /** Returns a normalised address, or empty when the address is not valid for the channel. */
  public static Optional<String> normalise(Channel channel, String address) {
    return Optional.ofNullable(check(channel, address).normalised());
  }

  /** Checks and normalises an address for a channel. */
  public static Checked check(Channel channel, String address) {
    if (address == null || address.isBlank()) {
      return Checked.invalid("is required: " + requirement(channel));
    }
    return switch (channel) {
      case SMS -> sms(address);
      case EMAIL -> email(address.strip());
      case PUSH -> pushToken(address.strip());
      case WEBHOOK -> webhook(address.strip());
    };
  }

  /** What a valid address looks like on the channel, for error messages. */
  public static String requirement(Channel channel) {
    return switch (channel) {
      case SMS -> "must be a phone number in E.164 form, e.g. +447700900123";
      case EMAIL -> "must be an email address, e.g. ada@example.com";
      case PUSH ->
          "must be the device token, 1 to " + MAX_PUSH_TOKEN_LENGTH + " visible characters";
      case WEBHOOK -> "must be a public https URL, e.g. https://hooks.example.com/kilowatch";
    };
  }

  private static Checked sms(String address) {
    String compact = address.replaceAll("[\\s\\-()]", "");
    return E164.matcher(compact).matches()
        ? Checked.valid(compact)
        : Checked.invalid(requirement(Channel.SMS));
  }

  private static Checked email(String address) {
    int at = address.indexOf('@');
    if (at <= 0 || at != address.lastIndexOf('@') || at == address.length() - 1) {
      return Checked.invalid(requirement(Channel.EMAIL));
    }
    String local = address.substring(0, at);
    if (local.length() > MAX_EMAIL_LOCAL_LENGTH) {
      return Checked.invalid(
          "the part before @ must be at most " + MAX_EMAIL_LOCAL_LENGTH + " characters");
    }
    if (!EMAIL_LOCAL.matcher(local).matches()) {
      return Checked.invalid(
          "the part before @ may hold letters, digits, dots (not first, last or doubled) and"
              + " !#$%&'*+/=?^_`{|}~-");
    }
    Optional<String> domain = domainName(address.substring(at + 1));
    if (domain.isEmpty()) {
      return Checked.invalid("the part after @ must be a domain name, e.g. example.com");
    }
    String normalised = local + "@" + domain.get();
    if (normalised.length() > MAX_EMAIL_LENGTH) {
      return Checked.invalid("must be at most " + MAX_EMAIL_LENGTH + " characters");
    }
    return Checked.valid(normalised);
  }

  /** A fully qualified domain name of two or more labels, lower-case ASCII; empty if invalid. */
  private static Optional<String> domainName(String domain) {
    String ascii;
    try {
      ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (ascii.endsWith(".")) {
      ascii = ascii.substring(0, ascii.length() - 1);
    }
    if (ascii.isEmpty() || ascii.length() > 253) {
      return Optional.empty();
    }
    String[] labels = ascii.split("\\.", -1);
    if (labels.length < 2) {
      return Optional.empty();
    }
    for (String label : labels) {
      if (!DNS_LABEL.matcher(label).matches()) {
        return Optional.empty();
      }
    }
    if (!TOP_LEVEL_LABEL.matcher(labels[labels.length - 1]).matches()) {
      return Optional.empty();
    }
    return Optional.of(ascii);
  }

  private static Checked pushToken(String token) {
    if (token.length() > MAX_PUSH_TOKEN_LENGTH) {
      return Checked.invalid("must be at most " + MAX_PUSH_TOKEN_LENGTH + " characters");
    }
    if (!VISIBLE_ASCII.matcher(token).matches()) {
      return Checked.invalid("must be the device token: visible ASCII characters, no spaces");
    }
    return Checked.valid(token);
  }

  private static Checked webhook(String url) {
    if (url.length() > MAX_WEBHOOK_URL_LENGTH) {
      return Checked.invalid("must be at most " + MAX_WEBHOOK_URL_LENGTH + " characters");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Checked.invalid("must be an absolute https URL: " + e.getReason());
    }
    if (!uri.isAbsolute() || !"https".equalsIgnoreCase(uri.getScheme())) {
      return Checked.invalid("must be an https URL (https://...)");
    }
    if (uri.getRawAuthority() == null || !url.regionMatches(true, 0, "https://", 0, 8)) {
      return Checked.invalid("must be an absolute https URL with a host, https://host/path");
    }
    if (uri.getRawUserInfo() != null) {
      return Checked.invalid("must not contain a user name or password");
    }
    if (uri.getRawFragment() != null) {
      return Checked.invalid("must not contain a fragment (#...)");
    }
    if (uri.getHost() == null) {
      return Checked.invalid("must have a valid host name");
    }
    String problem = publicHostProblem(uri.getHost().toLowerCase(Locale.ROOT));
    if (problem != null) {
      return Checked.invalid(problem);
    }
    // scheme and host are case-insensitive: store them in lower case, the rest as given
    String authority = uri.getRawAuthority();
    String rest = url.substring(8 + authority.length());
    return Checked.valid("https://" + authority.toLowerCase(Locale.ROOT) + rest);
  }

  /** Null when the host is a public name or address, else why not. */
  private static String publicHostProblem(String host) {
    if (host.startsWith("[")) {
      return publicAddressProblem(literal(host.substring(1, host.length() - 1)));
    }
    if (DIGITS_AND_DOTS.matcher(host).matches()) {
      if (!DOTTED_QUAD.matcher(host).matches()) {
        return "must have a host name or a dotted IPv4 address";
      }
      return publicAddressProblem(literal(host));
    }
    String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    if (name.equals("localhost")
        || INTERNAL_SUFFIXES.stream().anyMatch(name::endsWith)
        || domainName(name).isEmpty()) {
      return "must have a public host name, not " + host;
    }
    return null;
  }

  private static InetAddress literal(String ip) {
    // only ever called with an IP literal (brackets or digits and dots): no DNS lookup happens
    try {
      return InetAddress.getByName(ip);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static String publicAddressProblem(InetAddress address) {
    if (address == null) {
      return "must have a valid host";
    }
    String refused = "must not point to a private, loopback or otherwise non-public address";
    if (address.isAnyLocalAddress()
        || address.isLoopbackAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return refused;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address && !publicIpv4(b)) {
      return refused;
    }
    if (address instanceof Inet6Address && !publicIpv6(b)) {
      return refused;
    }
    return null;
  }

  private static boolean publicIpv4(byte[] b) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    int a2 = b[2] & 0xff;
    return !(a0 == 0 // "this" network
        || a0 == 10
        || (a0 == 100 && a1 >= 64 && a1 <= 127) // carrier-grade NAT
        || a0 == 127
        || (a0 == 169 && a1 == 254)
        || (a0 == 172 && a1 >= 16 && a1 <= 31)
        || (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) // IETF protocol, documentation
        || (a0 == 192 && a1 == 168)
        || (a0 == 198 && (a1 == 18 || a1 == 19)) // benchmarking
        || (a0 == 198 && a1 == 51 && a2 == 100) // documentation
        || (a0 == 203 && a1 == 0 && a2 == 113) // documentation
        || a0 >= 224); // multicast, reserved, broadcast
  }

  private static boolean publicIpv6(byte[] b) {
    int first = b[0] & 0xff;
    if ((first & 0xfe) == 0xfc) { // fc00::/7 unique local
      return false;
    }
    if (first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
      return false; // 2001:db8::/32 documentation
    }
    boolean nat64 =
        first == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
    boolean compatible = true; // ::/96, IPv4-compatible (deprecated)
    for (int i = 0; i < 12; i++) {
      if (b[i] != 0) {
        compatible = false;
        break;
      }
    }
    if (nat64 || compatible) {
      byte[] v4 = {b[12], b[13], b[14], b[15]};
      return publicIpv4(v4);
    }
    // site-local fec0::/10 and link-local fe80::/10 are caught by InetAddress already
    return true;
  }
}
