package io.kilowatch.channel.webhook;

// tag::receiver[]
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Verifies Kilowatch webhooks with the JDK alone (Java 17+). */
final class KilowatchSignature {
  private static final long TOLERANCE_SECONDS = 300;

  /**
   * @param header the Kilowatch-Signature request header
   * @param rawBody the request body exactly as received, before any JSON parsing
   * @param secretsByKeyId your signing secrets by key id (both during a rotation)
   * @param nowEpochSeconds the current time
   */
  static boolean isValid(
      String header, byte[] rawBody, Map<String, String> secretsByKeyId, long nowEpochSeconds)
      throws GeneralSecurityException {
    if (header == null) {
      return false;
    }
    String t = null;
    String kid = null;
    List<String> signatures = new ArrayList<>();
    for (String part : header.split(",")) {
      String[] nameValue = part.trim().split("=", 2);
      if (nameValue.length != 2) {
        return false;
      }
      switch (nameValue[0]) {
        case "t":
          t = nameValue[1];
          break;
        case "kid":
          kid = nameValue[1];
          break;
        case "v1":
          signatures.add(nameValue[1]);
          break;
        default: // ignore fields added later
      }
    }
    String secret = kid == null ? null : secretsByKeyId.get(kid);
    if (t == null || secret == null || signatures.isEmpty() || !t.matches("\\d{1,12}")) {
      return false;
    }
    if (Math.abs(nowEpochSeconds - Long.parseLong(t)) > TOLERANCE_SECONDS) {
      return false; // too old (or too far ahead): possibly a replay
    }
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
    byte[] expected = mac.doFinal(rawBody);
    boolean valid = false;
    for (String signature : signatures) {
      try {
        // constant-time comparison
        valid |= MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature));
      } catch (IllegalArgumentException notHex) {
        // not a signature of ours
      }
    }
    return valid;
  }
}
// end::receiver[]
