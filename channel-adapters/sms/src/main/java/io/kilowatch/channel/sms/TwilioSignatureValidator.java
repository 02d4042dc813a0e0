package io.kilowatch.channel.sms;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Twilio's {@code X-Twilio-Signature} on a webhook: Base64 of HMAC-SHA1, keyed with the
 * account's auth token, over the full URL Twilio requested (scheme, host, path and query exactly as
 * configured at Twilio) followed by each POST parameter's name and value, sorted by name
 * (case-sensitive); a repeated name contributes each distinct value, sorted. See
 * https://www.twilio.com/docs/usage/webhooks/webhooks-security.
 *
 * <p>Like Twilio's own libraries, a URL is also accepted with its port removed, or with the
 * scheme's default port added when it has none, because Twilio signs the URL as configured and
 * proxies and frameworks add or drop ports. Comparison is constant-time.
 *
 * <p>Our own implementation rather than the SDK's {@code com.twilio.security.RequestValidator},
 * which takes one value per parameter name and keys the HMAC with the platform charset. Immutable
 * and thread-safe.
 */
public final class TwilioSignatureValidator {
  /** The header Twilio signs webhooks with. */
  public static final String HEADER = "X-Twilio-Signature";

  private static final String HMAC_SHA1 = "HmacSHA1";

  private final SecretKeySpec key;

  /**
   * @throws IllegalArgumentException if the auth token is null or blank
   */
  public TwilioSignatureValidator(String authToken) {
    if (authToken == null || authToken.isBlank()) {
      throw new IllegalArgumentException("a Twilio auth token is required");
    }
    this.key = new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), HMAC_SHA1);
  }

  /**
   * True if {@code signature} is Twilio's signature of this request.
   *
   * @param url the full URL Twilio requested, query included
   * @param params the decoded form parameters of the POST body (empty for a GET); null counts as
   *     none
   * @param signature the {@code X-Twilio-Signature} header; null or blank is never valid
   */
  public boolean isValid(String url, Map<String, List<String>> params, String signature) {
    if (url == null || signature == null || signature.isBlank()) {
      return false;
    }
    byte[] given = signature.strip().getBytes(StandardCharsets.UTF_8);
    boolean valid = false;
    for (String candidate : urlVariants(url)) {
      // No early return: every variant is computed, so timing does not tell which one matched.
      valid |= MessageDigest.isEqual(given, bytes(signatureOf(candidate, params)));
    }
    return valid;
  }

  /** The signature Twilio would send for this URL and these parameters. */
  public String signatureOf(String url, Map<String, List<String>> params) {
    Objects.requireNonNull(url, "url");
    StringBuilder data = new StringBuilder(url);
    if (params != null) {
      new TreeMap<>(params)
          .forEach(
              (name, values) -> {
                Set<String> distinct = new TreeSet<>();
                if (values != null) {
                  values.forEach(value -> distinct.add(value == null ? "" : value));
                }
                distinct.forEach(value -> data.append(name).append(value));
              });
    }
    try {
      Mac mac = Mac.getInstance(HMAC_SHA1);
      mac.init(key);
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is not available", e);
    }
  }

  /** The URL as given, without its port, and with the scheme's default port if it has none. */
  static List<String> urlVariants(String url) {
    Set<String> variants = new LinkedHashSet<>();
    variants.add(url);
    int schemeEnd = url.indexOf("://");
    if (schemeEnd > 0) {
      String scheme = url.substring(0, schemeEnd);
      int authorityStart = schemeEnd + 3;
      int authorityEnd = authorityStart;
      while (authorityEnd < url.length() && "/?#".indexOf(url.charAt(authorityEnd)) < 0) {
        authorityEnd++;
      }
      String authority = url.substring(authorityStart, authorityEnd);
      String rest = url.substring(authorityEnd);
      int hostEnd = Math.max(authority.lastIndexOf(']'), authority.lastIndexOf('@'));
      int colon = authority.indexOf(':', hostEnd + 1);
      String prefix = url.substring(0, authorityStart);
      if (colon >= 0) {
        variants.add(prefix + authority.substring(0, colon) + rest);
      } else {
        String defaultPort =
            scheme.equalsIgnoreCase("https")
                ? "443"
                : scheme.equalsIgnoreCase("http") ? "80" : null;
        if (defaultPort != null) {
          variants.add(prefix + authority + ":" + defaultPort + rest);
        }
      }
    }
    return new ArrayList<>(variants);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
