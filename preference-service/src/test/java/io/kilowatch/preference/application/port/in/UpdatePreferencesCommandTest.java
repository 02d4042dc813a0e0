package io.kilowatch.preference.application.port.in;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kilowatch.channel.Channel;
import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import io.kilowatch.preference.application.PreferencesDocument;
import io.kilowatch.preference.domain.Caps;
import io.kilowatch.preference.domain.Category;
import io.kilowatch.preference.domain.PreferenceDefaults;
import io.kilowatch.preference.domain.Preferences;
import io.kilowatch.preference.domain.QuietHours;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UpdatePreferencesCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final PreferenceDefaults DEFAULTS =
      new PreferenceDefaults(Locale.UK, ZoneId.of("Europe/London"));

  static Map<String, Object> json(String text) {
    try {
      return JSON.readValue(text, new TypeReference<>() {});
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static UpdatePreferencesCommand parse(String body) {
    return UpdatePreferencesCommand.parse(json(body), DEFAULTS);
  }

  static List<FieldError> errors(String body) {
    try {
      parse(body);
    } catch (InvalidInputException e) {
      return e.errors();
    }
    throw new AssertionError("expected " + body + " to be rejected");
  }

  static List<String> fields(String body) {
    return errors(body).stream().map(FieldError::field).toList();
  }

  @Test
  void anEmptyBodyMeansTheDefaults() {
    var command = parse("{}");
    assertThat(command.locale()).isEqualTo(Locale.UK);
    assertThat(command.timeZone()).isEqualTo(ZoneId.of("Europe/London"));
    assertThat(command.quietHours()).isNull();
    assertThat(command.categories()).isEqualTo(PreferenceDefaults.categories());
    assertThat(command.caps()).isEqualTo(PreferenceDefaults.CAPS);
  }

  @Test
  void everythingSet() {
    var command =
        parse(
            """
            {"locale":"cy-gb","timeZone":"Europe/Berlin",
             "quietHours":{"start":"21:30","end":"07:15"},
             "categories":{"usage":{"channels":["email","SMS"],"optOut":["push"],
                                    "caps":{"perDay":{"sms":2},"perWeek":5}},
                           "marketing":{"channels":[],"optOut":["email","sms"],"caps":null}},
             "caps":{"perDay":{"sms":1,"webhook":50},"perWeek":null}}
            """);
    assertThat(command.locale().toLanguageTag()).isEqualTo("cy-GB");
    assertThat(command.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(command.quietHours())
        .isEqualTo(new QuietHours(LocalTime.of(21, 30), LocalTime.of(7, 15)));
    var usage = command.categories().get(Category.USAGE);
    assertThat(usage.channels()).containsExactly(Channel.EMAIL, Channel.SMS);
    assertThat(usage.optedOut()).containsExactly(Channel.PUSH);
    assertThat(usage.caps()).isEqualTo(new Caps(Map.of(Channel.SMS, 2), 5));
    var marketing = command.categories().get(Category.MARKETING);
    assertThat(marketing.channels()).isEmpty();
    assertThat(marketing.optedOut()).containsExactlyInAnyOrder(Channel.EMAIL, Channel.SMS);
    assertThat(marketing.caps()).isEqualTo(Caps.NONE);
    // categories left out keep their defaults
    assertThat(command.categories().get(Category.BILLING))
        .isEqualTo(PreferenceDefaults.category(Category.BILLING));
    assertThat(command.caps())
        .isEqualTo(new Caps(Map.of(Channel.SMS, 1, Channel.WEBHOOK, 50), null));
  }

  @Test
  void anOptOutAloneRemovesTheChannelFromTheDefaultOrder() {
    var usage =
        parse("{\"categories\":{\"usage\":{\"optOut\":[\"sms\"]}}}")
            .categories()
            .get(Category.USAGE);
    assertThat(usage.channels()).containsExactly(Channel.PUSH, Channel.EMAIL);
    assertThat(usage.optedOut()).containsExactly(Channel.SMS);
  }

  @Test
  void explicitNullMeansNoneAbsentMeansDefault() {
    assertThat(parse("{\"caps\":null}").caps()).isEqualTo(Caps.NONE);
    assertThat(parse("{\"caps\":{}}").caps()).isEqualTo(Caps.NONE);
    assertThat(parse("{\"categories\":{\"marketing\":{}}}").categories().get(Category.MARKETING))
        .isEqualTo(PreferenceDefaults.category(Category.MARKETING));
    assertThat(parse("{\"quietHours\":null}").quietHours()).isNull();
  }

  @Test
  void whatGetAnswersGoesBackUnchanged() {
    var original =
        parse(
                """
                {"quietHours":{"start":"22:00","end":"06:30"},
                 "categories":{"price":{"channels":["webhook","push"],"optOut":["sms"]}}}
                """)
            .toPreferences("C-1", Instant.parse("2026-07-15T12:00:00Z"));
    Map<String, Object> document = json(toJson(PreferencesDocument.of(original)));
    Preferences again =
        UpdatePreferencesCommand.parse(document, DEFAULTS)
            .toPreferences("C-1", original.updatedAt());
    assertThat(again).isEqualTo(original);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown zone        | {\"timeZone\":\"Mars/Olympus\"}                       | timeZone",
        "offset zone         | {\"timeZone\":\"+01:00\"}                             | timeZone",
        "zone not a string   | {\"timeZone\":1}                                      | timeZone",
        "bad locale          | {\"locale\":\"english\"}                              | locale",
        "unknown language    | {\"locale\":\"xx-GB\"}                                | locale",
        "unknown region      | {\"locale\":\"en-XX\"}                                | locale",
        "quiet not an object | {\"quietHours\":\"21:00-08:00\"}                      | quietHours",
        "quiet start bad     | {\"quietHours\":{\"start\":\"25:00\",\"end\":\"08:00\"}} | quietHours.start",
        "quiet end missing   | {\"quietHours\":{\"start\":\"21:00\"}}                | quietHours.end",
        "quiet seconds       | {\"quietHours\":{\"start\":\"21:00:00\",\"end\":\"08:00\"}} | quietHours.start",
        "quiet 24:00         | {\"quietHours\":{\"start\":\"21:00\",\"end\":\"24:00\"}} | quietHours.end",
        "quiet equal         | {\"quietHours\":{\"start\":\"08:00\",\"end\":\"08:00\"}} | quietHours.end",
        "quiet extra field   | {\"quietHours\":{\"start\":\"21:00\",\"end\":\"08:00\",\"tz\":\"UTC\"}} | quietHours.tz",
        "unknown category    | {\"categories\":{\"weather\":{\"channels\":[\"sms\"]}}} | categories.weather",
        "category twice      | {\"categories\":{\"usage\":{},\"USAGE\":{}}}           | categories.USAGE",
        "category not object | {\"categories\":{\"usage\":[\"sms\"]}}                | categories.usage",
        "unknown channel     | {\"categories\":{\"usage\":{\"channels\":[\"sms\",\"fax\"]}}} | categories.usage.channels[1]",
        "channel twice       | {\"categories\":{\"usage\":{\"channels\":[\"sms\",\"sms\"]}}} | categories.usage.channels[1]",
        "channel null        | {\"categories\":{\"usage\":{\"channels\":[null]}}}    | categories.usage.channels[0]",
        "channels not array  | {\"categories\":{\"usage\":{\"channels\":\"sms\"}}}   | categories.usage.channels",
        "chosen and out      | {\"categories\":{\"usage\":{\"channels\":[\"sms\"],\"optOut\":[\"sms\"]}}} | categories.usage.optOut[0]",
        "unknown opt-out     | {\"categories\":{\"usage\":{\"optOut\":[\"pigeon\"]}}} | categories.usage.optOut[0]",
        "category extra      | {\"categories\":{\"usage\":{\"chanels\":[\"sms\"]}}}  | categories.usage.chanels",
        "cap negative        | {\"caps\":{\"perDay\":{\"sms\":-1}}}                  | caps.perDay.sms",
        "cap too large       | {\"caps\":{\"perDay\":{\"sms\":1001}}}                | caps.perDay.sms",
        "cap decimal         | {\"caps\":{\"perDay\":{\"sms\":2.5}}}                 | caps.perDay.sms",
        "cap text            | {\"caps\":{\"perDay\":{\"sms\":\"3\"}}}               | caps.perDay.sms",
        "cap unknown channel | {\"caps\":{\"perDay\":{\"fax\":3}}}                   | caps.perDay.fax",
        "week cap negative   | {\"caps\":{\"perWeek\":-5}}                           | caps.perWeek",
        "week cap huge       | {\"caps\":{\"perWeek\":99999999999999}}               | caps.perWeek",
        "category cap bad    | {\"categories\":{\"cost\":{\"caps\":{\"perWeek\":true}}}} | categories.cost.caps.perWeek",
        "unknown field       | {\"quietHour\":{\"start\":\"21:00\",\"end\":\"08:00\"}} | quietHour",
      })
  void invalidInputNamesTheField(String caseName, String body, String field) {
    assertThat(fields(body)).containsExactly(field);
  }

  @Test
  void everyErrorIsReportedAtOnce() {
    assertThat(
            fields(
                """
                {"timeZone":"Nowhere","locale":"??","quietHours":{"start":"x","end":"y"},
                 "categories":{"bogus":{}},"caps":{"perWeek":-1}}
                """))
        .containsExactlyInAnyOrder(
            "timeZone",
            "locale",
            "quietHours.start",
            "quietHours.end",
            "categories.bogus",
            "caps.perWeek");
  }

  @Test
  void errorMessagesSayWhatIsExpected() {
    assertThat(errors("{\"timeZone\":\"Mars/Olympus\"}").get(0).message())
        .isEqualTo("'Mars/Olympus' is not an IANA time zone; use an id like Europe/London");
    assertThat(errors("{\"categories\":{\"weather\":{}}}").get(0).message())
        .isEqualTo("unknown category; one of usage, cost, price, outage, billing, marketing");
    assertThat(errors("{\"categories\":{\"usage\":{\"channels\":[\"fax\"]}}}").get(0).message())
        .isEqualTo("unknown channel 'fax'; one of sms, email, push, webhook");
  }

  @Test
  void readOnlyFieldsOfTheAnswerAreIgnored() {
    var command =
        parse(
            """
            {"customerId":"C-other","customised":true,"updatedAt":"2026-01-01T00:00:00Z",
             "categories":{"outage":{"channels":["sms"],"critical":false}}}
            """);
    assertThat(command.categories().get(Category.OUTAGE).channels()).containsExactly(Channel.SMS);
    assertThat(Category.OUTAGE.mayBeCritical()).isTrue();
    assertThat(Set.of(command.categories().keySet().toArray())).hasSize(6);
  }

  static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
