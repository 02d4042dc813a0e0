package io.kilowatch.preference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A plain HTTP client for the API under test: raw status, headers and JSON, no exceptions. */
public final class ApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;

  public ApiClient(URI base) {
    this.base = base;
  }

  public record Reply(int status, String contentType, JsonNode body) {
    /** The {@code field} of each problem+json error, in order. */
    public List<String> errorFields() {
      List<String> fields = new ArrayList<>();
      body.path("errors").forEach(e -> fields.add(e.path("field").asText()));
      return fields;
    }

    /** The first error's message. */
    public String firstError() {
      return body.path("errors").path(0).path("message").asText();
    }
  }

  public Reply get(String path, String token) {
    return get(path, token, Map.of());
  }

  public Reply get(String path, String token, Map<String, String> headers) {
    return send(request(path, token, headers).GET());
  }

  public Reply post(String path, String token, String json) {
    return post(path, token, json, Map.of());
  }

  public Reply post(String path, String token, String json, Map<String, String> headers) {
    return send(
        request(path, token, headers)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Reply put(String path, String token, String json) {
    return put(path, token, json, Map.of());
  }

  public Reply put(String path, String token, String json, Map<String, String> headers) {
    return send(
        request(path, token, headers)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Reply delete(String path, String token) {
    return delete(path, token, Map.of());
  }

  public Reply delete(String path, String token, Map<String, String> headers) {
    return send(request(path, token, headers).DELETE());
  }

  private HttpRequest.Builder request(String path, String token, Map<String, String> headers) {
    var builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    headers.forEach(builder::header);
    return builder;
  }

  private Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String text = response.body();
      JsonNode body = text == null || text.isBlank() ? JSON.missingNode() : JSON.readTree(text);
      return new Reply(
          response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
