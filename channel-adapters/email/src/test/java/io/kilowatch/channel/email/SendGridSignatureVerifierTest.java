package io.kilowatch.channel.email;

import static io.kilowatch.channel.email.SendGridSignatureVerifier.Verification.BAD_SIGNATURE;
import static io.kilowatch.channel.email.SendGridSignatureVerifier.Verification.MALFORMED;
import static io.kilowatch.channel.email.SendGridSignatureVerifier.Verification.MISSING;
import static io.kilowatch.channel.email.SendGridSignatureVerifier.Verification.STALE;
import static io.kilowatch.channel.email.SendGridSignatureVerifier.Verification.VALID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** SendGrid's Signed Event Webhook check, with good and bad signatures. */
class SendGridSignatureVerifierTest {
  private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
  private static final String BODY =
      "[{\"email\":\"anna@example.com\",\"timestamp\":1795334400,\"event\":\"delivered\","
          + "\"sg_message_id\":\"abc.filter\",\"notificationId\":\"ntf-1\"}]\r\n";

  private final EventSigner signer = new EventSigner();
  private final SendGridSignatureVerifier verifier =
      new SendGridSignatureVerifier(
          signer.publicKey(), Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));

  private static String secondsAgo(long seconds) {
    return Long.toString(NOW.getEpochSecond() - seconds);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void goodSignatureOverTimestampAndRawBodyIsValid() {
    String timestamp = secondsAgo(2);

    assertThat(verifier.verify(signer.sign(timestamp, BODY), timestamp, bytes(BODY)))
        .isEqualTo(VALID);
  }

  @Test
  void tamperedBodyIsRejected() {
    String timestamp = secondsAgo(2);
    String signature = signer.sign(timestamp, BODY);

    assertThat(verifier.verify(signature, timestamp, bytes(BODY.replace("delivered", "bounce"))))
        .isEqualTo(BAD_SIGNATURE);
    assertThat(verifier.verify(signature, timestamp, bytes(BODY.strip())))
        .as("even whitespace: the raw bytes are signed, not the JSON")
        .isEqualTo(BAD_SIGNATURE);
  }

  @Test
  void tamperedTimestampIsRejected() {
    String signature = signer.sign(secondsAgo(600), BODY);

    assertThat(verifier.verify(signature, secondsAgo(1), bytes(BODY))).isEqualTo(BAD_SIGNATURE);
  }

  @Test
  void signatureWithAnotherKeyIsRejected() {
    String timestamp = secondsAgo(1);

    assertThat(verifier.verify(new EventSigner().sign(timestamp, BODY), timestamp, bytes(BODY)))
        .isEqualTo(BAD_SIGNATURE);
  }

  @Test
  void expiredTimestampIsRejectedAsPossibleReplay() {
    String old = secondsAgo(301);
    String justInTime = secondsAgo(300);

    assertThat(verifier.verify(signer.sign(old, BODY), old, bytes(BODY))).isEqualTo(STALE);
    assertThat(verifier.verify(signer.sign(justInTime, BODY), justInTime, bytes(BODY)))
        .isEqualTo(VALID);
  }

  @Test
  void timestampFarInTheFutureIsRejected() {
    String future = secondsAgo(-301);

    assertThat(verifier.verify(signer.sign(future, BODY), future, bytes(BODY))).isEqualTo(STALE);
  }

  @Test
  void missingHeadersAreRejected() {
    String timestamp = secondsAgo(1);
    String signature = signer.sign(timestamp, BODY);

    assertThat(verifier.verify(null, timestamp, bytes(BODY))).isEqualTo(MISSING);
    assertThat(verifier.verify(signature, null, bytes(BODY))).isEqualTo(MISSING);
    assertThat(verifier.verify(" ", timestamp, bytes(BODY))).isEqualTo(MISSING);
  }

  @Test
  void malformedHeadersAreRejected() {
    String timestamp = secondsAgo(1);
    String signature = signer.sign(timestamp, BODY);

    assertThat(verifier.verify("not base64!", timestamp, bytes(BODY))).isEqualTo(MALFORMED);
    assertThat(verifier.verify("AAAA", timestamp, bytes(BODY))).isEqualTo(MALFORMED);
    assertThat(verifier.verify(signature, "yesterday", bytes(BODY))).isEqualTo(MALFORMED);
    assertThat(verifier.verify(signature, timestamp, null)).isEqualTo(BAD_SIGNATURE);
  }

  @Test
  void signatureOverAnEmptyBodyVerifies() {
    String timestamp = secondsAgo(1);

    assertThat(verifier.verify(signer.sign(timestamp, new byte[0]), timestamp, new byte[0]))
        .isEqualTo(VALID);
  }

  @Test
  void keyMustBeABase64EcPublicKey() throws Exception {
    Clock clock = Clock.systemUTC();
    String rsa =
        Base64.getEncoder()
            .encodeToString(
                KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic().getEncoded());

    assertThatThrownBy(
            () -> new SendGridSignatureVerifier("not-a-key", Duration.ofMinutes(5), clock))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SendGridSignatureVerifier(rsa, Duration.ofMinutes(5), clock))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new SendGridSignatureVerifier(signer.publicKey(), Duration.ZERO, clock))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keyMayBeWrappedAsSendGridsUiCopiesIt() {
    String wrapped = signer.publicKey().substring(0, 40) + "\n" + signer.publicKey().substring(40);
    SendGridSignatureVerifier fromWrapped =
        new SendGridSignatureVerifier(
            wrapped, Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));
    String timestamp = secondsAgo(1);

    assertThat(fromWrapped.verify(signer.sign(timestamp, BODY), timestamp, bytes(BODY)))
        .isEqualTo(VALID);
  }
}
