package io.kilowatch.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A plain HTTP client for the API under test: raw status, headers and body, no exceptions. */
public final class ApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;

  public ApiClient(URI base) {
    this.base = base;
  }

  /** An answer; {@code body} is the parsed JSON (missing when not JSON), {@code bytes} the raw. */
  public record Reply(
      int status,
      String contentType,
      String location,
      String disposition,
      JsonNode body,
      byte[] bytes) {
    /** The {@code field} of each problem+json error, in order. */
    public List<String> errorFields() {
      List<String> fields = new ArrayList<>();
      body.path("errors").forEach(e -> fields.add(e.path("field").asText()));
      return fields;
    }

    public String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  public Reply get(String path, String token) {
    return send(request(path, token).GET());
  }

  public Reply get(String path, String token, String reason) {
    return send(request(path, token).header("X-Kilowatch-Reason", reason).GET());
  }

  public Reply post(String path, String token, String json) {
    return send(
        request(path, token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** A POST without a body, the reason in the {@code X-Kilowatch-Reason} header (if not null). */
  public Reply postWithReasonHeader(String path, String token, String reason) {
    HttpRequest.Builder builder = request(path, token);
    if (reason != null) {
      builder.header("X-Kilowatch-Reason", reason);
    }
    return send(builder.POST(HttpRequest.BodyPublishers.noBody()));
  }

  private HttpRequest.Builder request(String path, String token) {
    var builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<byte[]> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      byte[] bytes = response.body() == null ? new byte[0] : response.body();
      String type = response.headers().firstValue("Content-Type").orElse("");
      JsonNode body = JSON.missingNode();
      if (bytes.length > 0 && type.contains("json")) {
        body = JSON.readTree(bytes);
      }
      return new Reply(
          response.statusCode(),
          type,
          response.headers().firstValue("Location").orElse(null),
          response.headers().firstValue("Content-Disposition").orElse(null),
          body,
          bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
