package io.kilowatch.channel.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies a {@code Kilowatch-Signature} header against the raw request body, as a receiver of
 * Kilowatch webhooks does: the key id must be known, one {@code v1} value must equal the HMAC
 * (compared in constant time), and the timestamp must lie within the tolerance of now, either side,
 * so that a captured delivery cannot be replayed later.
 *
 * <p>Pass the body exactly as received, before any JSON parsing: re-serialised JSON differs in
 * whitespace and key order, and its signature will not match.
 *
 * <p>Thread-safe and immutable.
 */
public final class WebhookSignatureVerifier {
  /** How far a signature's timestamp may be from now unless told otherwise. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  /** The outcome of one verification; {@code reason} says what failed, null when valid. */
  public record Verification(boolean valid, String keyId, Instant timestamp, String reason) {
    static Verification ok(String keyId, Instant timestamp) {
      return new Verification(true, keyId, timestamp, null);
    }

    static Verification failed(String keyId, Instant timestamp, String reason) {
      return new Verification(false, keyId, timestamp, reason);
    }
  }

  private final Map<String, byte[]> secrets;
  private final Duration tolerance;
  private final Clock clock;

  /** Verifies with the given key id → secret pairs, the default tolerance and the system clock. */
  public WebhookSignatureVerifier(Map<String, String> secretsByKeyId) {
    this(secretsByKeyId, DEFAULT_TOLERANCE, Clock.systemUTC());
  }

  /**
   * @param secretsByKeyId key id → secret; hold both keys during a rotation
   * @param tolerance how far the timestamp may be from now, either way
   * @param clock now
   */
  public WebhookSignatureVerifier(
      Map<String, String> secretsByKeyId, Duration tolerance, Clock clock) {
    Objects.requireNonNull(secretsByKeyId, "secretsByKeyId");
    this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (tolerance.isNegative()) {
      throw new IllegalArgumentException("tolerance must not be negative");
    }
    if (secretsByKeyId.isEmpty()) {
      throw new IllegalArgumentException("at least one key id → secret is needed");
    }
    Map<String, byte[]> copy = new LinkedHashMap<>();
    secretsByKeyId.forEach(
        (keyId, secret) -> {
          if (keyId == null || secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("empty key id or secret for key id " + keyId);
          }
          copy.put(keyId, secret.getBytes(StandardCharsets.UTF_8));
        });
    this.secrets = Map.copyOf(copy);
  }

  /** Verifies {@code signatureHeader} against the UTF-8 bytes of {@code body}. */
  public Verification verify(String signatureHeader, String body) {
    Objects.requireNonNull(body, "body");
    return verify(signatureHeader, body.getBytes(StandardCharsets.UTF_8));
  }

  /** Verifies {@code signatureHeader} against the raw request body. */
  public Verification verify(String signatureHeader, byte[] body) {
    Objects.requireNonNull(body, "body");
    if (signatureHeader == null || signatureHeader.isBlank()) {
      return Verification.failed(null, null, "missing " + WebhookHeaders.SIGNATURE + " header");
    }
    String t = null;
    String keyId = null;
    List<String> signatures = new ArrayList<>();
    for (String part : signatureHeader.split(",")) {
      int eq = part.indexOf('=');
      if (eq < 0) {
        return Verification.failed(null, null, "malformed signature header: " + part.strip());
      }
      String name = part.substring(0, eq).strip();
      String value = part.substring(eq + 1).strip();
      if (name.equals("t")) {
        if (t != null) {
          return Verification.failed(null, null, "malformed signature header: two timestamps");
        }
        t = value;
      } else if (name.equals("kid")) {
        if (keyId != null) {
          return Verification.failed(null, null, "malformed signature header: two key ids");
        }
        keyId = value;
      } else if (name.equals("v1")) {
        signatures.add(value);
      }
      // Other names (a future v2) are skipped, so a sender can add a scheme without breaking us.
    }
    if (t == null || keyId == null || signatures.isEmpty()) {
      return Verification.failed(
          keyId, null, "malformed signature header: t, kid and v1 are required");
    }
    long seconds;
    Instant timestamp;
    try {
      seconds = Long.parseLong(t);
      timestamp = Instant.ofEpochSecond(seconds);
    } catch (NumberFormatException | DateTimeException e) {
      return Verification.failed(keyId, null, "malformed signature header: t is not a time");
    }
    byte[] secret = secrets.get(keyId);
    if (secret == null) {
      return Verification.failed(keyId, timestamp, "unknown key id " + keyId);
    }
    byte[] expected = WebhookSignature.hmac(secret, seconds, body);
    boolean matched = false;
    for (String signature : signatures) {
      // Not short-circuited, and each compare is constant-time: timing reveals nothing.
      matched |= MessageDigest.isEqual(expected, hexOrEmpty(signature));
    }
    if (!matched) {
      return Verification.failed(keyId, timestamp, "signature does not match");
    }
    Duration age = Duration.between(timestamp, clock.instant());
    if (age.abs().compareTo(tolerance) > 0) {
      return Verification.failed(
          keyId,
          timestamp,
          "timestamp "
              + (age.isNegative()
                  ? "is " + age.negated().toSeconds() + " s in the future"
                  : "is " + age.toSeconds() + " s old")
              + ", more than the tolerance of "
              + tolerance.toSeconds()
              + " s");
    }
    return Verification.ok(keyId, timestamp);
  }

  private static byte[] hexOrEmpty(String hex) {
    try {
      return HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }
}
