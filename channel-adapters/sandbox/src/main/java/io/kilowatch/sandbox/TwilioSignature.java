package io.kilowatch.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's {@code X-Twilio-Signature}: Base64 of HMAC-SHA1, keyed with the account's auth token,
 * over the full URL the request is sent to (query included) followed by each POST parameter's name
 * and value, parameters sorted by name (case-sensitive, code-unit order). Stateless and
 * thread-safe.
 *
 * <p>Kilowatch verifies with its own implementation ({@code TwilioSignatureValidator} in the SMS
 * module); keeping this one separate means the end-to-end tests compare two implementations rather
 * than one with itself.
 */
final class TwilioSignature {
  private TwilioSignature() {}

  static String sign(String authToken, String url, Map<String, String> params) {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      byte[] digest = mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is not available", e);
    }
  }
}
