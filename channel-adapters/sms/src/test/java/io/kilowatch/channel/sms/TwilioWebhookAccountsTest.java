package io.kilowatch.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class TwilioWebhookAccountsTest {
  private static final String PRIMARY = "AC00000000000000000000000000000001";
  private static final String BACKUP = "AC00000000000000000000000000000002";

  private static TwilioSettings settings(String sid, Consumer<TwilioSettings> change) {
    TwilioSettings s = new TwilioSettings();
    s.setAccountSid(sid);
    s.setAuthToken("token-" + sid);
    s.setFromNumber("+15017122661");
    change.accept(s);
    return s;
  }

  @Test
  void findsEachAccountBySidWithItsOwnTokenAndProviderName() {
    var accounts =
        new TwilioWebhookAccounts(
            List.of(
                settings(PRIMARY, s -> {}),
                settings(BACKUP, s -> s.setProvider("twilio-backup")),
                new TwilioSettings())); // an unconfigured settings bean is skipped

    var backup = accounts.find(BACKUP);
    assertThat(backup.provider()).isEqualTo("twilio-backup");
    String signed = new TwilioSignatureValidator("token-" + BACKUP).signatureOf("https://x", null);
    assertThat(backup.validator().isValid("https://x", null, signed)).isTrue();
    assertThat(accounts.find(PRIMARY).validator().isValid("https://x", null, signed)).isFalse();
    assertThat(accounts.find("AC0000000000000000000000000000dead")).isNull();
    assertThat(accounts.find(null)).isNull();
  }

  @Test
  void publicBaseUrlIsTakenAsConfiguredWithoutTrailingSlash() {
    var accounts =
        new TwilioWebhookAccounts(
            List.of(settings(PRIMARY, s -> s.setPublicBaseUrl("https://kw.example/edge/"))));

    assertThat(accounts.find(PRIMARY).publicBaseUrl()).isEqualTo("https://kw.example/edge");
  }

  @Test
  void withoutPublicBaseUrlTheStatusCallbackUrlGivesIt() {
    var accounts =
        new TwilioWebhookAccounts(
            List.of(
                settings(
                    PRIMARY,
                    s ->
                        s.setStatusCallbackUrl(
                            "https://kw.example:8443/edge/api/v1/providers/twilio/status?a=b"))));

    assertThat(accounts.find(PRIMARY).publicBaseUrl()).isEqualTo("https://kw.example:8443/edge");
  }

  @Test
  void withNeitherTheRequestGivesIt() {
    var accounts =
        new TwilioWebhookAccounts(
            List.of(
                settings(PRIMARY, s -> s.setStatusCallbackUrl("https://elsewhere.example/hook"))));

    assertThat(accounts.find(PRIMARY).publicBaseUrl()).isNull();
  }

  @Test
  void refusesABadPublicBaseUrl() {
    for (String bad : List.of("kw.example", "ftp://kw.example", "https://kw.example/?q=1")) {
      assertThatThrownBy(
              () ->
                  new TwilioWebhookAccounts(
                      List.of(settings(PRIMARY, s -> s.setPublicBaseUrl(bad)))))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("public-base-url");
    }
  }

  @Test
  void refusesAnAccountWithoutTokenOrConfiguredTwice() {
    assertThatThrownBy(
            () -> new TwilioWebhookAccounts(List.of(settings(PRIMARY, s -> s.setAuthToken(null)))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("auth-token");
    assertThatThrownBy(
            () ->
                new TwilioWebhookAccounts(
                    List.of(settings(PRIMARY, s -> {}), settings(PRIMARY, s -> {}))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("twice");
  }
}
