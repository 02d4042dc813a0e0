package io.kilowatch.channel.sms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Posts Twilio-shaped webhooks straight to a server, signed as the test says. */
final class WebhookPoster {
  private final HttpClient http = HttpClient.newHttpClient();

  /** Signs {@code form} for {@code signedUrl} with {@code token}, POSTs it to {@code target}. */
  HttpResponse<String> postSigned(
      String target, String signedUrl, String token, Map<String, String> form) {
    String signature = new TwilioSignatureValidator(token).signatureOf(signedUrl, multi(form));
    return post(target, form, signature);
  }

  /** POSTs {@code form} with this {@code X-Twilio-Signature} (none if null). */
  HttpResponse<String> post(String target, Map<String, String> form, String signature) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(target))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
    if (signature != null) {
      request.header(TwilioSignatureValidator.HEADER, signature);
    }
    return send(request.build());
  }

  HttpResponse<String> get(String target) {
    return send(HttpRequest.newBuilder(URI.create(target)).build());
  }

  static Map<String, List<String>> multi(Map<String, String> form) {
    Map<String, List<String>> multi = new LinkedHashMap<>();
    form.forEach((name, value) -> multi.put(name, List.of(value)));
    return multi;
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String encode(Map<String, String> form) {
    return form.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
