package io.kilowatch.preference.application.port.in;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class LocaleInputTest {
  @ParameterizedTest
  @CsvSource({
    "en-GB, en-GB",
    "en-gb, en-GB",
    "cy-GB, cy-GB",
    "de, de",
    "es-419, es-419",
    "fil-PH, fil-PH"
  })
  void acceptsBcp47TagsInCanonicalForm(String tag, String expected) {
    assertThat(LocaleInput.parse(tag)).map(Locale::toLanguageTag).contains(expected);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"english", "en_GB", "xx-GB", "en-XX", "und", "en-GB-", "12", "en-GB-x"})
  void refusesWhatIsNotAKnownLanguage(String tag) {
    assertThat(LocaleInput.parse(tag)).isEmpty();
  }
}
