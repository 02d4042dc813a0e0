package io.kilowatch.delivery.trigger;

import static io.kilowatch.delivery.trigger.TriggerHttp.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowatch.platform.security.Roles;
import io.kilowatch.sandbox.ProviderSandbox;
import io.kilowatch.sandbox.SandboxSettings;
import io.kilowatch.testing.TestInfrastructure;
import io.kilowatch.testing.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trigger API on real PostgreSQL, RabbitMQ, Hazelcast and the provider sandbox: API keys (shown
 * once, stored hashed, scoped, revocable), {@code POST /api/v1/notifications} through the normal
 * delivery route with the channel override, {@code Idempotency-Key} with Stripe's semantics (clock
 * moved past 24 hours), and the bulk variant's per-item results.
 */
class TriggerApiIT {
  static final String TEMPLATE = "usage.daily-threshold-crossed";
  static final Map<String, String> DATA =
      Map.of("day", "2026-11-21", "thresholdKwh", "10", "usageKwh", "11", "meterId", "M");

  static ProviderSandbox sandbox;
  static EmbeddedServer server;
  static TriggerHttp http;
  static TestTokens tokens;
  static TriggerTestClock clock;
  static String jdbcUrl;

  @BeforeAll
  static void start() {
    sandbox = ProviderSandbox.start(SandboxSettings.defaults());
    Map<String, Object> props = new HashMap<>(TestInfrastructure.properties());
    props.put("spec.name", "TriggerApiIT");
    jdbcUrl = (String) props.get("datasources.default.url");
    String twilio = "kilowatch.channels.sms.twilio.";
    props.put(twilio + "account-sid", SandboxSettings.DEFAULT_TWILIO_ACCOUNT_SID);
    props.put(twilio + "auth-token", SandboxSettings.DEFAULT_TWILIO_AUTH_TOKEN);
    props.put(twilio + "from-number", "+15005550006");
    props.put(twilio + "base-url", sandbox.baseUrl().toString());
    String email = "kilowatch.channels.email.sendgrid.";
    props.put(email + "api-key", SandboxSettings.DEFAULT_SENDGRID_API_KEY);
    props.put(email + "from-email", "alerts@kilowatch.example");
    props.put(email + "base-url", sandbox.baseUrl().toString());
    props.put("kilowatch.delivery.trigger.max-recipients", "5");
    props.put("kilowatch.delivery.trigger.max-bulk-items", "20");
    server = ApplicationContext.run(EmbeddedServer.class, props);
    http = new TriggerHttp("http://127.0.0.1:" + server.getPort());
    tokens = new TestTokens(server.getApplicationContext());
    clock = server.getApplicationContext().getBean(TriggerTestClock.class);
  }

  @AfterAll
  static void stop() {
    server.getApplicationContext().close();
    sandbox.close();
  }

  // ---------------------------------------------------------------- API keys

  @Test
  void apiKeyIsShownOnceStoredHashedScopedAndRevocable() throws Exception {
    var created = createKey("crm-billing", "billing");
    String key = created.get("key").asText();
    String id = created.get("id").asText();
    assertThat(key).startsWith("kw_live_").hasSizeGreaterThan(40);
    assertThat(created.get("prefix").asText()).isEqualTo(key.substring(0, 14));
    assertThat(created.get("categories")).hasSize(1);

    var list = http.send("GET", "/api/v1/api-keys", admin(), null);
    assertThat(list.status()).isEqualTo(200);
    JsonNode listed = find(list.json().get("apiKeys"), id);
    assertThat(listed.get("active").asBoolean()).isTrue();
    assertThat(listed.has("key")).isFalse();
    assertThat(list.body()).doesNotContain(key);

    // only the SHA-256 of the key is stored, nowhere the key itself
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM delivery.api_key WHERE id = '" + id + "'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getBytes("key_hash"))
          .isEqualTo(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        assertThat(String.valueOf(rs.getObject(i))).doesNotContain(key.substring(8));
      }
    }

    var outOfScope = trigger(key, null, single("C-K1", "usage", TEMPLATE, DATA, List.of()));
    assertThat(outOfScope.status()).isEqualTo(403);
    assertThat(outOfScope.contentType()).startsWith("application/problem+json");
    assertThat(outOfScope.json().at("/errors/0/field").asText()).isEqualTo("category");

    var unknown =
        trigger(
            "kw_live_" + "A".repeat(43),
            null,
            single("C-K1", "billing", TEMPLATE, DATA, List.of()));
    assertThat(unknown.status()).isEqualTo(401);

    var customer =
        http.send(
            "POST",
            "/api/v1/notifications",
            bearer(tokens.customer("C-K1")),
            single("C-K1", "billing", TEMPLATE, DATA, List.of()));
    assertThat(customer.status()).isEqualTo(403);

    var byBearer =
        http.send(
            "POST",
            "/api/v1/notifications",
            bearer(key),
            single("C-K1", "usage", TEMPLATE, DATA, List.of()));
    assertThat(byBearer.status()).as("a key as bearer token works too").isEqualTo(403);

    var revoked = http.send("DELETE", "/api/v1/api-keys/" + id, admin(), null);
    assertThat(revoked.status()).isEqualTo(204);
    assertThat(trigger(key, null, single("C-K1", "usage", TEMPLATE, DATA, List.of())).status())
        .isEqualTo(401);
    JsonNode after =
        find(http.send("GET", "/api/v1/api-keys", admin(), null).json().get("apiKeys"), id);
    assertThat(after.get("active").asBoolean()).isFalse();
    assertThat(after.get("revokedBy").asText()).isEqualTo("key-admin");
    assertThat(http.send("DELETE", "/api/v1/api-keys/nope", admin(), null).status()).isEqualTo(404);
  }

  @Test
  void onlyAdminsManageKeysAndBadInputNamesTheField() {
    var asOps =
        http.send(
            "POST",
            "/api/v1/api-keys",
            bearer(tokens.token("ops-1", Roles.OPS)),
            Map.of("name", "x", "categories", List.of("usage")));
    assertThat(asOps.status()).isEqualTo(403);
    assertThat(http.send("GET", "/api/v1/api-keys", Map.of(), null).status()).isEqualTo(401);

    int before = http.send("GET", "/api/v1/api-keys", admin(), null).json().get("apiKeys").size();
    var bad =
        http.send(
            "POST",
            "/api/v1/api-keys",
            admin(),
            Map.of("name", "crm", "categories", List.of("usage", "weather")));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.contentType()).startsWith("application/problem+json");
    assertThat(bad.json().at("/errors/0/field").asText()).isEqualTo("categories[1]");
    assertThat(http.send("GET", "/api/v1/api-keys", admin(), null).json().get("apiKeys").size())
        .as("nothing created")
        .isEqualTo(before);
  }

  // ---------------------------------------------------------------- trigger + channel override

  @Test
  void triggeredNotificationTakesTheRouteAndTheChannelOverrideIsHonoured() {
    String key = createKey("crm-usage", "usage").get("key").asText();
    addContact("C-OVR", "sms", "+447700900301");
    addContact("C-OVR", "email", "ovr@example.com");

    // the customer's own order for usage: sms first
    var plain = trigger(key, null, single("C-OVR", "usage", TEMPLATE, DATA, List.of()));
    assertThat(plain.status()).as(plain.body()).isEqualTo(202);
    String plainId = plain.json().at("/notifications/0/notificationId").asText();
    assertThat(plain.json().at("/notifications/0/customerId").asText()).isEqualTo("C-OVR");
    await().atMost(Duration.ofSeconds(30)).until(() -> sentOrLater(plainId));
    assertThat(notification(plainId).get("channel").asText()).isEqualTo("sms");

    // the caller asks for email: email it is, although the customer's order starts with sms
    var override = trigger(key, null, single("C-OVR", "usage", TEMPLATE, DATA, List.of("email")));
    assertThat(override.status()).as(override.body()).isEqualTo(202);
    String overrideId = override.json().at("/notifications/0/notificationId").asText();
    await().atMost(Duration.ofSeconds(30)).until(() -> sentOrLater(overrideId));
    assertThat(notification(overrideId).get("channel").asText()).isEqualTo("email");

    // a channel the customer opted out of is never used, whatever the caller asks
    var prefs =
        http.send(
            "PUT",
            "/api/v1/customers/C-OVR/preferences",
            admin(),
            Map.of(
                "categories",
                Map.of("usage", Map.of("channels", List.of("sms"), "optOut", List.of("email")))));
    assertThat(prefs.status()).as(prefs.body()).isEqualTo(200);
    var optedOut = trigger(key, null, single("C-OVR", "usage", TEMPLATE, DATA, List.of("email")));
    assertThat(optedOut.status()).isEqualTo(202);
    String optedOutId = optedOut.json().at("/notifications/0/notificationId").asText();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "suppressed".equals(notification(optedOutId).path("status").asText()));
    assertThat(notification(optedOutId).get("statusReason").asText()).contains("opted-out");

    // email then sms: email is opted out, sms takes over
    var fallback =
        trigger(key, null, single("C-OVR", "usage", TEMPLATE, DATA, List.of("email", "sms")));
    String fallbackId = fallback.json().at("/notifications/0/notificationId").asText();
    await().atMost(Duration.ofSeconds(30)).until(() -> sentOrLater(fallbackId));
    assertThat(notification(fallbackId).get("channel").asText()).isEqualTo("sms");
  }

  @Test
  void invalidRequestsNameTheFieldAndPublishNothing() {
    String key = createKey("crm-validate", "usage").get("key").asText();
    Map<String, Object> tooMany = single(null, "usage", TEMPLATE, DATA, List.of());
    tooMany.put("customerIds", List.of("C-1", "C-2", "C-3", "C-4", "C-5", "C-6"));
    assertField(trigger(key, null, tooMany), 400, "customerIds");

    Map<String, Object> empty = single(null, "usage", TEMPLATE, DATA, List.of());
    empty.put("customerIds", List.of());
    assertField(trigger(key, null, empty), 400, "customerIds");

    assertField(
        trigger(key, null, single("C-V", "weather", TEMPLATE, DATA, List.of())), 400, "category");
    assertField(
        trigger(key, null, single("C-V", "usage", TEMPLATE, DATA, List.of("sms", "fax"))),
        400,
        "channels[1]");
    assertField(
        trigger(key, null, single("C-V", "usage", "usage.no-such-template", DATA, List.of())),
        400,
        "templateKey");
    assertField(
        trigger(key, null, single("C-V", "usage", TEMPLATE, Map.of("day", "x"), List.of())),
        400,
        "data.thresholdKwh");
    assertField(trigger(key, null, "{not json"), 400, "body");

    assertThat(
            http.send(
                    "GET",
                    "/api/v1/customers/C-V/notifications",
                    bearer(tokens.token("agent", Roles.SUPPORT)),
                    null)
                .json())
        .as("nothing was published for bad input")
        .isEmpty();
  }

  // ---------------------------------------------------------------- idempotency

  @Test
  void idempotencyKeyReplaysTheAnswerRefusesAnotherBodyAndExpiresAfter24Hours() throws Exception {
    String key = createKey("crm-idem", "usage").get("key").asText();
    addContact("C-IDEM", "sms", "+447700900302");
    String idem = UUID.randomUUID().toString();
    Map<String, Object> body = single("C-IDEM", "usage", TEMPLATE, DATA, List.of());

    var first = trigger(key, idem, body);
    assertThat(first.status()).as(first.body()).isEqualTo(202);
    String firstId = first.json().at("/notifications/0/notificationId").asText();

    var again = trigger(key, idem, body);
    assertThat(again.status()).isEqualTo(202);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.raw().headers().firstValue("Idempotent-Replayed")).contains("true");

    // the same body written differently (key order, spacing) is the same request
    String reordered =
        "{ \"templateKey\": \""
            + TEMPLATE
            + "\", \"data\": {\"usageKwh\":\"11\",\"thresholdKwh\":\"10\",\"meterId\":\"M\","
            + "\"day\":\"2026-11-21\"},\n \"category\": \"usage\", \"channels\": [],"
            + " \"customerId\": \"C-IDEM\" }";
    assertThat(trigger(key, idem, reordered).body()).isEqualTo(first.body());

    Map<String, Object> other = single("C-IDEM", "usage", TEMPLATE, DATA, List.of("sms"));
    var conflict = trigger(key, idem, other);
    assertField(conflict, 422, "Idempotency-Key");

    // another API key has its own key space
    String otherKey = createKey("crm-idem-2", "usage").get("key").asText();
    var otherCaller = trigger(otherKey, idem, other);
    assertThat(otherCaller.status()).isEqualTo(202);
    assertThat(otherCaller.body()).isNotEqualTo(first.body());

    String otherId = otherCaller.json().at("/notifications/0/notificationId").asText();
    await().atMost(Duration.ofSeconds(30)).until(() -> sentOrLater(firstId));
    await().atMost(Duration.ofSeconds(30)).until(() -> sentOrLater(otherId));
    assertThat(notificationsOf("C-IDEM"))
        .as("one notification for the first request and its replays, one for the other key")
        .hasSize(2);

    // 24 hours later the key is free again: a new request with new notifications
    clock.advance(Duration.ofHours(24).plusMinutes(1));
    var later = trigger(key, idem, body);
    assertThat(later.status()).isEqualTo(202);
    assertThat(later.raw().headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(later.json().at("/notifications/0/notificationId").asText()).isNotEqualTo(firstId);
    assertThat(trigger(key, idem, body).body()).isEqualTo(later.body());
  }

  @Test
  void concurrentRequestsWithTheSameKeyGetOneAnswer() throws Exception {
    String key = createKey("crm-race", "usage").get("key").asText();
    String idem = UUID.randomUUID().toString();
    Map<String, Object> body = single("C-RACE", "usage", TEMPLATE, DATA, List.of());
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<TriggerHttp.Answer>> calls = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      calls.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                return trigger(key, idem, body);
              }));
    }
    go.countDown();
    List<TriggerHttp.Answer> answers = calls.stream().map(CompletableFuture::join).toList();
    assertThat(answers).allSatisfy(a -> assertThat(a.status()).isEqualTo(202));
    assertThat(answers.stream().map(TriggerHttp.Answer::body).distinct()).hasSize(1);
    String id = answers.get(0).json().at("/notifications/0/notificationId").asText();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !notification(id).path("status").asText("").isEmpty());
    assertThat(notificationsOf("C-RACE")).hasSize(1);
  }

  // ---------------------------------------------------------------- bulk

  @Test
  void bulkAcceptsValidItemsAndNamesEachInvalidOne() {
    String key = createKey("crm-bulk", "usage", "outage").get("key").asText();
    addContact("C-B1", "sms", "+447700900311");
    addContact("C-B2", "sms", "+447700900312");
    Map<String, Object> two = single(null, "usage", TEMPLATE, DATA, List.of());
    two.put("customerIds", List.of("C-B1", "C-B2"));
    Map<String, Object> noRecipients = single(null, "usage", TEMPLATE, DATA, List.of());
    noRecipients.put("customerIds", List.of());
    List<Object> items =
        List.of(
            two,
            single("C-B3", "weather", TEMPLATE, DATA, List.of()),
            noRecipients,
            single("C-B3", "usage", TEMPLATE, DATA, List.of("pigeon")),
            single("C-B3", "usage", "usage.not-published", DATA, List.of()),
            single("C-B3", "billing", "billing.bill-issued", DATA, List.of()),
            "not an object");
    var answer =
        http.send(
            "POST",
            "/api/v1/notifications/bulk",
            Map.of("X-Api-Key", key),
            Map.of("notifications", items));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().get("accepted").asInt()).isEqualTo(1);
    assertThat(answer.json().get("rejected").asInt()).isEqualTo(6);
    JsonNode results = answer.json().get("results");
    assertThat(results.get(0).get("status").asInt()).isEqualTo(202);
    assertThat(results.get(0).get("notifications")).hasSize(2);
    assertItemError(results.get(1), 400, "notifications[1].category");
    assertItemError(results.get(2), 400, "notifications[2].customerIds");
    assertItemError(results.get(3), 400, "notifications[3].channels[0]");
    assertItemError(results.get(4), 400, "notifications[4].templateKey");
    assertItemError(results.get(5), 403, "notifications[5].category");
    assertItemError(results.get(6), 400, "notifications[6]");

    for (JsonNode n : results.get(0).get("notifications")) {
      String id = n.get("notificationId").asText();
      await().atMost(Duration.ofSeconds(30)).until(() -> sentOrLater(id));
    }
    assertThat(notificationsOf("C-B3")).as("nothing for the rejected items").isEmpty();

    var emptyBulk =
        http.send(
            "POST",
            "/api/v1/notifications/bulk",
            Map.of("X-Api-Key", key),
            Map.of("notifications", List.of()));
    assertField(emptyBulk, 400, "notifications");
  }

  // ---------------------------------------------------------------- helpers

  static Map<String, String> admin() {
    return bearer(tokens.token("key-admin", Roles.ADMIN));
  }

  static JsonNode createKey(String name, String... categories) {
    var created =
        http.send(
            "POST",
            "/api/v1/api-keys",
            admin(),
            Map.of("name", name, "categories", List.of(categories)));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json();
  }

  static TriggerHttp.Answer trigger(String apiKey, String idempotencyKey, Object body) {
    Map<String, String> headers = new HashMap<>();
    headers.put("X-Api-Key", apiKey);
    if (idempotencyKey != null) {
      headers.put("Idempotency-Key", idempotencyKey);
    }
    return http.send("POST", "/api/v1/notifications", headers, body);
  }

  static Map<String, Object> single(
      String customerId,
      String category,
      String templateKey,
      Map<String, String> data,
      List<String> channels) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (customerId != null) {
      body.put("customerId", customerId);
    }
    body.put("category", category);
    body.put("templateKey", templateKey);
    body.put("data", data);
    body.put("channels", channels);
    return body;
  }

  static void addContact(String customerId, String channel, String address) {
    var answer =
        http.send(
            "POST",
            "/api/v1/customers/" + customerId + "/contact-points",
            admin(),
            Map.of("channel", channel, "address", address, "verified", true));
    assertThat(answer.status()).as(answer.body()).isIn(200, 201);
  }

  static JsonNode notification(String id) {
    var answer =
        http.send(
            "GET",
            "/api/v1/notifications/" + id,
            bearer(tokens.token("agent", Roles.SUPPORT)),
            null);
    return answer.status() == 200 ? answer.json() : TriggerHttp.JSON.createObjectNode();
  }

  static boolean sentOrLater(String id) {
    return List.of("sent", "delivered").contains(notification(id).path("status").asText());
  }

  static JsonNode notificationsOf(String customerId) {
    return http.send(
            "GET",
            "/api/v1/customers/" + customerId + "/notifications",
            bearer(tokens.token("agent", Roles.SUPPORT)),
            null)
        .json();
  }

  static JsonNode find(JsonNode list, String id) {
    for (JsonNode n : list) {
      if (n.get("id").asText().equals(id)) {
        return n;
      }
    }
    throw new AssertionError("no " + id + " in " + list);
  }

  static void assertField(TriggerHttp.Answer answer, int status, String field) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    List<String> fields = new ArrayList<>();
    answer.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
    assertThat(fields).as(answer.body()).contains(field);
  }

  static void assertItemError(JsonNode result, int status, String field) {
    assertThat(result.get("status").asInt()).as(result.toString()).isEqualTo(status);
    List<String> fields = new ArrayList<>();
    result.path("errors").forEach(e -> fields.add(e.path("field").asText()));
    assertThat(fields).as(result.toString()).contains(field);
    assertThat(result.has("notifications")).isFalse();
  }
}
