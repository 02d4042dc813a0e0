package io.kilowatch.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kilowatch.events.EventEnvelope;
import io.kilowatch.events.EventTypes;
import io.kilowatch.events.metering.UsageWindowUpdated;
import io.kilowatch.platform.messaging.EventSubscription;
import io.kilowatch.platform.security.Roles;
import io.kilowatch.testing.TestInfrastructure;
import io.kilowatch.testing.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code POST /api/v1/readings} on real PostgreSQL and AMQP: storage, dedupe, daily windows, the
 * {@code UsageWindowUpdated} events that leave through the outbox, and every way a batch is
 * refused. The clock stands on 25 October 2026, 12:00 UTC: the day London falls back to GMT, a
 * 25-hour window.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadingIngestionIT implements TestPropertyProvider {
  static final String SPEC = "ReadingIngestionIT";
  static final Instant NOW = Instant.parse("2026-10-25T12:00:00Z");
  static final Duration EVENT_TIMEOUT = Duration.ofSeconds(20);
  static final List<EventEnvelope<UsageWindowUpdated>> EVENTS = new CopyOnWriteArrayList<>();
  static final ObjectMapper JSON = new ObjectMapper();

  @Inject EmbeddedServer server;
  @Inject ApplicationContext context;
  @Inject MeteringQueries queries;
  @Inject DataSource dataSource;
  @Inject DataSourceResolver dataSourceResolver;

  final HttpClient http = HttpClient.newHttpClient();
  String ingestToken;
  TestTokens tokens;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> props = new HashMap<>(TestInfrastructure.properties());
    props.put("spec.name", SPEC);
    return props;
  }

  @BeforeAll
  void signTokens() {
    tokens = new TestTokens(context);
    ingestToken = tokens.token("head-end-1", Roles.INGEST);
  }

  @AfterAll
  void clearEvents() {
    EVENTS.clear();
  }

  // --- accepted batches ---

  @Test
  void validBatchIsStoredAndEachChangedWindowIsPublished() throws Exception {
    var response =
        post(
            batch(
                // 00:00 BST on 25 Oct: ends the interval that closes 24 Oct
                reading("A-1", "MTR-A", "2026-10-24T23:00:00Z", 100),
                reading("A-2", "MTR-A", "2026-10-24T23:30:00Z", 200),
                // 01:30 BST and 01:30 GMT: the repeated hour, both on 25 Oct
                reading("A-3", "MTR-A", "2026-10-25T00:30:00Z", 400),
                reading("A-4", "MTR-A", "2026-10-25T01:30:00+00:00", 300)));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(json(response).get("accepted").asInt()).isEqualTo(4);
    assertThat(json(response).get("duplicates").asInt()).isEqualTo(0);
    assertThat(count("SELECT count(*) FROM metering.reading WHERE meter_id = ?", "MTR-A"))
        .isEqualTo(4);
    assertThat(
            count(
                "SELECT count(*) FROM metering.reading WHERE meter_id = ? AND received_at = ?",
                "MTR-A",
                OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC)))
        .isEqualTo(4);

    await().atMost(EVENT_TIMEOUT).until(() -> eventsFor("MTR-A").size() == 2);
    var events = eventsFor("MTR-A");
    assertThat(events)
        .allSatisfy(
            e -> {
              assertThat(e.type()).isEqualTo("metering.usage-window-updated.v1");
              assertThat(e.source()).isEqualTo("/kilowatch/metering-ingest");
              assertThat(e.subject()).isEqualTo("meter/MTR-A");
              assertThat(e.time()).isEqualTo(NOW);
            });
    assertThat(events.stream().map(EventEnvelope::data))
        .containsExactlyInAnyOrder(
            new UsageWindowUpdated(
                "MTR-A",
                "P1D",
                Instant.parse("2026-10-23T23:00:00Z"),
                Instant.parse("2026-10-24T23:00:00Z"),
                100,
                1,
                NOW),
            new UsageWindowUpdated(
                "MTR-A",
                "P1D",
                Instant.parse("2026-10-24T23:00:00Z"),
                Instant.parse("2026-10-26T00:00:00Z"),
                900,
                3,
                NOW));

    assertThat(
            queries.dailyUsage(
                "MTR-A",
                Instant.parse("2026-10-20T00:00:00Z"),
                Instant.parse("2026-10-30T00:00:00Z")))
        .containsExactly(
            new DailyUsage(
                "MTR-A",
                Instant.parse("2026-10-23T23:00:00Z"),
                Instant.parse("2026-10-24T23:00:00Z"),
                100,
                1,
                NOW),
            new DailyUsage(
                "MTR-A",
                Instant.parse("2026-10-24T23:00:00Z"),
                Instant.parse("2026-10-26T00:00:00Z"),
                900,
                3,
                NOW));
  }

  @Test
  void sameBatchTwiceIsStoredOnceAndPublishedOnce() throws Exception {
    String batch =
        batch(
            reading("B-1", "MTR-B", "2026-10-25T10:00:00Z", 120),
            reading("B-2", "MTR-B", "2026-10-25T10:30:00Z", 130));

    var first = post(batch);
    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(json(first).get("accepted").asInt()).isEqualTo(2);
    await().atMost(EVENT_TIMEOUT).until(() -> eventsFor("MTR-B").size() == 1);

    var second = post(batch);
    assertThat(second.statusCode()).isEqualTo(202);
    assertThat(json(second).get("accepted").asInt()).isEqualTo(0);
    assertThat(json(second).get("duplicates").asInt()).isEqualTo(2);

    // events leave the outbox in order through one consumer: once the marker's event is here, a
    // second event for MTR-B would have arrived before it
    assertThat(
            post(batch(reading("B-marker", "MTR-B-marker", "2026-10-25T10:00:00Z", 1)))
                .statusCode())
        .isEqualTo(202);
    await().atMost(EVENT_TIMEOUT).until(() -> eventsFor("MTR-B-marker").size() == 1);
    assertThat(eventsFor("MTR-B")).hasSize(1);
    assertThat(eventsFor("MTR-B").get(0).data().energyWh()).isEqualTo(250);
    assertThat(count("SELECT count(*) FROM metering.reading WHERE meter_id = ?", "MTR-B"))
        .isEqualTo(2);
    assertThat(
            count(
                "SELECT sum(reading_count) FROM metering.daily_usage WHERE meter_id = ?", "MTR-B"))
        .isEqualTo(2);
  }

  @Test
  void duplicatesWithinAndAcrossBatchesAreCountedNotStored() throws Exception {
    assertThat(post(batch(reading("C-1", "MTR-C", "2026-10-25T09:00:00Z", 100))).statusCode())
        .isEqualTo(202);

    var response =
        post(
            batch(
                reading("C-1", "MTR-C", "2026-10-25T09:00:00Z", 100), // same id, stored before
                reading("C-2", "MTR-C", "2026-10-25T09:30:00Z", 200),
                reading("C-2", "MTR-C", "2026-10-25T09:30:00Z", 200), // same id, same batch
                reading("C-3", "MTR-C", "2026-10-25T09:30:00Z", 999), // same meter and time
                reading("C-4", "MTR-C", "2026-10-25T10:00:00Z", 50)));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(json(response).get("accepted").asInt()).isEqualTo(2);
    assertThat(json(response).get("duplicates").asInt()).isEqualTo(3);
    assertThat(count("SELECT count(*) FROM metering.reading WHERE meter_id = ?", "MTR-C"))
        .isEqualTo(3);
    await()
        .atMost(EVENT_TIMEOUT)
        .until(() -> eventsFor("MTR-C").stream().anyMatch(e -> e.data().readingCount() == 3));
    var latest =
        eventsFor("MTR-C").stream().filter(e -> e.data().readingCount() == 3).findFirst().get();
    assertThat(latest.data().energyWh()).isEqualTo(350);
  }

  @Test
  void fullBatchOfManyMetersIsStoredInOneGo() throws Exception {
    int meters = 50;
    int perMeter = 20; // 00:30 to 10:00 on 25 October, one window per meter
    String batch =
        batch(
            IntStream.range(0, meters * perMeter)
                .mapToObj(
                    i ->
                        reading(
                            "F-" + i,
                            "MTR-F-" + (i % meters),
                            Instant.parse("2026-10-25T00:00:00Z")
                                .plusSeconds(1800L * (1 + i / meters))
                                .toString(),
                            i))
                .toArray(String[]::new));

    var response = post(batch);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    assertThat(json(response).get("accepted").asInt()).isEqualTo(1000);
    assertThat(count("SELECT count(*) FROM metering.reading WHERE meter_id LIKE 'MTR-F-%'"))
        .isEqualTo(1000);
    assertThat(count("SELECT count(*) FROM metering.daily_usage WHERE meter_id LIKE 'MTR-F-%'"))
        .isEqualTo(meters);
    await()
        .atMost(EVENT_TIMEOUT)
        .until(
            () ->
                EVENTS.stream().filter(e -> e.data().meterId().startsWith("MTR-F-")).count()
                    == meters);
    assertThat(eventsFor("MTR-F-7").get(0).data().readingCount()).isEqualTo(perMeter);
    assertThat(eventsFor("MTR-F-7").get(0).data().energyWh())
        .isEqualTo(IntStream.range(0, perMeter).map(k -> 7 + k * meters).sum());
  }

  @Test
  void concurrentIdenticalBatchesStoreEachReadingOnce() throws Exception {
    String batch =
        batch(
            IntStream.range(0, 48)
                .mapToObj(
                    i ->
                        reading(
                            "D-" + i,
                            "MTR-D",
                            Instant.parse("2026-10-24T12:00:00Z").plusSeconds(1800L * i).toString(),
                            10 + i))
                .toArray(String[]::new));
    int senders = 4;
    ExecutorService pool = Executors.newFixedThreadPool(senders);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 0; i < senders; i++) {
        calls.add(
            () -> {
              start.await();
              return post(batch);
            });
      }
      List<Future<HttpResponse<String>>> futures = new ArrayList<>();
      for (var call : calls) {
        futures.add(pool.submit(call));
      }
      start.countDown();
      int accepted = 0;
      int duplicates = 0;
      for (var future : futures) {
        var response = future.get();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        accepted += json(response).get("accepted").asInt();
        duplicates += json(response).get("duplicates").asInt();
      }
      assertThat(accepted).isEqualTo(48);
      assertThat(duplicates).isEqualTo(48 * (senders - 1));
    } finally {
      pool.shutdownNow();
    }
    long expectedWh = IntStream.range(0, 48).map(i -> 10 + i).sum();
    assertThat(count("SELECT count(*) FROM metering.reading WHERE meter_id = ?", "MTR-D"))
        .isEqualTo(48);
    assertThat(count("SELECT sum(energy_wh) FROM metering.daily_usage WHERE meter_id = ?", "MTR-D"))
        .isEqualTo(expectedWh);
    assertThat(
            count(
                "SELECT sum(reading_count) FROM metering.daily_usage WHERE meter_id = ?", "MTR-D"))
        .isEqualTo(48);
  }

  // --- refused batches ---

  static String good() {
    return reading("BAD-ok", "MTR-BAD", "2026-10-25T11:00:00Z", 5);
  }

  static String readingWith(String field, String jsonValue) {
    Map<String, String> fields = new java.util.LinkedHashMap<>();
    fields.put("readingId", "\"BAD-1\"");
    fields.put("meterId", "\"MTR-BAD\"");
    fields.put("timestamp", "\"2026-10-25T11:30:00Z\"");
    fields.put("energyWh", "7");
    if (jsonValue == null) {
      fields.remove(field);
    } else {
      fields.put(field, jsonValue);
    }
    return fields.entrySet().stream()
        .map(e -> "\"" + e.getKey() + "\": " + e.getValue())
        .collect(Collectors.joining(", ", "{", "}"));
  }

  static Arguments bad(String name, String body, int status, String... fields) {
    return Arguments.of(name, body, status, Arrays.asList(fields));
  }

  static Stream<Arguments> badBatches() {
    return Stream.of(
        bad("fraction", batch(good(), readingWith("energyWh", "12.5")), 400, "[1].energyWh"),
        bad("negative", batch(good(), readingWith("energyWh", "-1")), 400, "[1].energyWh"),
        bad("NaN string", batch(good(), readingWith("energyWh", "\"NaN\"")), 400, "[1].energyWh"),
        bad(
            "Infinity string",
            batch(good(), readingWith("energyWh", "\"Infinity\"")),
            400,
            "[1].energyWh"),
        bad(
            "number as string",
            batch(good(), readingWith("energyWh", "\"12\"")),
            400,
            "[1].energyWh"),
        bad("over 10^9", batch(good(), readingWith("energyWh", "1000000001")), 400, "[1].energyWh"),
        bad("energy missing", batch(good(), readingWith("energyWh", null)), 400, "[1].energyWh"),
        bad("energy null", batch(good(), readingWith("energyWh", "null")), 400, "[1].energyWh"),
        bad(
            "6 minutes ahead",
            batch(good(), readingWith("timestamp", "\"2026-10-25T12:06:00Z\"")),
            400,
            "[1].timestamp"),
        bad(
            "no offset",
            batch(good(), readingWith("timestamp", "\"2026-10-25T11:30:00\"")),
            400,
            "[1].timestamp"),
        bad(
            "not a time",
            batch(good(), readingWith("timestamp", "\"yesterday\"")),
            400,
            "[1].timestamp"),
        bad(
            "epoch seconds",
            batch(good(), readingWith("timestamp", "1761391800")),
            400,
            "[1].timestamp"),
        bad(
            "blank readingId",
            batch(good(), readingWith("readingId", "\" \"")),
            400,
            "[1].readingId"),
        bad(
            "65-char meterId",
            batch(good(), readingWith("meterId", "\"" + "m".repeat(65) + "\"")),
            400,
            "[1].meterId"),
        bad("meterId missing", batch(good(), readingWith("meterId", null)), 400, "[1].meterId"),
        bad("meterId number", batch(good(), readingWith("meterId", "42")), 400, "[1].meterId"),
        bad("item not an object", batch(good(), "42"), 400, "[1]"),
        bad(
            "every bad field",
            batch(
                good(),
                "{\"readingId\": \"\", \"timestamp\": \"soon\", \"energyWh\": \"NaN\"}",
                readingWith("energyWh", "-3")),
            400,
            "[1].readingId",
            "[1].meterId",
            "[1].timestamp",
            "[1].energyWh",
            "[2].energyWh"),
        bad("empty array", "[]", 400, "$"),
        bad("empty body", "", 400, "$"),
        bad("object, not array", good(), 400, "$"),
        bad("malformed JSON", "[" + good() + ", {\"readingId\": ", 400, "$"),
        bad("bare NaN", batch(good(), readingWith("energyWh", "NaN")), 400, "$"),
        bad("duplicate key", batch(good(), "{\"energyWh\": 1, \"energyWh\": 2}"), 400, "$"),
        bad(
            "1001 readings",
            batch(
                IntStream.range(0, 1001)
                    .mapToObj(
                        i ->
                            reading(
                                "BAD-" + i,
                                "MTR-BAD",
                                Instant.parse("2026-10-20T00:00:00Z")
                                    .plusSeconds(60L * i)
                                    .toString(),
                                1))
                    .toArray(String[]::new)),
            413,
            "$"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badBatches")
  void badBatchIsRefusedNamingEachFieldAndStoresNothing(
      String name, String body, int status, List<String> fields) throws Exception {
    long readingsBefore = count("SELECT count(*) FROM metering.reading");
    long windowsBefore = count("SELECT count(*) FROM metering.daily_usage");

    var response = post(body);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertProblemJson(response, status);
    assertThat(json(response).get("errors").findValuesAsText("field"))
        .containsExactlyElementsOf(fields);
    assertThat(json(response).get("errors").findValuesAsText("message"))
        .allMatch(m -> !m.isBlank());
    assertThat(count("SELECT count(*) FROM metering.reading")).isEqualTo(readingsBefore);
    assertThat(count("SELECT count(*) FROM metering.daily_usage")).isEqualTo(windowsBefore);
    assertThat(count("SELECT count(*) FROM metering.reading WHERE meter_id = ?", "MTR-BAD"))
        .isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/xml", ""})
  void wrongContentTypeIs415ProblemJson(String contentType) throws Exception {
    var response = post(batch(good()), contentType.isEmpty() ? null : contentType, ingestToken);

    assertThat(response.statusCode()).isEqualTo(415);
    assertProblemJson(response, 415);
    assertThat(json(response).get("errors").findValuesAsText("field"))
        .containsExactly("Content-Type");
    assertThat(count("SELECT count(*) FROM metering.reading WHERE meter_id = ?", "MTR-BAD"))
        .isZero();
  }

  @Test
  void jsonWithCharsetParameterIsAccepted() throws Exception {
    var response =
        post(
            batch(reading("E-1", "MTR-E", "2026-10-25T11:00:00Z", 1)),
            "application/json; charset=UTF-8",
            ingestToken);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
  }

  @Test
  void wrongContentTypeWithoutTokenIsStill401() throws Exception {
    assertThat(post(batch(good()), "text/plain", null).statusCode()).isEqualTo(401);
  }

  @Test
  void requestWithoutTokenIs401() throws Exception {
    var response = post(batch(good()), "application/json", null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertProblemJson(response, 401);
    assertThat(count("SELECT count(*) FROM metering.reading WHERE meter_id = ?", "MTR-BAD"))
        .isZero();
  }

  @Test
  void tokenWithoutRoleIngestIs403() throws Exception {
    for (String token :
        List.of(
            tokens.customer("C-1"),
            tokens.token("ops-1", Roles.OPS),
            tokens.token("admin-1", Roles.ADMIN))) {
      var response = post(batch(good()), "application/json", token);

      assertThat(response.statusCode()).isEqualTo(403);
      assertProblemJson(response, 403);
    }
    assertThat(count("SELECT count(*) FROM metering.reading WHERE meter_id = ?", "MTR-BAD"))
        .isZero();
  }

  // --- helpers ---

  static String reading(String readingId, String meterId, String timestamp, long energyWh) {
    return String.format(
        "{\"readingId\": \"%s\", \"meterId\": \"%s\", \"timestamp\": \"%s\", \"energyWh\": %d}",
        readingId, meterId, timestamp, energyWh);
  }

  static String batch(String... readings) {
    return Arrays.stream(readings).collect(Collectors.joining(",\n", "[", "]"));
  }

  HttpResponse<String> post(String body) throws Exception {
    return post(body, "application/json", ingestToken);
  }

  HttpResponse<String> post(String body, String contentType, String token) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create(server.getURI() + "/api/v1/readings"))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/json")
            .POST(BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  static void assertProblemJson(HttpResponse<String> response, int status) throws Exception {
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(json(response).get("status").asInt()).isEqualTo(status);
  }

  static List<EventEnvelope<UsageWindowUpdated>> eventsFor(String meterId) {
    return EVENTS.stream().filter(e -> e.data().meterId().equals(meterId)).toList();
  }

  long count(String sql, Object... params) throws SQLException {
    try (Connection c = dataSourceResolver.resolve(dataSource).getConnection();
        PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        st.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Factory
  @Requires(property = "spec.name", value = SPEC)
  static class TestBeans {
    @Singleton
    @Replaces(Clock.class)
    Clock fixedClock() {
      return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    @Singleton
    EventSubscription usageWindows() {
      return EventSubscription.of(
          "test.usage-windows",
          EventTypes.USAGE_WINDOW_UPDATED.name(),
          event -> EVENTS.add(event.bind(EventTypes.USAGE_WINDOW_UPDATED)));
    }
  }
}
