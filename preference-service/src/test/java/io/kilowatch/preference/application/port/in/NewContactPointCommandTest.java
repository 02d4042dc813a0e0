package io.kilowatch.preference.application.port.in;

import static io.kilowatch.preference.application.port.in.UpdatePreferencesCommandTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.kilowatch.channel.Channel;
import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import io.kilowatch.preference.domain.PushPlatform;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NewContactPointCommandTest {
  static List<String> fields(String body) {
    try {
      NewContactPointCommand.parse(json(body));
    } catch (InvalidInputException e) {
      return e.errors().stream().map(FieldError::field).toList();
    }
    throw new AssertionError("expected " + body + " to be rejected");
  }

  @Test
  void eachChannel() {
    assertThat(
            NewContactPointCommand.parse(
                json("{\"channel\":\"sms\",\"address\":\"+44 7700 900123\"}")))
        .isEqualTo(new NewContactPointCommand(Channel.SMS, "+447700900123", null, false));
    assertThat(
            NewContactPointCommand.parse(
                json("{\"channel\":\"EMAIL\",\"address\":\"Ada@Example.com\",\"verified\":true}")))
        .isEqualTo(new NewContactPointCommand(Channel.EMAIL, "Ada@example.com", null, true));
    assertThat(
            NewContactPointCommand.parse(
                json("{\"channel\":\"push\",\"address\":\"tok-1\",\"platform\":\"iOS\"}")))
        .isEqualTo(new NewContactPointCommand(Channel.PUSH, "tok-1", PushPlatform.IOS, false));
    assertThat(
            NewContactPointCommand.parse(
                json("{\"channel\":\"webhook\",\"address\":\"https://hooks.example.com/k\"}")))
        .isEqualTo(
            new NewContactPointCommand(
                Channel.WEBHOOK, "https://hooks.example.com/k", null, false));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no channel          | {\"address\":\"+447700900123\"}                                | channel",
        "unknown channel     | {\"channel\":\"fax\",\"address\":\"+447700900123\"}            | channel",
        "channel not text    | {\"channel\":1,\"address\":\"+447700900123\"}                  | channel",
        "invalid E.164       | {\"channel\":\"sms\",\"address\":\"07700900123\"}              | address",
        "no address          | {\"channel\":\"sms\"}                                          | address",
        "address not text    | {\"channel\":\"sms\",\"address\":447700900123}                 | address",
        "invalid email       | {\"channel\":\"email\",\"address\":\"ada@\"}                   | address",
        "blank push token    | {\"channel\":\"push\",\"address\":\" \",\"platform\":\"ios\"}  | address",
        "push token spaces   | {\"channel\":\"push\",\"address\":\"a b\",\"platform\":\"ios\"} | address",
        "push no platform    | {\"channel\":\"push\",\"address\":\"tok\"}                     | platform",
        "push bad platform   | {\"channel\":\"push\",\"address\":\"tok\",\"platform\":\"symbian\"} | platform",
        "platform for sms    | {\"channel\":\"sms\",\"address\":\"+447700900123\",\"platform\":\"ios\"} | platform",
        "http webhook        | {\"channel\":\"webhook\",\"address\":\"http://hooks.example.com/\"} | address",
        "private webhook     | {\"channel\":\"webhook\",\"address\":\"https://192.168.0.10/\"} | address",
        "verified not bool   | {\"channel\":\"sms\",\"address\":\"+447700900123\",\"verified\":\"yes\"} | verified",
        "unknown field       | {\"channel\":\"sms\",\"address\":\"+447700900123\",\"label\":\"home\"} | label",
      })
  void invalidInputNamesTheField(String caseName, String body, String field) {
    assertThat(fields(body)).containsExactly(field);
  }

  @Test
  void aPushTokenOver4096CharactersNamesTheAddress() {
    String body =
        "{\"channel\":\"push\",\"platform\":\"web\",\"address\":\"" + "t".repeat(4097) + "\"}";
    assertThat(fields(body)).containsExactly("address");
  }
}
