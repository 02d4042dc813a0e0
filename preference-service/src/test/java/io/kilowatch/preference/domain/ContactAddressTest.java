package io.kilowatch.preference.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowatch.channel.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ContactAddressTest {
  @ParameterizedTest
  @CsvSource({
    "+447700900123, +447700900123",
    "'+44 7700 900123', +447700900123",
    "'+1 (415) 555-0100', +14155550100"
  })
  void normalisesPhoneNumbers(String input, String expected) {
    assertThat(ContactAddress.normalise(Channel.SMS, input)).contains(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"07700900123", "+0447700900123", "+44", "phone", "+4477009001234567", ""})
  void refusesWhatIsNotE164(String input) {
    assertThat(ContactAddress.normalise(Channel.SMS, input)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "ada@example.com, ada@example.com",
    "Ada.Lovelace@Example.CO.UK, Ada.Lovelace@example.co.uk",
    "'  ada+alerts@example.com ', ada+alerts@example.com",
    "o'brien@example.ie, o'brien@example.ie",
    "ada@bücher.example, ada@xn--bcher-kva.example",
    "ada@example.com., ada@example.com"
  })
  void normalisesEmailAddressesLowerCasingTheDomainOnly(String input, String expected) {
    assertThat(ContactAddress.normalise(Channel.EMAIL, input)).contains(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ada",
        "ada@",
        "@example.com",
        "ada@@example.com",
        "ada@b@example.com",
        "ada@localhost",
        "ada@example",
        "ada@example.c0m",
        ".ada@example.com",
        "ada.@example.com",
        "a..da@example.com",
        "\"ada lovelace\"@example.com",
        "ada lovelace@example.com",
        "ada@-example.com",
        "ada@example-.com",
        "ada@exa_mple.com",
        "ada@[192.0.2.1]",
        "adá@example.com"
      })
  void refusesWhatIsNotAnEmailAddress(String input) {
    assertThat(ContactAddress.check(Channel.EMAIL, input).isValid()).as(input).isFalse();
  }

  @Test
  void emailLengthLimits() {
    String local64 = "a".repeat(64);
    assertThat(ContactAddress.check(Channel.EMAIL, local64 + "@example.com").isValid()).isTrue();
    assertThat(ContactAddress.check(Channel.EMAIL, local64 + "a@example.com").problem())
        .contains("at most 64");
    String label = "b".repeat(61);
    String longDomain = label + "." + label + "." + label + "." + label + ".com"; // 251 chars
    assertThat(ContactAddress.check(Channel.EMAIL, "ab@" + longDomain).isValid()).isTrue();
    assertThat(ContactAddress.check(Channel.EMAIL, "abcd@" + longDomain).problem())
        .contains("at most 254");
    assertThat(ContactAddress.check(Channel.EMAIL, "a@" + "c".repeat(64) + ".com").isValid())
        .isFalse();
  }

  @Test
  void pushTokensAreVisibleAsciiUpTo4096Characters() {
    String fcm = "dQw4w9WgXcQ:APA91bH-" + "x".repeat(140);
    assertThat(ContactAddress.normalise(Channel.PUSH, " " + fcm + " ")).contains(fcm);
    assertThat(ContactAddress.check(Channel.PUSH, "t".repeat(4096)).isValid()).isTrue();
    assertThat(ContactAddress.check(Channel.PUSH, "t".repeat(4097)).problem())
        .contains("at most 4096");
    assertThat(ContactAddress.check(Channel.PUSH, "two words").isValid()).isFalse();
    assertThat(ContactAddress.check(Channel.PUSH, "tok\u00e9n").isValid()).isFalse();
    assertThat(ContactAddress.check(Channel.PUSH, "tok\nen").isValid()).isFalse();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   "})
  void everyChannelRequiresAnAddress(String input) {
    for (Channel channel : Channel.values()) {
      assertThat(ContactAddress.check(channel, input).problem()).startsWith("is required");
    }
  }

  @ParameterizedTest
  @CsvSource({
    "https://hooks.example.com/kilowatch, https://hooks.example.com/kilowatch",
    "HTTPS://Hooks.Example.COM/Path?Token=AbC, https://hooks.example.com/Path?Token=AbC",
    "https://hooks.example.com:8443/a%20b, https://hooks.example.com:8443/a%20b",
    "https://93.184.216.34/hook, https://93.184.216.34/hook",
    "https://[2606:2800:220:1:248:1893:25c8:1946]/hook,"
        + " https://[2606:2800:220:1:248:1893:25c8:1946]/hook",
    "https://example.com, https://example.com"
  })
  void acceptsPublicHttpsUrls(String input, String expected) {
    assertThat(ContactAddress.check(Channel.WEBHOOK, input))
        .isEqualTo(new ContactAddress.Checked(expected, null));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "http://hooks.example.com/kilowatch      | https",
        "ftp://hooks.example.com/                | https",
        "hooks.example.com/kilowatch             | https",
        "https:/hooks.example.com                | host",
        "https://user:secret@hooks.example.com/  | user name",
        "https://hooks.example.com/#fragment     | fragment",
        "https://localhost/hook                  | public host",
        "https://LOCALHOST:8443/hook             | public host",
        "https://metadata.google.internal/       | public host",
        "https://printer.local/                  | public host",
        "https://router.home.arpa/               | public host",
        "https://intranet/hook                   | public host",
        "https://127.0.0.1/hook                  | private",
        "https://10.1.2.3/hook                   | private",
        "https://172.16.0.1/hook                 | private",
        "https://172.31.255.255/hook             | private",
        "https://192.168.1.10/hook               | private",
        "https://169.254.169.254/latest          | private",
        "https://100.64.0.1/                     | private",
        "https://0.0.0.0/                        | private",
        "https://224.0.0.1/                      | private",
        "https://[::1]/hook                      | private",
        "https://[fd00::1]/hook                  | private",
        "https://[fe80::1]/hook                  | private",
        "https://[::ffff:10.0.0.1]/hook          | private",
        "https://[64:ff9b::a00:1]/hook           | private",
        "https://2130706433/hook                 | host       ",
        "https://0177.0.0.1/hook                 | host       ",
        "https://127.1/hook                      | host       ",
        "https://exa_mple.com/hook               | host",
        "https://hooks.example.com/a b           | https URL",
      })
  void refusesWhatIsNotAPublicHttpsUrl(String input, String problem) {
    ContactAddress.Checked checked = ContactAddress.check(Channel.WEBHOOK, input);
    assertThat(checked.isValid()).as(input).isFalse();
    assertThat(checked.problem()).as(input).contains(problem);
  }

  @Test
  void webhookUrlsAreAtMost2048Characters() {
    String base = "https://hooks.example.com/";
    assertThat(
            ContactAddress.check(Channel.WEBHOOK, base + "p".repeat(2048 - base.length()))
                .isValid())
        .isTrue();
    assertThat(
            ContactAddress.check(Channel.WEBHOOK, base + "p".repeat(2049 - base.length()))
                .problem())
        .contains("at most 2048");
  }
}
