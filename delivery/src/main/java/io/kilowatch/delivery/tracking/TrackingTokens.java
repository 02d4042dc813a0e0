package io.kilowatch.delivery.tracking;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed tracking tokens: {@code base64url(payload) "." base64url(HMAC-SHA256(secret, payload))},
 * the payload naming the notification and, for a link, its index and target URL. A token is only
 * accepted with a valid signature, so nobody can make a tracking link redirect elsewhere or count
 * an open or click for a notification they did not receive. Thread-safe.
 */
@Singleton
public class TrackingTokens {
  static final int MIN_SECRET_LENGTH = 32;
  private static final String VERSION = "t1";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final byte[] secret;

  TrackingTokens(TrackingSettings settings) {
    String s = settings.getSecret();
    if (s != null && !s.isBlank() && s.length() < MIN_SECRET_LENGTH) {
      throw new IllegalStateException(
          "kilowatch.tracking.secret: must be at least " + MIN_SECRET_LENGTH + " characters");
    }
    this.secret = s == null || s.isBlank() ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  /** Whether tokens can be made and checked (a secret is configured). */
  public boolean enabled() {
    return secret != null;
  }

  /** What a verified token says. {@code url} and {@code index} are null/-1 for an open. */
  public record Claim(String notificationId, boolean click, int index, String url) {}

  public String click(String notificationId, int index, String url) {
    return sign(VERSION + "\nc\n" + notificationId + "\n" + index + "\n" + url);
  }

  public String open(String notificationId) {
    return sign(VERSION + "\no\n" + notificationId);
  }

  /** The token's claim when its signature is valid; empty for anything forged or malformed. */
  public Optional<Claim> verify(String token) {
    if (secret == null || token == null) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot <= 0 || dot != token.lastIndexOf('.')) {
      return Optional.empty();
    }
    byte[] payload;
    byte[] signature;
    try {
      payload = B64D.decode(token.substring(0, dot));
      signature = B64D.decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!MessageDigest.isEqual(mac(payload), signature)) {
      return Optional.empty();
    }
    String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", 5);
    if (parts.length < 3 || !parts[0].equals(VERSION)) {
      return Optional.empty();
    }
    if (parts[1].equals("o") && parts.length == 3) {
      return Optional.of(new Claim(parts[2], false, -1, null));
    }
    if (parts[1].equals("c") && parts.length == 5) {
      try {
        return Optional.of(new Claim(parts[2], true, Integer.parseInt(parts[3]), parts[4]));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private String sign(String payload) {
    if (secret == null) {
      throw new IllegalStateException("tracking is off: kilowatch.tracking.secret is not set");
    }
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    return B64.encodeToString(bytes) + "." + B64.encodeToString(mac(bytes));
  }

  private byte[] mac(byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
