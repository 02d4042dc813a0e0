package io.kilowatch.channel.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature scheme: {@code v1} = lower-case hex HMAC-SHA256, keyed with the secret's UTF-8
 * bytes, over the ASCII decimal timestamp, a {@code .}, and the exact body bytes sent. Stateless
 * and thread-safe ({@link Mac} instances are made per call).
 */
final class WebhookSignature {
  static final String ALGORITHM = "HmacSHA256";

  /** Key ids travel inside the header, so they may not contain {@code ,} {@code =} or spaces. */
  static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private WebhookSignature() {}

  /** The {@code Kilowatch-Signature} header value. */
  static String header(long timestamp, String keyId, byte[] secret, byte[] body) {
    return "t="
        + timestamp
        + ",kid="
        + keyId
        + ",v1="
        + HexFormat.of().formatHex(hmac(secret, timestamp, body));
  }

  static byte[] hmac(byte[] secret, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret, ALGORITHM));
      mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      // Every Java SE runtime has HmacSHA256, and any non-empty key is valid for it.
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
