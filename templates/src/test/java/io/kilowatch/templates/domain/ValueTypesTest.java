package io.kilowatch.templates.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowatch.channel.Channel;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueTypesTest {
  @Test
  void localesAreCanonicalBcp47() {
    assertThat(TemplateLocale.of("en-gb").tag()).isEqualTo("en-GB");
    assertThat(TemplateLocale.of("ZH-hant-tw").tag()).isEqualTo("zh-Hant-TW");
    assertThat(TemplateLocale.of("de").tag()).isEqualTo("de");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "en_GB",
        "english!",
        "english",
        "und",
        "en-GB-u-ca-buddhist",
        "x-private"
      })
  void malformedLocalesAreRefused(String tag) {
    assertThatThrownBy(() -> TemplateLocale.of(tag)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void lenientParsingReadsUnderscoresAndGivesUpQuietly() {
    assertThat(TemplateLocale.lenient("en_GB")).contains(TemplateLocale.of("en-GB"));
    assertThat(TemplateLocale.lenient("???")).isEmpty();
    assertThat(TemplateLocale.lenient(null)).isEmpty();
  }

  @Test
  void fallbackGoesFromRegionToLanguageToTheDefault() {
    TemplateLocale en = TemplateLocale.of("en");
    assertThat(TemplateLocale.of("de-AT").fallbackChain(en))
        .extracting(TemplateLocale::tag)
        .containsExactly("de-AT", "de", "en");
    assertThat(TemplateLocale.of("en-GB").fallbackChain(en))
        .extracting(TemplateLocale::tag)
        .containsExactly("en-GB", "en");
    assertThat(TemplateLocale.of("zh-Hant-TW").fallbackChain(TemplateLocale.of("de")))
        .extracting(TemplateLocale::tag)
        .containsExactly("zh-Hant-TW", "zh-Hant", "zh", "de");
    assertThat(en.fallbackChain(en)).containsExactly(en);
  }

  @Test
  void keysCarryTheirCategory() {
    assertThat(new TemplateKey("usage.daily-threshold-crossed").category()).isEqualTo("usage");
    assertThat(new TemplateKey("price.day-ahead-digest").category()).isEqualTo("price");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "usage",
        "Usage.x",
        "usage.",
        ".x",
        "usage..x",
        "usage.x--y",
        "usage.x-",
        "usage x"
      })
  void malformedKeysAreRefused(String key) {
    assertThatThrownBy(() -> new TemplateKey(key)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void contentNeedsExactlyTheChannelsParts() {
    assertThatThrownBy(() -> TemplateContent.fromWireNames(Channel.EMAIL, Map.of("subject", "x")))
        .hasMessageContaining("parts.html");
    assertThatThrownBy(
            () -> TemplateContent.fromWireNames(Channel.SMS, Map.of("body", "x", "title", "y")))
        .hasMessageContaining("no part 'title'");
    assertThat(
            TemplateContent.fromWireNames(Channel.PUSH, Map.of("title", "t", "body", "b"))
                .byWireName())
        .containsExactly(Map.entry("title", "t"), Map.entry("body", "b"));
  }

  @Test
  void variablesNeedAUsableNameAndSample() {
    assertThatThrownBy(() -> new VariableDeclaration("a.b", "", "x", true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new VariableDeclaration("this", "", "x", true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new VariableDeclaration("day", "", " ", true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                TemplateTestData.definition("usage.x")
                    .required("a", "1")
                    .required("a", "2")
                    .build())
        .hasMessageContaining("declared twice");
  }
}
