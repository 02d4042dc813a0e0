package io.kilowatch.consent.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowatch.consent.domain.Purpose;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class UnsubscribeTokenTest {
  private static final byte[] KEY =
      "a-test-key-of-at-least-thirty-two-characters".getBytes(StandardCharsets.UTF_8);

  private final UnsubscribeToken token =
      new UnsubscribeToken("C-1", Purpose.MARKETING, "email", "anna@example.com");

  @Test
  void aSignedTokenVerifiesToWhatWasSigned() {
    String signed = token.sign(KEY);

    assertThat(UnsubscribeToken.verify(signed, KEY)).contains(token);
    assertThat(signed).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
  }

  @Test
  void anotherKeyDoesNotVerify() {
    byte[] other = "another-key-of-at-least-thirty-two-characters".getBytes(StandardCharsets.UTF_8);

    assertThat(UnsubscribeToken.verify(token.sign(KEY), other)).isEmpty();
  }

  @Test
  void anAlteredPayloadDoesNotVerify() {
    String signed = token.sign(KEY);
    String mac = signed.substring(signed.indexOf('.') + 1);
    String forgedPayload =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                "v1\nC-2\nmarketing\nemail\nanna@example.com".getBytes(StandardCharsets.UTF_8));

    assertThat(UnsubscribeToken.verify(forgedPayload + "." + mac, KEY)).isEmpty();
  }

  @Test
  void aFlippedSignatureCharacterDoesNotVerify() {
    String signed = token.sign(KEY);
    char last = signed.charAt(signed.length() - 1);
    String flipped = signed.substring(0, signed.length() - 1) + (last == 'A' ? 'B' : 'A');

    assertThat(UnsubscribeToken.verify(flipped, KEY)).isEmpty();
  }

  @Test
  void garbageDoesNotVerify() {
    assertThat(UnsubscribeToken.verify(null, KEY)).isEmpty();
    assertThat(UnsubscribeToken.verify("", KEY)).isEmpty();
    assertThat(UnsubscribeToken.verify("abc", KEY)).isEmpty();
    assertThat(UnsubscribeToken.verify("a.b.c", KEY)).isEmpty();
    assertThat(UnsubscribeToken.verify("!!!.???", KEY)).isEmpty();
    assertThat(UnsubscribeToken.verify("x".repeat(5000), KEY)).isEmpty();
  }

  @Test
  void partsMustBeSingleLines() {
    assertThatThrownBy(
            () -> new UnsubscribeToken("C-1", Purpose.SERVICE, "email", "a@example.com\nC-2"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
