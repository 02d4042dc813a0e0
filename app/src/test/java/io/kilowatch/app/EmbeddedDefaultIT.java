package io.kilowatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kilowatch.infra.embedded.FreePort;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What {@code ./kilowatch demo} does, on the embedded defaults whatever the environment says:
 * embedded PostgreSQL, in-process AMQP broker, Hazelcast member, provider sandbox, demo data and
 * the meter simulator. SMS deliveries must show on the management port's Prometheus endpoint.
 */
class EmbeddedDefaultIT {
  private static final Pattern SENT = counter("sent");
  // the sandbox's signed status callbacks, verified and recorded by delivery
  private static final Pattern DELIVERED = counter("delivered");

  private static Pattern counter(String status) {
    return Pattern.compile(
        "kilowatch_deliveries_total\\{[^}]*channel=\"sms\"[^}]*status=\""
            + status
            + "\"[^}]*}\\s+([0-9.eE+]+)");
  }

  @Test
  void demoOnEmbeddedDefaultsDeliversSms() throws Exception {
    int management = FreePort.find();
    Map<String, String> env =
        Map.of(
            "KILOWATCH_PORT", String.valueOf(FreePort.find()),
            "KILOWATCH_MANAGEMENT_PORT", String.valueOf(management),
            "KILOWATCH_HAZELCAST_CLUSTER", "embedded-it-" + System.nanoTime());
    try (Kilowatch kilowatch = Kilowatch.start(env, true)) {
      HttpClient http = HttpClient.newHttpClient();
      String base = kilowatch.managementUrl();
      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/health")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("UP");

      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> count(http, base, SENT) > 0 && count(http, base, DELIVERED) > 0);
    }
  }

  private static double count(HttpClient http, String base, Pattern counter) throws Exception {
    String body =
        http.send(
                HttpRequest.newBuilder(URI.create(base + "/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher m = counter.matcher(body);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
