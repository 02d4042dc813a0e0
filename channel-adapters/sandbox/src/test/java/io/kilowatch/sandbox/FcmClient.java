package io.kilowatch.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain JDK HTTP calls to a sandbox's FCM API, as the Admin SDK would make them. */
final class FcmClient {
  static final String TOKEN = SandboxSettings.DEFAULT_FCM_ACCESS_TOKEN;
  static final String PROJECT = "kilowatch-test";
  static final String DEVICE = "dAbC123:APA91bH-device-token-0001";
  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI baseUrl;

  FcmClient(ProviderSandbox sandbox) {
    this.baseUrl = sandbox.baseUrl();
  }

  /** {@code {"message":{"token":..,"notification":{"title":"Price alert","body":"41 ct"}}}} */
  static String message(String token) {
    return "{\"message\":{\"token\":\""
        + token
        + "\",\"notification\":{\"title\":\"Price alert\",\"body\":\"41 ct/kWh\"}}}";
  }

  HttpResponse<String> send(String body) {
    return send(PROJECT, "Bearer " + TOKEN, body);
  }

  HttpResponse<String> send(String project, String authorization, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(baseUrl.resolve("/v1/projects/" + project + "/messages:send"))
            .header("Content-Type", "application/json; charset=UTF-8")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return send(request.build());
  }

  int sendStatus() {
    return send(message(DEVICE)).statusCode();
  }

  HttpResponse<String> control(String path, String json) {
    return send(
        HttpRequest.newBuilder(baseUrl.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code error.details[].errorCode} of the FcmError detail, or null. */
  static String fcmErrorCode(HttpResponse<String> response) {
    for (JsonNode detail : json(response).path("error").path("details")) {
      if (detail.path("@type").asText().equals(FcmErrors.FCM_ERROR_TYPE)) {
        return detail.path("errorCode").asText();
      }
    }
    return null;
  }
}
