package io.kilowatch.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Plain JDK HTTP calls to a sandbox's SendGrid API and controls, as the SendGrid SDK makes them.
 */
final class SendGridClient {
  static final String KEY = SandboxSettings.DEFAULT_SENDGRID_API_KEY;

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI baseUrl;

  SendGridClient(ProviderSandbox sandbox) {
    this.baseUrl = sandbox.baseUrl();
  }

  /** A minimal valid v3 payload to one recipient. */
  static ObjectNode mail(String to) {
    ObjectNode mail = SandboxClient.JSON.createObjectNode();
    mail.putObject("from").put("email", "alerts@kilowatch.example").put("name", "Kilowatch");
    mail.put("subject", "Price alert");
    mail.putArray("personalizations").addObject().putArray("to").addObject().put("email", to);
    var content = mail.putArray("content");
    content.addObject().put("type", "text/plain").put("value", "41.2 ct/kWh");
    content.addObject().put("type", "text/html").put("value", "<p>41.2 ct/kWh</p>");
    mail.putObject("custom_args").put("notificationId", "ntf-1");
    return mail;
  }

  HttpResponse<String> send(ObjectNode mail) {
    return send(KEY, mail.toString());
  }

  /** {@code POST /v3/mail/send}; {@code key} null sends no Authorization header. */
  HttpResponse<String> send(String key, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(baseUrl.resolve("/v3/mail/send"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return exchange(request.build());
  }

  HttpResponse<String> get(String path, String key) {
    HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(path));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return exchange(request.build());
  }

  HttpResponse<String> control(String path, String json) {
    return exchange(
        HttpRequest.newBuilder(baseUrl.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  HttpResponse<String> exchange(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
