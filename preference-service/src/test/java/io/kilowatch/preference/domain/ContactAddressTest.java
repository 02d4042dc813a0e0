package io.kilowatch.preference;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowatch.channel.Channel;
import io.kilowatch.preference.domain.ContactAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
}
