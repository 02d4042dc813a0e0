package io.kilowatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kilowatch.platform.security.Roles;
import io.kilowatch.sandbox.RecordedRequest;
import io.kilowatch.testing.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton end to end, on real infrastructure (the machine's PostgreSQL and RabbitMQ
 * under {@code .ci/run}, embedded otherwise): meter readings over HTTP → daily usage window → rules
 * engine → delivery → Twilio SDK → provider sandbox → delivery record. The same batch twice yields
 * one SMS.
 */
class WalkingSkeletonIT {
  static final ZoneId LONDON = ZoneId.of("Europe/London");
  static SandboxedApp app;
  static ApiClient api;
  static TestTokens tokens;

  @BeforeAll
  static void start() {
    app = SandboxedApp.start(Map.of());
    api = app.api;
    tokens = app.tokens;
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void dailyUsageCrossingTenKwhSendsOneSmsAndRecordsItsDelivery() {
    givenHousehold("C-1", "MTR-1", "+447700900123", "10");
    givenHousehold("C-2", "MTR-2", "+447700900124", "10");
    givenHousehold("C-3", "MTR-3", "+447700900125", "10");
    LocalDate yesterday = LocalDate.now(LONDON).minusDays(1);
    String ingest = tokens.token("head-end", Roles.INGEST);

    // 12 x 1 kWh for MTR-1 (crosses 10 kWh), 5 x 1 kWh for MTR-2 (does not)
    List<Map<String, Object>> batch = new ArrayList<>();
    batch.addAll(readings("MTR-1", yesterday, 0, 12, 1000));
    batch.addAll(readings("MTR-2", yesterday, 0, 5, 1000));
    var first = api.post("/api/v1/readings", ingest, batch);
    assertThat(first.status()).as(first.body().toString()).isBetween(200, 202);

    await().atMost(Duration.ofSeconds(30)).until(() -> smsTo("+447700900123").size() == 1);
    RecordedRequest sms = smsTo("+447700900123").get(0);
    assertThat(sms.formParam("Body")).contains("10 kWh").contains("12 kWh");
    assertThat(sms.formParam("From")).isEqualTo("+15005550006");

    String support = tokens.token("agent-7", Roles.SUPPORT);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              var timeline = api.get("/api/v1/customers/C-1/notifications", support);
              assertThat(timeline.status()).isEqualTo(200);
              assertThat(timeline.body()).hasSize(1);
              var n = timeline.body().get(0);
              assertThat(n.get("status").asText()).isEqualTo("sent");
              assertThat(n.get("attempts").get(0).get("providerMessageId").asText())
                  .startsWith("SM");
              assertThat(n.get("attempts").get(0).get("provider").asText()).isEqualTo("twilio");
            });

    // The same batch again: stored once, no new event, no second SMS.
    var again = api.post("/api/v1/readings", ingest, batch);
    assertThat(again.status()).isBetween(200, 202);
    assertThat(again.body().get("duplicates").asInt()).isEqualTo(17);
    // A higher total the same day does not alert again either.
    var more = api.post("/api/v1/readings", ingest, readings("MTR-1", yesterday, 12, 2, 1000));
    assertThat(more.status()).isBetween(200, 202);
    // Barrier: C-3 crosses afterwards; the rules queue is processed in order, so once C-3's SMS
    // is out, MTR-1's later updates have been evaluated.
    api.post("/api/v1/readings", ingest, readings("MTR-3", yesterday, 0, 11, 1000));
    await().atMost(Duration.ofSeconds(30)).until(() -> smsTo("+447700900125").size() == 1);

    assertThat(smsTo("+447700900123")).hasSize(1);
    assertThat(smsTo("+447700900124")).isEmpty();
    // the provider call returns before the delivery is recorded: wait for the record
    var sent =
        app.server
            .getApplicationContext()
            .getBean(MeterRegistry.class)
            .counter("kilowatch.deliveries", "channel", "sms", "status", "sent");
    await().atMost(Duration.ofSeconds(10)).until(() -> sent.count() >= 2.0);
    assertThat(sent.count()).isEqualTo(2.0);

    // The analytics read model counts them per day, channel, category and provider.
    String ops = tokens.token("ops-1", Roles.OPS);
    LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
    var report =
        api.get(
            "/api/v1/analytics/deliveries?from=" + today.minusDays(1) + "&to=" + today.plusDays(1),
            ops);
    assertThat(report.status()).as(report.body().toString()).isEqualTo(200);
    var usageSms =
        java.util.stream.StreamSupport.stream(report.body().get("deliveries").spliterator(), false)
            .filter(g -> g.get("channel").asText().equals("sms"))
            .filter(g -> g.get("category").asText().equals("usage"))
            .filter(g -> g.get("provider").asText().equals("twilio"))
            .mapToLong(g -> g.get("counts").path("sent").asLong())
            .sum();
    assertThat(usageSms).isEqualTo(2);
    assertThat(report.body().get("latency").get(0).get("count").asLong()).isEqualTo(2);
    assertThat(api.get("/api/v1/analytics/deliveries?from=x&to=y", ops).status()).isEqualTo(400);
  }

  private void givenHousehold(String customerId, String meterId, String phone, String kwh) {
    String admin = tokens.token("ops-admin", Roles.ADMIN);
    var account =
        api.post(
            "/api/v1/accounts",
            admin,
            Map.of(
                "customerId",
                customerId,
                "name",
                "Customer " + customerId,
                "region",
                "GB-LON",
                "timeZone",
                "Europe/London",
                "meters",
                List.of(meterId),
                "supplyStart",
                LocalDate.now(LONDON).minusDays(30).toString()));
    assertThat(account.status()).as(account.body().toString()).isBetween(200, 201);
    var contact =
        api.post(
            "/api/v1/customers/" + customerId + "/contact-points",
            admin,
            Map.of("channel", "sms", "address", phone, "verified", true));
    assertThat(contact.status()).as(contact.body().toString()).isEqualTo(201);
    // The rule names the meter, so it is accepted only once the rules engine knows the meter is
    // the customer's (from billing's MeterAssigned event).
    String customer = tokens.customer(customerId);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                api.post(
                            "/api/v1/rules",
                            customer,
                            Map.of(
                                "kind", "daily-usage-above",
                                "thresholdKwh", kwh,
                                "meterId", meterId))
                        .status()
                    == 201);
  }

  private static List<Map<String, Object>> readings(
      String meterId, LocalDate day, int fromSlot, int count, long wh) {
    Instant midnight = day.atStartOfDay(LONDON).toInstant();
    List<Map<String, Object>> readings = new ArrayList<>();
    for (int i = fromSlot; i < fromSlot + count; i++) {
      Instant end = midnight.plus(Duration.ofMinutes(15L * (i + 1)));
      readings.add(
          Map.of(
              "readingId",
              meterId + "@" + end,
              "meterId",
              meterId,
              "timestamp",
              end.toString(),
              "energyWh",
              wh));
    }
    return readings;
  }

  private static List<RecordedRequest> smsTo(String phone) {
    return app.smsTo(phone);
  }
}
