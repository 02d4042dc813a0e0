package io.kilowatch.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowatch.channel.webhook.WebhookSignatureVerifier.Verification;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Signing and verification, including the known answer the README's openssl line prints. */
class WebhookSignatureVerifierTest {
  static final String OLD_KEY = "k2025b";
  static final String OLD_SECRET = "whsec_old_fedcba9876543210fedcba9876543210";
  static final String KEY = "k2026a";
  static final String SECRET = "whsec_demo_0123456789abcdef0123456789abcdef";
  static final long T = 1_767_225_600L; // 2026-01-01T00:00:00Z
  static final String BODY =
      "{\"id\":\"ntf-0001\",\"type\":\"price.changed\",\"data\":{\"ctPerKwh\":41.2}}";

  private static Clock at(long epochSeconds) {
    return Clock.fixed(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC);
  }

  private static WebhookSignatureVerifier verifier(Map<String, String> secrets, long now) {
    return new WebhookSignatureVerifier(
        secrets, WebhookSignatureVerifier.DEFAULT_TOLERANCE, at(now));
  }

  private static String sign(String keyId, String secret, long t, String body) {
    return WebhookSignature.header(
        t, keyId, secret.getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void headerMatchesTheKnownAnswerComputedWithOpenssl() {
    // printf '%s.' 1767225600; cat body.json } | openssl dgst -sha256 -hmac "$SECRET" (README)
    assertThat(sign(KEY, SECRET, T, BODY))
        .isEqualTo(
            "t=1767225600,kid=k2026a,"
                + "v1=0744215ac0422fceff065414cdce55d5464c5ac137f3a4dd4c11873fda83af91");
  }

  @Test
  void goodSignatureVerifies() {
    Verification verification =
        verifier(Map.of(KEY, SECRET), T + 30).verify(sign(KEY, SECRET, T, BODY), BODY);

    assertThat(verification).isEqualTo(new Verification(true, KEY, Instant.ofEpochSecond(T), null));
  }

  @Test
  void rawBytesAndTheirUtf8StringVerifyAlike() {
    String body = "{\"text\":\"Grüße, 41,2 ct/kWh ⚡\"}";
    String header = sign(KEY, SECRET, T, body);
    WebhookSignatureVerifier verifier = verifier(Map.of(KEY, SECRET), T);

    assertThat(verifier.verify(header, body.getBytes(StandardCharsets.UTF_8)).valid()).isTrue();
    assertThat(verifier.verify(header, body).valid()).isTrue();
  }

  @Test
  void wrongSecretFails() {
    Verification verification =
        verifier(Map.of(KEY, OLD_SECRET), T).verify(sign(KEY, SECRET, T, BODY), BODY);

    assertThat(verification.valid()).isFalse();
    assertThat(verification.reason()).isEqualTo("signature does not match");
  }

  @Test
  void tamperedBodyFails() {
    String header = sign(KEY, SECRET, T, BODY);

    Verification verification =
        verifier(Map.of(KEY, SECRET), T).verify(header, BODY.replace("41.2", "4.12"));

    assertThat(verification.valid()).isFalse();
    assertThat(verification.reason()).isEqualTo("signature does not match");
  }

  @Test
  void tamperedTimestampFails() {
    String header = sign(KEY, SECRET, T, BODY).replace("t=" + T, "t=" + (T + 1));

    assertThat(verifier(Map.of(KEY, SECRET), T).verify(header, BODY).reason())
        .isEqualTo("signature does not match");
  }

  @Test
  void expiredTimestampFailsEvenWithAGoodSignature() {
    String header = sign(KEY, SECRET, T, BODY);

    assertThat(verifier(Map.of(KEY, SECRET), T + 300).verify(header, BODY).valid())
        .as("exactly at the tolerance")
        .isTrue();
    Verification late = verifier(Map.of(KEY, SECRET), T + 301).verify(header, BODY);
    assertThat(late.valid()).isFalse();
    assertThat(late.reason()).isEqualTo("timestamp is 301 s old, more than the tolerance of 300 s");
    assertThat(late.keyId()).isEqualTo(KEY);
  }

  @Test
  void timestampTooFarInTheFutureFails() {
    Verification verification =
        verifier(Map.of(KEY, SECRET), T - 600).verify(sign(KEY, SECRET, T, BODY), BODY);

    assertThat(verification.valid()).isFalse();
    assertThat(verification.reason()).contains("600 s in the future");
  }

  @Test
  void toleranceIsConfigurable() {
    WebhookSignatureVerifier strict =
        new WebhookSignatureVerifier(Map.of(KEY, SECRET), Duration.ofSeconds(10), at(T + 11));

    assertThat(strict.verify(sign(KEY, SECRET, T, BODY), BODY).valid()).isFalse();
  }

  @Test
  void unknownKeyIdFails() {
    Verification verification =
        verifier(Map.of(KEY, SECRET), T).verify(sign("k1999", SECRET, T, BODY), BODY);

    assertThat(verification.valid()).isFalse();
    assertThat(verification.reason()).isEqualTo("unknown key id k1999");
  }

  @Test
  void duringARotationBothKeysVerifyAndAfterItOnlyTheNewOne() {
    String signedWithOld = sign(OLD_KEY, OLD_SECRET, T, BODY);
    String signedWithNew = sign(KEY, SECRET, T, BODY);
    WebhookSignatureVerifier rotating = verifier(Map.of(OLD_KEY, OLD_SECRET, KEY, SECRET), T);
    WebhookSignatureVerifier afterRotation = verifier(Map.of(KEY, SECRET), T);

    assertThat(rotating.verify(signedWithOld, BODY).valid()).isTrue();
    assertThat(rotating.verify(signedWithNew, BODY).valid()).isTrue();
    assertThat(afterRotation.verify(signedWithNew, BODY).valid()).isTrue();
    assertThat(afterRotation.verify(signedWithOld, BODY).reason())
        .isEqualTo("unknown key id " + OLD_KEY);
    assertThat(
            rotating.verify(signedWithOld.replace("kid=" + OLD_KEY, "kid=" + KEY), BODY).reason())
        .as("a signature is checked against its own key id's secret only")
        .isEqualTo("signature does not match");
  }

  @Test
  void anyOfSeveralV1ValuesMayMatchAndUnknownFieldsAreSkipped() {
    String good = sign(KEY, SECRET, T, BODY);
    String header = good.replace(",v1=", ",v2=abc,v1=" + "00".repeat(32) + ",v1=");

    assertThat(verifier(Map.of(KEY, SECRET), T).verify(header, BODY).valid()).isTrue();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" "})
  void missingHeaderFails(String header) {
    assertThat(verifier(Map.of(KEY, SECRET), T).verify(header, BODY).reason())
        .isEqualTo("missing Kilowatch-Signature header");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "garbage",
        "t=1767225600,kid=k2026a",
        "kid=k2026a,v1=00",
        "t=1767225600,v1=00",
        "t=soon,kid=k2026a,v1=00",
        "t=99999999999999999999,kid=k2026a,v1=00",
        "t=9223372036854775807,kid=k2026a,v1=00",
        "t=1,t=2,kid=k2026a,v1=00",
        "t=1,kid=a,kid=k2026a,v1=00"
      })
  void malformedHeadersFail(String header) {
    Verification verification = verifier(Map.of(KEY, SECRET), T).verify(header, BODY);

    assertThat(verification.valid()).isFalse();
    assertThat(verification.reason()).startsWith("malformed signature header");
  }

  @ParameterizedTest
  @ValueSource(strings = {"zz", "", "0744215ac0422fceff065414cdce55d5"})
  void badOrShortSignaturesDoNotMatch(String v1) {
    String header = "t=" + T + ",kid=" + KEY + ",v1=" + v1;

    assertThat(verifier(Map.of(KEY, SECRET), T).verify(header, BODY).reason())
        .isEqualTo("signature does not match");
  }

  @Test
  void verifierNeedsSecrets() {
    assertThatThrownBy(() -> new WebhookSignatureVerifier(Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WebhookSignatureVerifier(Map.of(KEY, "")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
