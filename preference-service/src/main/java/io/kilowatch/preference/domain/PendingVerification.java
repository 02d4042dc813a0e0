package io.kilowatch.preference.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The code a customer must send back to prove they control an SMS number or email address (double
 * opt-in). Only a hash of the code is kept: SHA-256 over the contact point id and the code, so a
 * hash is useless for any other point. Immutable.
 *
 * <p>A code of six digits is short: it is safe only together with its expiry and the limit on
 * attempts, which this class enforces, and with the row lock the service takes while checking.
 *
 * @param contactPointId the point being verified
 * @param codeHash hex SHA-256 of {@code <contactPointId>:<code>}
 * @param issuedAt when the code was made
 * @param expiresAt when it stops working (exclusive)
 * @param attempts wrong codes tried so far
 */
public record PendingVerification(
    UUID contactPointId, String codeHash, Instant issuedAt, Instant expiresAt, int attempts) {
  private static final Pattern CODE = Pattern.compile("[0-9]{6}");

  public PendingVerification {
    Objects.requireNonNull(contactPointId, "contactPointId");
    Objects.requireNonNull(codeHash, "codeHash");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (!expiresAt.isAfter(issuedAt)) {
      throw new IllegalArgumentException("a code expires after it is issued");
    }
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must be >= 0");
    }
  }

  /** Whether the text has the form of a code: exactly six digits. */
  public static boolean isWellFormed(String code) {
    return code != null && CODE.matcher(code).matches();
  }

  /** A new code for the point, valid for {@code ttl} from {@code now}, no attempts used. */
  public static PendingVerification issue(
      UUID contactPointId, String code, Instant now, Duration ttl) {
    if (!isWellFormed(code)) {
      throw new IllegalArgumentException("a verification code is six digits");
    }
    return new PendingVerification(
        contactPointId, hash(contactPointId, code), now, now.plus(ttl), 0);
  }

  /**
   * Checks a code. Order matters: a point locked by too many attempts stays locked even for the
   * right code, and a right code after expiry does not verify.
   */
  public VerificationOutcome check(String code, Instant now, int maxAttempts) {
    if (attempts >= maxAttempts) {
      return VerificationOutcome.TOO_MANY_ATTEMPTS;
    }
    if (!now.isBefore(expiresAt)) {
      return VerificationOutcome.EXPIRED;
    }
    byte[] expected = codeHash.getBytes(StandardCharsets.US_ASCII);
    byte[] actual =
        (isWellFormed(code) ? hash(contactPointId, code) : "").getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, actual)
        ? VerificationOutcome.VERIFIED
        : VerificationOutcome.WRONG_CODE;
  }

  /** This verification after one more wrong code. */
  public PendingVerification withFailedAttempt() {
    return new PendingVerification(contactPointId, codeHash, issuedAt, expiresAt, attempts + 1);
  }

  /** Attempts left before the code is locked. */
  public int attemptsLeft(int maxAttempts) {
    return Math.max(0, maxAttempts - attempts);
  }

  static String hash(UUID contactPointId, String code) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha256.digest((contactPointId + ":" + code).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
