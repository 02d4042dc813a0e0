package io.kilowatch.sandbox;

import static io.kilowatch.sandbox.SandboxClient.SID;
import static io.kilowatch.sandbox.SandboxClient.TOKEN;
import static io.kilowatch.sandbox.SandboxClient.json;
import static io.kilowatch.sandbox.SandboxClient.sms;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sandbox's Twilio Messages API, called the way any HTTP client would call Twilio. */
class TwilioMessagesTest {
  private static final Instant NOW = Instant.parse("2026-11-22T08:15:30Z");

  private ProviderSandbox sandbox;
  private SandboxClient client;

  @BeforeEach
  void start() {
    sandbox = ProviderSandbox.start(SandboxSettings.builder().clock(new MutableClock(NOW)).build());
    client = new SandboxClient(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void acceptedMessageHasTheShapeOfTwilioMessageResource() {
    HttpResponse<String> response =
        client.createMessage(
            Map.of(
                "To", "+4915112345678",
                "From", "+15017122661",
                "Body", "Your usage today: 12.4 kWh",
                "StatusCallback", "https://kilowatch.example/callbacks/twilio"));

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/json; charset=utf-8");
    JsonNode message = json(response);
    String sid = message.get("sid").asText();
    assertThat(sid).matches("SM[0-9a-f]{32}");
    assertThat(message.get("account_sid").asText()).isEqualTo(SID);
    assertThat(message.get("api_version").asText()).isEqualTo("2010-04-01");
    assertThat(message.get("to").asText()).isEqualTo("+4915112345678");
    assertThat(message.get("from").asText()).isEqualTo("+15017122661");
    assertThat(message.get("messaging_service_sid").isNull()).isTrue();
    assertThat(message.get("body").asText()).isEqualTo("Your usage today: 12.4 kWh");
    assertThat(message.get("status").asText()).isEqualTo("queued");
    assertThat(message.get("num_segments").asText()).isEqualTo("1");
    assertThat(message.get("num_media").asText()).isEqualTo("0");
    assertThat(message.get("direction").asText()).isEqualTo("outbound-api");
    assertThat(message.get("price").isNull()).isTrue();
    assertThat(message.get("error_code").isNull()).isTrue();
    assertThat(message.get("error_message").isNull()).isTrue();
    assertThat(message.get("date_sent").isNull()).isTrue();
    assertThat(message.get("date_created").asText()).isEqualTo("Sun, 22 Nov 2026 08:15:30 +0000");
    assertThat(
            ZonedDateTime.parse(
                    message.get("date_created").asText(), DateTimeFormatter.RFC_1123_DATE_TIME)
                .toInstant())
        .isEqualTo(NOW);
    assertThat(message.get("uri").asText())
        .isEqualTo("/2010-04-01/Accounts/" + SID + "/Messages/" + sid + ".json");
    assertThat(message.get("subresource_uris").get("media").asText())
        .isEqualTo("/2010-04-01/Accounts/" + SID + "/Messages/" + sid + "/Media.json");
  }

  @Test
  void recordsTheRequestAsReceived() {
    client.createMessage(sms("+4915112345678", "Grüße & 10% off"));

    assertThat(sandbox.requests()).hasSize(1);
    RecordedRequest request = sandbox.requests().get(0);
    assertThat(request.provider()).isEqualTo("twilio");
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/" + SID + "/Messages.json");
    assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    assertThat(request.header("authorization")).startsWith("Basic ");
    assertThat(request.body())
        .isEqualTo("To=%2B4915112345678&From=%2B15017122661&Body=Gr%C3%BC%C3%9Fe+%26+10%25+off");
    assertThat(request.form())
        .containsExactly(
            Map.entry("To", List.of("+4915112345678")),
            Map.entry("From", List.of("+15017122661")),
            Map.entry("Body", List.of("Grüße & 10% off")));
    assertThat(request.receivedAt()).isEqualTo(NOW);
    assertThat(request.responseStatus()).isEqualTo(201);
  }

  @Test
  void messagingServiceWithoutFromIsAcceptedWithoutSender() {
    HttpResponse<String> response =
        client.createMessage(
            Map.of(
                "To", "+4915112345678",
                "MessagingServiceSid", "MG00000000000000000000000000000002",
                "Body", "hello"));

    assertThat(response.statusCode()).isEqualTo(201);
    JsonNode message = json(response);
    assertThat(message.get("messaging_service_sid").asText())
        .isEqualTo("MG00000000000000000000000000000002");
    assertThat(message.get("from").isNull()).isTrue();
    assertThat(message.get("status").asText()).isEqualTo("accepted");
  }

  @ParameterizedTest(name = "{0} characters of ''{1}'' → {2} segments")
  @CsvSource({
    "160, a, 1",
    "161, a, 2",
    "306, a, 2",
    "307, a, 3",
    "80, €, 1",
    "81, €, 2",
    "70, ü, 1",
    "70, ł, 1",
    "71, ł, 2",
    "135, ł, 3"
  })
  void countsSegmentsLikeACarrier(int length, String character, int segments) {
    HttpResponse<String> response =
        client.createMessage(sms("+4915112345678", character.repeat(length)));

    assertThat(json(response).get("num_segments").asText()).isEqualTo(Integer.toString(segments));
  }

  @Test
  void wrongTokenIsRejectedWithTwilioAuthenticationError() {
    HttpResponse<String> response =
        client.createMessage(SID, SID, "not-the-token", sms("+4915112345678", "hi"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValue("Basic realm=\"Twilio API\"");
    JsonNode error = json(response);
    assertThat(error.get("code").asInt()).isEqualTo(20003);
    assertThat(error.get("status").asInt()).isEqualTo(401);
    assertThat(error.get("more_info").asText())
        .isEqualTo("https://www.twilio.com/docs/errors/20003");
    assertThat(sandbox.requests())
        .singleElement()
        .extracting(RecordedRequest::responseStatus)
        .isEqualTo(401);
  }

  @Test
  void unknownAccountIsRejected() {
    String other = "AC99999999999999999999999999999999";
    HttpResponse<String> response =
        client.createMessage(other, other, TOKEN, sms("+4915112345678", "hi"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json(response).get("code").asInt()).isEqualTo(20003);
  }

  @Test
  void anotherAccountsPathIsNotFound() {
    HttpResponse<String> response =
        client.createMessage(
            "AC99999999999999999999999999999999", SID, TOKEN, sms("+4915112345678", "hi"));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).get("code").asInt()).isEqualTo(20404);
  }

  @Test
  void configuredAccountReplacesTheDefaultOne() {
    sandbox.close();
    sandbox =
        ProviderSandbox.start(
            SandboxSettings.builder()
                .twilioAccount("AC0123456789abcdef0123456789abcdef", "secret")
                .build());
    client = new SandboxClient(sandbox);

    assertThat(client.createMessage(sms("+4915112345678", "hi")).statusCode()).isEqualTo(401);
    assertThat(
            client
                .createMessage(
                    "AC0123456789abcdef0123456789abcdef",
                    "AC0123456789abcdef0123456789abcdef",
                    "secret",
                    sms("+4915112345678", "hi"))
                .statusCode())
        .isEqualTo(201);
  }

  @Test
  void toThatIsNotE164IsRejectedWith21211() {
    HttpResponse<String> response = client.createMessage(sms("+1 555 0100", "hi"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .isEqualTo(
            "{\"code\":21211,\"message\":\"The 'To' number +1 555 0100 is not a valid phone"
                + " number.\",\"more_info\":\"https://www.twilio.com/docs/errors/21211\","
                + "\"status\":400}");
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "+15005550001, 21211",
    "+15005550002, 21612",
    "+15005550003, 21408",
    "+15005550004, 21610",
    "+15005550009, 21614"
  })
  void twilioMagicNumbersFailAsWithTestCredentials(String to, int code) {
    HttpResponse<String> response = client.createMessage(sms(to, "hi"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("code").asInt()).isEqualTo(code);
  }

  @ParameterizedTest(name = "missing {0} → {1}")
  @CsvSource({"To, 21604", "From, 21603", "Body, 21602"})
  void missingParametersAreRejected(String parameter, int code) {
    Map<String, String> form = new java.util.LinkedHashMap<>(sms("+4915112345678", "hi"));
    form.remove(parameter);

    HttpResponse<String> response = client.createMessage(form);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("code").asInt()).isEqualTo(code);
  }

  @Test
  void bodyOverTheConcatenationLimitIsRejected() {
    assertThat(
            json(client.createMessage(sms("+4915112345678", "x".repeat(1601)))).get("code").asInt())
        .isEqualTo(21617);
    assertThat(client.createMessage(sms("+4915112345678", "x".repeat(1600))).statusCode())
        .isEqualTo(201);
  }
}
