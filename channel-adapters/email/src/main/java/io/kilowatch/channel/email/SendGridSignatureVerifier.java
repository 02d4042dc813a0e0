package io.kilowatch.channel.email;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * Verifies SendGrid's Signed Event Webhook: an ECDSA P-256 / SHA-256 signature (base64 of the DER
 * encoding, header {@value #SIGNATURE_HEADER}) over the value of {@value #TIMESTAMP_HEADER}
 * followed by the raw request body, checked against the account's verification key. The timestamp
 * must also be within {@code maxAge} of now, so that a captured post cannot be replayed later.
 *
 * <p>Immutable and thread-safe (a new {@link Signature} per call).
 */
public final class SendGridSignatureVerifier {
  public static final String SIGNATURE_HEADER = "X-Twilio-Email-Event-Webhook-Signature";
  public static final String TIMESTAMP_HEADER = "X-Twilio-Email-Event-Webhook-Timestamp";

  /** Outcome of a verification; only {@link #VALID} may be acted upon. */
  public enum Verification {
    VALID,
    /** Signature or timestamp header absent. */
    MISSING,
    /** Timestamp not epoch seconds, or signature not base64 DER. */
    MALFORMED,
    /** The signature does not match the timestamp and body (tampered, or another key). */
    BAD_SIGNATURE,
    /** Correctly signed, but too long ago (or too far ahead): a possible replay. */
    STALE
  }

  private final PublicKey publicKey;
  private final Duration maxAge;
  private final Clock clock;

  /**
   * @param publicKeyBase64 the verification key as SendGrid shows it: base64 of the DER
   *     (SubjectPublicKeyInfo) encoding of an EC public key
   * @param maxAge how far the signed timestamp may be from now, either way
   * @throws IllegalArgumentException if the key is not a base64 EC public key
   */
  public SendGridSignatureVerifier(String publicKeyBase64, Duration maxAge, Clock clock) {
    Objects.requireNonNull(publicKeyBase64, "publicKeyBase64");
    this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge must be positive: " + maxAge);
    }
    try {
      byte[] der = Base64.getMimeDecoder().decode(publicKeyBase64.strip());
      PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
      if (!(key instanceof ECPublicKey)) {
        throw new IllegalArgumentException("not an EC public key");
      }
      this.publicKey = key;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "event webhook public key must be base64 of a DER EC public key", e);
    }
  }

  /**
   * Checks one post.
   *
   * @param signature value of {@value #SIGNATURE_HEADER}, may be null
   * @param timestamp value of {@value #TIMESTAMP_HEADER}, may be null
   * @param body the raw request body exactly as received
   */
  public Verification verify(String signature, String timestamp, byte[] body) {
    if (signature == null || signature.isBlank() || timestamp == null || timestamp.isBlank()) {
      return Verification.MISSING;
    }
    long epochSeconds;
    byte[] der;
    try {
      epochSeconds = Long.parseLong(timestamp.trim());
      der = Base64.getDecoder().decode(signature.trim());
    } catch (IllegalArgumentException e) {
      return Verification.MALFORMED;
    }
    try {
      Signature verifier = Signature.getInstance("SHA256withECDSA");
      verifier.initVerify(publicKey);
      // The timestamp exactly as sent: SendGrid signs the header's characters, not a number.
      verifier.update(timestamp.getBytes(StandardCharsets.UTF_8));
      verifier.update(body == null ? new byte[0] : body);
      if (!verifier.verify(der)) {
        return Verification.BAD_SIGNATURE;
      }
    } catch (SignatureException notDer) {
      return Verification.MALFORMED;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot verify ECDSA signatures", e);
    }
    Duration age;
    try {
      age = Duration.between(Instant.ofEpochSecond(epochSeconds), clock.instant());
    } catch (java.time.DateTimeException outOfRange) {
      return Verification.STALE;
    }
    return age.abs().compareTo(maxAge) > 0 ? Verification.STALE : Verification.VALID;
  }
}
