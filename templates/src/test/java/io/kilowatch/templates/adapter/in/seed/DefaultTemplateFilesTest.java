package io.kilowatch.templates.adapter.in.seed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kilowatch.channel.Channel;
import io.kilowatch.events.notification.NotificationCategory;
import io.kilowatch.templates.RenderedMessage;
import io.kilowatch.templates.application.DefaultTemplate;
import io.kilowatch.templates.domain.PreparedTemplate;
import io.kilowatch.templates.domain.TemplateValidator;
import io.kilowatch.templates.domain.TemplateVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped templates: complete, valid without warnings, and rendering with their samples. */
class DefaultTemplateFilesTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static List<DefaultTemplate> defaults() {
    return DefaultTemplateFiles.load();
  }

  @Test
  void everyCategoryKilowatchEmitsHasTemplates() {
    Set<String> categories =
        defaults().stream().map(d -> d.definition().key().category()).collect(Collectors.toSet());
    for (NotificationCategory c : NotificationCategory.values()) {
      if (c != NotificationCategory.MARKETING) {
        assertThat(categories).contains(c.wireName());
      }
    }
  }

  /** A file in {@code templates/defaults} that is not in {@code KEYS} would never be seeded. */
  @Test
  void everyShippedFileIsSeeded() throws Exception {
    var dir = Path.of(getClass().getClassLoader().getResource("templates/defaults").toURI());
    try (var files = Files.list(dir)) {
      List<String> keys =
          files
              .map(f -> f.getFileName().toString())
              .filter(name -> name.endsWith(".json"))
              .map(name -> name.substring(0, name.length() - ".json".length()))
              .toList();
      assertThat(DefaultTemplateFiles.KEYS).containsExactlyInAnyOrderElementsOf(keys);
    }
  }

  /**
   * The keys the rules engine requests; rules-engine's DefaultTemplatesCoverageTest checks data.
   */
  @Test
  void everyKeyTheRulesEngineRequestsHasADefault() {
    Set<String> keys =
        defaults().stream().map(d -> d.definition().key().value()).collect(Collectors.toSet());
    assertThat(keys)
        .contains(
            "usage.daily-threshold-crossed",
            "usage.weekly-threshold-crossed",
            "usage.billing-period-threshold-crossed",
            "usage.above-baseline",
            "cost.projected-bill-above-budget",
            "cost.period-to-date-above",
            "price.above-threshold",
            "price.below-threshold",
            "price.day-ahead-digest",
            "outage.suspected",
            "outage.cleared",
            "billing.bill-issued",
            "billing.payment-due",
            "billing.payment-overdue");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("defaults")
  void everyChannelInEnglishAndGerman(DefaultTemplate template) {
    assertThat(template.definition().defaultLocale().tag()).isEqualTo("en");
    for (String locale : List.of("en", "de")) {
      Set<Channel> channels = EnumSet.noneOf(Channel.class);
      template.versions().stream()
          .filter(v -> v.locale().tag().equals(locale))
          .forEach(v -> channels.add(v.content().channel()));
      if (template.definition().key().category().equals("account")) {
        // verification codes: only SMS numbers and email addresses are verified with a code
        assertThat(channels).as(locale).containsExactlyInAnyOrder(Channel.SMS, Channel.EMAIL);
      } else {
        assertThat(channels).as(locale).containsExactlyInAnyOrder(Channel.values());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("defaults")
  void everyVersionIsValidWithoutWarnings(DefaultTemplate template) {
    for (DefaultTemplate.Version v : template.versions()) {
      assertThat(TemplateValidator.validate(template.definition(), v.locale(), v.content()))
          .as(v.locale() + " " + v.content().channel())
          .isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("defaults")
  void everyVersionRendersWithItsSamplesAndUsesEveryVariableInSmsAndWebhook(
      DefaultTemplate template) throws Exception {
    var definition = template.definition();
    for (DefaultTemplate.Version v : template.versions()) {
      var prepared =
          PreparedTemplate.of(
              definition,
              TemplateVersion.draft(
                  definition.key(), v.locale(), 1, v.content(), "test", Instant.EPOCH));
      RenderedMessage m = prepared.render(definition.samples());
      String label = v.locale() + " " + v.content().channel();
      assertThat(m.text()).as(label).doesNotContain("{{").isNotBlank();
      switch (v.content().channel()) {
        case SMS -> {
          assertThat(m.sms().segments()).as(label).isBetween(1, 2);
          assertThat(m.sms().encoding().wireName()).as(label).isEqualTo("GSM-7");
          assertThat(prepared.variables()).as(label).containsAll(definition.variableNames());
        }
        case EMAIL -> {
          assertThat(m.subject()).as(label).isNotBlank().doesNotContain("{{");
          assertThat(m.html())
              .as(label)
              .startsWith("<!DOCTYPE html>")
              .contains("lang=\"" + v.locale() + "\"");
        }
        case PUSH -> assertThat(m.subject()).as(label).isNotBlank();
        case WEBHOOK -> {
          var body = JSON.readTree(m.text());
          assertThat(body.path("type").asText()).isEqualTo(definition.key().value());
          assertThat(body.path("locale").asText()).isEqualTo(v.locale().tag());
          definition
              .variables()
              .forEach(
                  var ->
                      assertThat(body.path("data").path(var.name()).asText())
                          .as(label + " " + var.name())
                          .isEqualTo(var.sample()));
        }
      }
    }
  }
}
