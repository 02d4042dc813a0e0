package io.kilowatch.sandbox;

import static io.kilowatch.sandbox.FcmClient.DEVICE;
import static io.kilowatch.sandbox.FcmClient.PROJECT;
import static io.kilowatch.sandbox.FcmClient.fcmErrorCode;
import static io.kilowatch.sandbox.FcmClient.json;
import static io.kilowatch.sandbox.FcmClient.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The sandbox's FCM HTTP v1 {@code messages:send}: answers, validation, authentication. */
class FcmMessagesTest {
  private ProviderSandbox sandbox;
  private FcmClient client;

  @BeforeEach
  void start() {
    sandbox = ProviderSandbox.start(SandboxSettings.defaults());
    client = new FcmClient(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void acceptedMessageIsNamedLikeFcmNamesIt() {
    HttpResponse<String> response = client.send(message(DEVICE));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(json(response).get("name").asText())
        .matches("projects/" + PROJECT + "/messages/0:\\d{16}%[0-9a-f]{16}");
    assertThat(json(response).size()).isEqualTo(1);
  }

  @Test
  void everyRequestIsRecordedAsFcm() {
    client.send(message(DEVICE));
    client.send(message("unregistered-0000000001"));

    assertThat(sandbox.requests("fcm"))
        .extracting(RecordedRequest::responseStatus)
        .containsExactly(200, 404);
    RecordedRequest first = sandbox.requests("fcm").get(0);
    assertThat(first.path()).isEqualTo("/v1/projects/" + PROJECT + "/messages:send");
    assertThat(first.header("Authorization")).isEqualTo("Bearer " + FcmClient.TOKEN);
    assertThat(first.body()).isEqualTo(message(DEVICE));
  }

  @Test
  void fullMessageWithDataAndPlatformOptionsIsAccepted() {
    String body =
        "{\"message\":{\"token\":\""
            + DEVICE
            + "\",\"notification\":{\"title\":\"t\",\"body\":\"b\"},"
            + "\"data\":{\"tariff\":\"dynamic\",\"notificationId\":\"ntf-1\"},"
            + "\"android\":{\"priority\":\"high\",\"ttl\":\"3600s\","
            + "\"notification\":{\"channel_id\":\"price\"}},"
            + "\"apns\":{\"headers\":{\"apns-priority\":\"10\",\"apns-expiration\":\"1795334400\"},"
            + "\"payload\":{\"aps\":{\"thread-id\":\"price\"}}}},\"validate_only\":false}";

    assertThat(client.send(body).statusCode()).isEqualTo(200);
  }

  @Test
  void validateOnlyAnswersWithFcmsFakeId() {
    HttpResponse<String> response =
        client.send("{\"message\":{\"token\":\"" + DEVICE + "\"},\"validate_only\":true}");

    assertThat(json(response).get("name").asText())
        .isEqualTo("projects/" + PROJECT + "/messages/fake_message_id");
  }

  @Test
  void unregisteredTokenIs404Unregistered() {
    HttpResponse<String> response = client.send(message("unregistered-device-0001"));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body())
        .isEqualTo(
            "{\"error\":{\"code\":404,\"message\":\"Requested entity was not found.\","
                + "\"status\":\"NOT_FOUND\",\"details\":[{\"@type\":"
                + "\"type.googleapis.com/google.firebase.fcm.v1.FcmError\","
                + "\"errorCode\":\"UNREGISTERED\"}]}}");
  }

  @ParameterizedTest(name = "{0} → {1} {2}")
  @CsvSource({
    "invalid-device-00001, 400, INVALID_ARGUMENT, INVALID_ARGUMENT",
    "mismatch-device-0001, 403, SENDER_ID_MISMATCH, PERMISSION_DENIED",
    "apns-auth-device-001, 401, THIRD_PARTY_AUTH_ERROR, UNAUTHENTICATED"
  })
  void markerTokensAnswerLikeFcm(String token, int status, String errorCode, String canonical) {
    HttpResponse<String> response = client.send(message(token));

    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(fcmErrorCode(response)).isEqualTo(errorCode);
    assertThat(json(response).at("/error/status").asText()).isEqualTo(canonical);
  }

  @ParameterizedTest
  @ValueSource(strings = {"short", "has spaces in it here", "ümlaut-token-000000001"})
  void malformedTokenIsInvalidArgumentAboutMessageToken(String token) {
    HttpResponse<String> response = client.send(message(token));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(fcmErrorCode(response)).isEqualTo("INVALID_ARGUMENT");
    JsonNode error = json(response).get("error");
    assertThat(error.get("message").asText())
        .isEqualTo("The registration token is not a valid FCM registration token");
    assertThat(error.at("/details/1/@type").asText())
        .isEqualTo("type.googleapis.com/google.rpc.BadRequest");
    assertThat(error.at("/details/1/fieldViolations/0/field").asText()).isEqualTo("message.token");
  }

  @Test
  void missingTokenIsInvalidArgument() {
    HttpResponse<String> response =
        client.send("{\"message\":{\"notification\":{\"title\":\"t\",\"body\":\"b\"}}}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(fcmErrorCode(response)).isEqualTo("INVALID_ARGUMENT");
    assertThat(json(response).at("/error/message").asText())
        .isEqualTo("Recipient of the message is not set.");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not json|Invalid JSON payload",
        "{\"msg\":{}}|Unknown name \"msg\"",
        "{\"message\":{\"token\":\"dAbC123:APA91bH-device\",\"colour\":\"red\"}}|Unknown name",
        "{\"message\":{\"topic\":\"prices\"}}|only message.token",
        "{\"message\":{\"token\":\"dAbC123:APA91bH-device\",\"data\":{\"from\":\"x\"}}}"
            + "|Invalid data payload key: from",
        "{\"message\":{\"token\":\"dAbC123:APA91bH-device\",\"data\":{\"google.x\":\"x\"}}}"
            + "|Invalid data payload key",
        "{\"message\":{\"token\":\"dAbC123:APA91bH-device\",\"data\":{\"n\":1}}}|TYPE_STRING",
        "{\"message\":{\"token\":\"dAbC123:APA91bH-device\",\"android\":{\"ttl\":\"1h\"}}}"
            + "|message.android.ttl",
        "{\"message\":{\"token\":\"dAbC123:APA91bH-device\",\"android\":{\"priority\":\"max\"}}}"
            + "|message.android.priority",
        "{\"message\":{\"token\":\"dAbC123:APA91bH-device\","
            + "\"apns\":{\"headers\":{\"apns-priority\":\"7\"}}}}|Invalid APNs priority"
      })
  void invalidPayloadsAreInvalidArgumentButNotAboutTheToken(String body, String message) {
    HttpResponse<String> response = client.send(body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(fcmErrorCode(response)).isEqualTo("INVALID_ARGUMENT");
    assertThat(json(response).at("/error/message").asText()).contains(message);
    assertThat(response.body()).doesNotContain("\"message.token\"");
  }

  @Test
  void missingOrWrongBearerTokenIs401InGooglesShape() {
    HttpResponse<String> wrong = client.send(PROJECT, "Bearer ya29.wrong", message(DEVICE));
    HttpResponse<String> missing = client.send(PROJECT, null, message(DEVICE));
    HttpResponse<String> basic = client.send(PROJECT, "Basic dXNlcjpwYXNz", message(DEVICE));

    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(basic.statusCode()).isEqualTo(401);
    assertThat(json(wrong).at("/error/status").asText()).isEqualTo("UNAUTHENTICATED");
    assertThat(json(wrong).at("/error/details").isMissingNode()).isTrue();
    assertThat(wrong.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer "));
  }

  @Test
  void configuredAccessTokensReplaceTheDefault() {
    try (ProviderSandbox own =
        ProviderSandbox.start(SandboxSettings.builder().fcmAccessToken("ya29.own").build())) {
      FcmClient ownClient = new FcmClient(own);

      assertThat(ownClient.send(PROJECT, "Bearer ya29.own", message(DEVICE)).statusCode())
          .isEqualTo(200);
      assertThat(ownClient.send(message(DEVICE)).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void unknownPathsAndMethodsAre404() {
    HttpResponse<String> get =
        client.send(
            java.net.http.HttpRequest.newBuilder(
                    sandbox.baseUrl().resolve("/v1/projects/" + PROJECT + "/messages:send"))
                .header("Authorization", "Bearer " + FcmClient.TOKEN)
                .build());
    HttpResponse<String> other =
        client.send(
            java.net.http.HttpRequest.newBuilder(
                    sandbox.baseUrl().resolve("/v1/projects/" + PROJECT + "/topics"))
                .header("Authorization", "Bearer " + FcmClient.TOKEN)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                .build());

    assertThat(get.statusCode()).isEqualTo(404);
    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(json(other).at("/error/status").asText()).isEqualTo("NOT_FOUND");
  }
}
