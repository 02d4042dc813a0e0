package io.kilowatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.kilowatch.platform.security.Roles;
import io.kilowatch.sandbox.ProviderSandbox;
import io.kilowatch.sandbox.RecordedRequest;
import io.kilowatch.sandbox.SandboxSettings;
import io.kilowatch.testing.TestInfrastructure;
import io.kilowatch.testing.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The GDPR proof, end to end on real infrastructure: a person with data in every module (account
 * and meter, readings, a rule, contact points with phone, email and push token, a consent, an SMS
 * delivered through the Twilio SDK with its provider message id) is exported (the archive has every
 * module's part and the summary), erased, and then searched for in every row of every table of
 * every schema the platform owns and in every Hazelcast map: nothing is found. A late reading for
 * their meter sends nothing and re-creates nothing on the notification side.
 */
class DataSubjectErasureIT {
  static final ZoneId LONDON = ZoneId.of("Europe/London");
  static final List<String> SCHEMAS =
      List.of(
          "platform",
          "metering",
          "billing",
          "rules",
          "preference",
          "delivery",
          "templates",
          "consent");
  static final String CUSTOMER = "C-gdpr-7731";
  static final String METER = "MTR-gdpr-7731";
  static final String PHONE = "+447700900731";
  static final String EMAIL = "erase.me.7731@example.com";
  static final String PUSH_TOKEN = "push-token-gdpr-7731-abcdefghijklmnopqrstuvwxyz";
  static ProviderSandbox sandbox;
  static EmbeddedServer server;
  static ApiClient api;
  static TestTokens tokens;

  @BeforeAll
  static void start() {
    sandbox = ProviderSandbox.start(SandboxSettings.defaults());
    Map<String, Object> props = new HashMap<>(TestInfrastructure.properties());
    String twilio = "kilowatch.channels.sms.twilio.";
    props.put(twilio + "account-sid", SandboxSettings.DEFAULT_TWILIO_ACCOUNT_SID);
    props.put(twilio + "auth-token", SandboxSettings.DEFAULT_TWILIO_AUTH_TOKEN);
    props.put(twilio + "from-number", "+15005550006");
    props.put(twilio + "base-url", sandbox.baseUrl().toString());
    props.put("kilowatch.retention-job.enabled", "false");
    server = ApplicationContext.run(EmbeddedServer.class, props);
    api = new ApiClient("http://127.0.0.1:" + server.getPort());
    tokens = new TestTokens(server.getApplicationContext());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.getApplicationContext().close();
    }
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Test
  void anErasedPersonIsFoundNowhereAndALateEventSendsNothing() throws Exception {
    // a person with data in every module
    givenHousehold(CUSTOMER, METER, PHONE, "10");
    LocalDate yesterday = LocalDate.now(LONDON).minusDays(1);
    String ingest = tokens.token("head-end", Roles.INGEST);
    var readings = api.post("/api/v1/readings", ingest, readings(METER, yesterday, 0, 12, 1000));
    assertThat(readings.status()).isBetween(200, 202);
    await().atMost(Duration.ofSeconds(30)).until(() -> smsTo(PHONE).size() == 1);
    String support = tokens.token("agent-7", Roles.SUPPORT);
    List<String> providerIds = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              var timeline = api.get("/api/v1/customers/" + CUSTOMER + "/notifications", support);
              assertThat(timeline.body()).hasSize(1);
              var n = timeline.body().get(0);
              assertThat(n.get("status").asText()).isEqualTo("sent");
              String sid = n.get("attempts").get(0).get("providerMessageId").asText();
              assertThat(sid).startsWith("SM");
              providerIds.clear();
              providerIds.add(sid);
            });
    // a staff view of the person's rules: audited in rules.audit_log with their customer id
    assertThat(api.get("/api/v1/customers/" + CUSTOMER + "/rules", support).status())
        .isEqualTo(200);
    String admin = tokens.token("ops-admin", Roles.ADMIN);
    assertThat(
            api.post(
                    "/api/v1/customers/" + CUSTOMER + "/contact-points",
                    admin,
                    Map.of("channel", "email", "address", EMAIL, "verified", true))
                .status())
        .isEqualTo(201);
    assertThat(
            api.post(
                    "/api/v1/customers/" + CUSTOMER + "/contact-points",
                    admin,
                    Map.of("channel", "push", "address", PUSH_TOKEN, "platform", "android"))
                .status())
        .isEqualTo(201);
    var consent =
        api.post(
            "/api/v1/consents",
            tokens.customer(CUSTOMER),
            Map.of(
                "purpose", "marketing",
                "channel", "email",
                "action", "grant",
                "textVersion", "marketing/v3",
                "source", "web"));
    assertThat(consent.status()).as(consent.body().toString()).isEqualTo(201);
    List<String> needles = List.of(CUSTOMER, METER, PHONE, EMAIL, PUSH_TOKEN, providerIds.get(0));
    assertThat(remnants(needles)).as("the person is there before erasure").isNotEmpty();

    // export: every module's part, the manifest and the summary
    String officer = tokens.token("officer-1", Roles.COMPLIANCE);
    HttpResponse<byte[]> export =
        postRaw("/api/v1/data-subjects/" + CUSTOMER + "/export", officer, "Art. 15 request");
    assertThat(export.statusCode()).isEqualTo(200);
    Map<String, String> archive = unzip(export.body());
    assertThat(archive)
        .containsKeys(
            "billing.json",
            "consent.json",
            "delivery.json",
            "metering.json",
            "preference.json",
            "rules.json",
            "manifest.json",
            "summary.txt");
    assertThat(archive.get("billing.json")).contains(METER);
    assertThat(archive.get("metering.json")).contains(METER + "@");
    assertThat(archive.get("rules.json")).contains("daily-usage-above");
    assertThat(archive.get("preference.json")).contains(PHONE, EMAIL, PUSH_TOKEN);
    assertThat(archive.get("delivery.json")).contains(providerIds.get(0));
    assertThat(archive.get("consent.json")).contains("marketing/v3");

    // erasure, then nothing anywhere
    HttpResponse<byte[]> erasure =
        postRaw("/api/v1/data-subjects/" + CUSTOMER + "/erasure", officer, "Art. 17 request");
    assertThat(erasure.statusCode())
        .as(new String(erasure.body(), StandardCharsets.UTF_8))
        .isEqualTo(201);
    // the outbox relay may still be publishing an event about the person: wait for it
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(remnants(needles)).isEmpty());
    assertThat(hazelcastRemnants(needles)).isEmpty();

    // a late reading for the meter: the day's total rises, nobody is notified or re-created
    var late = api.post("/api/v1/readings", ingest, readings(METER, yesterday, 12, 8, 1000));
    assertThat(late.status()).isBetween(200, 202);
    await()
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(10))
        .until(() -> smsTo(PHONE).size() == 1);
    List<String> notificationSide = new ArrayList<>(SCHEMAS);
    notificationSide.remove("metering"); // the meter's own readings: see the report
    assertThat(remnants(needles, notificationSide)).isEmpty();
    assertThat(hazelcastRemnants(needles)).isEmpty();
  }

  /** Every row of every table in the platform's schemas that contains one of the needles. */
  static List<String> remnants(List<String> needles) throws SQLException {
    return remnants(needles, SCHEMAS);
  }

  static List<String> remnants(List<String> needles, List<String> schemas) throws SQLException {
    ApplicationContext context = server.getApplicationContext();
    DataSource db =
        context.getBean(DataSourceResolver.class).resolve(context.getBean(DataSource.class));
    List<String> found = new ArrayList<>();
    try (Connection c = db.getConnection()) {
      Map<String, List<String>> byteaColumns = new TreeMap<>();
      List<String> tables = new ArrayList<>();
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT table_schema || '.' || table_name FROM information_schema.tables"
                  + " WHERE table_schema = ANY (?) AND table_type = 'BASE TABLE'")) {
        s.setArray(1, c.createArrayOf("text", schemas.toArray()));
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            tables.add(r.getString(1));
          }
        }
      }
      assertThat(tables).as("tables found").hasSizeGreaterThan(15);
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT table_schema || '.' || table_name, column_name FROM"
                  + " information_schema.columns WHERE table_schema = ANY (?)"
                  + " AND data_type = 'bytea'")) {
        s.setArray(1, c.createArrayOf("text", schemas.toArray()));
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            byteaColumns
                .computeIfAbsent(r.getString(1), k -> new ArrayList<>())
                .add(r.getString(2));
          }
        }
      }
      for (String table : tables) {
        StringBuilder text = new StringBuilder("t::text");
        for (String column : byteaColumns.getOrDefault(table, List.of())) {
          text.append(" || coalesce(encode(t.\"").append(column).append("\", 'escape'), '')");
        }
        try (PreparedStatement s = c.prepareStatement("SELECT " + text + " FROM " + table + " t");
            ResultSet r = s.executeQuery()) {
          while (r.next()) {
            String row = r.getString(1);
            for (String needle : needles) {
              if (row != null && row.contains(needle)) {
                found.add(table + " contains " + needle + ": " + row);
              }
            }
          }
        }
      }
    }
    return found;
  }

  /** Every entry of every Hazelcast map whose key or value names one of the needles. */
  static List<String> hazelcastRemnants(List<String> needles) {
    HazelcastInstance hazelcast = server.getApplicationContext().getBean(HazelcastInstance.class);
    List<String> found = new ArrayList<>();
    int maps = 0;
    for (DistributedObject object : hazelcast.getDistributedObjects()) {
      if (object instanceof IMap<?, ?> map) {
        maps++;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          String text = entry.getKey() + " = " + entry.getValue();
          for (String needle : needles) {
            if (text.contains(needle)) {
              found.add(map.getName() + ": " + text);
            }
          }
        }
      }
    }
    assertThat(maps).as("Hazelcast maps").isPositive();
    return found;
  }

  static HttpResponse<byte[]> postRaw(String path, String token, String reason)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"" + reason + "\"}"))
            .timeout(Duration.ofSeconds(60))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  static Map<String, String> unzip(byte[] zip) throws IOException {
    Map<String, String> entries = new TreeMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return entries;
  }

  private static void givenHousehold(String customerId, String meterId, String phone, String kwh) {
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
    return sandbox.requests("twilio").stream()
        .filter(r -> r.responseStatus() == 201)
        .filter(r -> phone.equals(r.formParam("To")))
        .toList();
  }
}
