package io.kilowatch.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Plain JDK HTTP calls to a sandbox, as a provider client would make them. */
final class SandboxClient {
  static final String SID = SandboxSettings.DEFAULT_TWILIO_ACCOUNT_SID;
  static final String TOKEN = SandboxSettings.DEFAULT_TWILIO_AUTH_TOKEN;
  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI baseUrl;

  SandboxClient(ProviderSandbox sandbox) {
    this.baseUrl = sandbox.baseUrl();
  }

  static Map<String, String> sms(String to, String body) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("To", to);
    form.put("From", "+15017122661");
    form.put("Body", body);
    return form;
  }

  HttpResponse<String> createMessage(Map<String, String> form) {
    return createMessage(SID, SID, TOKEN, form);
  }

  HttpResponse<String> createMessage(
      String pathSid, String user, String password, Map<String, String> form) {
    String credentials =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(
                baseUrl.resolve("/2010-04-01/Accounts/" + pathSid + "/Messages.json"))
            .header("Authorization", "Basic " + credentials)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
            .build();
    return send(request);
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

  static String encode(Map<String, String> form) {
    return form.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
