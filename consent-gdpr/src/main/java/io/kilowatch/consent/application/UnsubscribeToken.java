package io.kilowatch.consent.application;

import io.kilowatch.consent.domain.Purpose;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token of a one-click unsubscribe link: who (customer), what (purpose), where (channel,
 * address), signed with HMAC-SHA256 so that it cannot be forged or altered. Form: {@code
 * base64url(payload) "." base64url(mac)}, payload = {@code "v1\n" customer "\n" purpose "\n"
 * channel "\n" address} in UTF-8, mac over {@code "kilowatch:unsubscribe:" + payload}. The
 * identifiers are readable by whoever holds the link (like the address the email went to); the
 * signature only makes them unforgeable. Immutable.
 */
public record UnsubscribeToken(String customerId, Purpose purpose, String channel, String address) {
  private static final String VERSION = "v1";
  private static final String ALGORITHM = "HmacSHA256";
  private static final byte[] DOMAIN = "kilowatch:unsubscribe:".getBytes(StandardCharsets.UTF_8);
  private static final int MAX_TOKEN_LENGTH = 2048;

  public UnsubscribeToken {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(address, "address");
    for (String part : new String[] {customerId, channel, address}) {
      if (part.isEmpty() || part.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("token parts must be non-empty single lines");
      }
    }
  }

  /** The signed token under {@code key}. */
  public String sign(byte[] key) {
    byte[] payload = payload().getBytes(StandardCharsets.UTF_8);
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString(payload) + "." + b64.encodeToString(mac(key, payload));
  }

  /**
   * The token's content if {@code token} was signed with {@code key} and is well formed; empty for
   * anything else (forged, altered, truncated, another version).
   */
  public static Optional<UnsubscribeToken> verify(String token, byte[] key) {
    if (token == null || token.length() > MAX_TOKEN_LENGTH) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot <= 0 || dot != token.lastIndexOf('.')) {
      return Optional.empty();
    }
    byte[] payload;
    byte[] signature;
    try {
      Base64.Decoder b64 = Base64.getUrlDecoder();
      payload = b64.decode(token.substring(0, dot));
      signature = b64.decode(token.substring(dot + 1));
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    if (!MessageDigest.isEqual(mac(key, payload), signature)) {
      return Optional.empty();
    }
    String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
    if (parts.length != 5 || !VERSION.equals(parts[0])) {
      return Optional.empty();
    }
    Optional<Purpose> purpose = Purpose.fromWire(parts[2]);
    if (purpose.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new UnsubscribeToken(parts[1], purpose.get(), parts[3], parts[4]));
    } catch (IllegalArgumentException malformed) {
      return Optional.empty();
    }
  }

  private String payload() {
    return String.join("\n", VERSION, customerId, purpose.wireName(), channel, address);
  }

  private static byte[] mac(byte[] key, byte[] payload) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      mac.update(DOMAIN);
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
