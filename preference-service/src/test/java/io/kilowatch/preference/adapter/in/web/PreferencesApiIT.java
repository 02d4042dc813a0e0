package io.kilowatch.preference.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowatch.platform.security.Roles;
import io.kilowatch.platform.web.ProblemJson;
import io.kilowatch.preference.ApiClient;
import io.kilowatch.preference.ApiClient.Reply;
import io.kilowatch.preference.Database;
import io.kilowatch.preference.MutableClock;
import io.kilowatch.testing.TestInfrastructure;
import io.kilowatch.testing.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The preferences API on real infrastructure: own data only, validation, staff audit, roles. */
// every call commits on its own, as in production: no test-wide transaction
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PreferencesApiIT implements TestPropertyProvider {
  static final String NIGHTS =
      """
      {"locale":"cy-GB","timeZone":"Europe/London","quietHours":{"start":"21:00","end":"08:00"},
       "categories":{"usage":{"channels":["push","sms"],"optOut":["email"],
                              "caps":{"perDay":{"sms":1},"perWeek":4}},
                     "marketing":{"channels":[],"optOut":["email","sms"]}},
       "caps":{"perDay":{"sms":3,"email":5},"perWeek":10}}
      """;

  @Inject ApplicationContext context;
  @Inject EmbeddedServer server;
  @Inject MutableClock clock;
  ApiClient api;
  TestTokens tokens;
  Database db;
  String support;
  String admin;
  String compliance;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> props = new HashMap<>(TestInfrastructure.properties());
    props.put("spec.name", "preference-PreferencesApiIT");
    return props;
  }

  @BeforeAll
  void setUp() {
    api = new ApiClient(server.getURI());
    tokens = new TestTokens(context);
    db = new Database(context);
    support = tokens.token("agent-7", Roles.SUPPORT);
    admin = tokens.token("admin-1", Roles.ADMIN);
    compliance = tokens.token("officer-3", Roles.COMPLIANCE);
  }

  Reply own(String customerId) {
    return api.get("/api/v1/preferences", tokens.customer(customerId));
  }

  long auditEntries(String customerId) {
    return db.count("SELECT count(*) FROM preference.audit_log WHERE customer_id = ?", customerId);
  }

  @Test
  void aCustomerWhoSetNothingHasTheDefaults() {
    Reply reply = own("C-defaults");
    assertThat(reply.status()).isEqualTo(200);
    JsonNode p = reply.body();
    assertThat(p.path("customerId").asText()).isEqualTo("C-defaults");
    assertThat(p.path("locale").asText()).isEqualTo("en-GB");
    assertThat(p.path("timeZone").asText()).isEqualTo("Europe/London");
    assertThat(p.path("quietHours").isNull()).isTrue();
    assertThat(p.path("customised").asBoolean()).isFalse();
    assertThat(p.path("categories").path("usage").path("channels").toString())
        .isEqualTo("[\"sms\",\"push\",\"email\"]");
    assertThat(p.path("categories").path("billing").path("channels").toString())
        .isEqualTo("[\"email\",\"sms\",\"push\"]");
    assertThat(p.path("categories").path("marketing").path("caps").path("perWeek").asInt())
        .isEqualTo(2);
    assertThat(p.path("categories").path("outage").path("critical").asBoolean()).isTrue();
    assertThat(p.path("caps").path("perDay").path("sms").asInt()).isEqualTo(3);
    assertThat(p.path("caps").path("perWeek").isNull()).isTrue();
    // a customer reading their own data is not audited
    assertThat(auditEntries("C-defaults")).isZero();
  }

  @Test
  void aCustomerReplacesTheirPreferencesAndReadsThemBack() {
    clock.set(Instant.parse("2026-03-28T12:00:00Z"));
    Reply saved = api.put("/api/v1/preferences", tokens.customer("C-own"), NIGHTS);
    assertThat(saved.status()).as(saved.body().toString()).isEqualTo(200);
    JsonNode p = saved.body();
    assertThat(p.path("locale").asText()).isEqualTo("cy-GB");
    assertThat(p.path("quietHours").toString())
        .isEqualTo("{\"start\":\"21:00\",\"end\":\"08:00\"}");
    assertThat(p.path("categories").path("usage").path("channels").toString())
        .isEqualTo("[\"push\",\"sms\"]");
    assertThat(p.path("categories").path("usage").path("optOut").toString())
        .isEqualTo("[\"email\"]");
    assertThat(p.path("categories").path("usage").path("caps").toString())
        .isEqualTo("{\"perDay\":{\"sms\":1},\"perWeek\":4}");
    // left out: the default
    assertThat(p.path("categories").path("marketing").path("caps").path("perWeek").asInt())
        .isEqualTo(2);
    assertThat(p.path("categories").path("billing").path("channels").toString())
        .isEqualTo("[\"email\",\"sms\",\"push\"]");
    assertThat(p.path("caps").toString())
        .isEqualTo("{\"perDay\":{\"sms\":3,\"email\":5},\"perWeek\":10}");
    assertThat(p.path("customised").asBoolean()).isTrue();
    assertThat(p.path("updatedAt").asText()).isEqualTo("2026-03-28T12:00:00Z");

    assertThat(own("C-own").body()).isEqualTo(p);
    // what GET answers goes back unchanged
    Reply again = api.put("/api/v1/preferences", tokens.customer("C-own"), p.toString());
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(p);
    // the neighbour is untouched
    assertThat(own("C-neighbour").body().path("customised").asBoolean()).isFalse();
  }

  @Test
  void aCustomersOwnChangeIsAuditedAsTheirs() {
    api.put("/api/v1/preferences", tokens.customer("C-self-audit"), NIGHTS);
    Reply audit = api.get("/api/v1/customers/C-self-audit/preference-audit", compliance);
    assertThat(audit.status()).isEqualTo(200);
    JsonNode entry = audit.body().path("entries").path(0);
    assertThat(entry.path("actor").asText()).isEqualTo("C-self-audit");
    assertThat(entry.path("actorRoles").toString()).isEqualTo("[\"customer\"]");
    assertThat(entry.path("action").asText()).isEqualTo("preferences.update");
    assertThat(entry.path("summary").asText())
        .isEqualTo("changed locale, quietHours, caps, categories.usage, categories.marketing");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown time zone    | {\"timeZone\":\"Mars/Olympus\"}                                   | timeZone",
        "offset as zone       | {\"timeZone\":\"+01:00\"}                                         | timeZone",
        "bad locale           | {\"locale\":\"klingon\"}                                          | locale",
        "quiet hours string   | {\"quietHours\":\"21:00-08:00\"}                                  | quietHours",
        "quiet hours hour 25  | {\"quietHours\":{\"start\":\"25:00\",\"end\":\"08:00\"}}          | quietHours.start",
        "quiet hours no end   | {\"quietHours\":{\"start\":\"21:00\"}}                            | quietHours.end",
        "quiet hours equal    | {\"quietHours\":{\"start\":\"08:00\",\"end\":\"08:00\"}}          | quietHours.end",
        "unknown category     | {\"categories\":{\"weather\":{\"channels\":[\"sms\"]}}}           | categories.weather",
        "unknown channel      | {\"categories\":{\"usage\":{\"channels\":[\"sms\",\"pigeon\"]}}}  | categories.usage.channels[1]",
        "unknown opt-out      | {\"categories\":{\"usage\":{\"optOut\":[\"fax\"]}}}               | categories.usage.optOut[0]",
        "chosen and opted out | {\"categories\":{\"usage\":{\"channels\":[\"sms\"],\"optOut\":[\"sms\"]}}} | categories.usage.optOut[0]",
        "negative cap         | {\"caps\":{\"perDay\":{\"sms\":-1}}}                              | caps.perDay.sms",
        "cap of unknown chan  | {\"caps\":{\"perDay\":{\"carrier-pigeon\":1}}}                    | caps.perDay.carrier-pigeon",
        "unknown field        | {\"quietHour\":{\"start\":\"21:00\",\"end\":\"08:00\"}}           | quietHour",
      })
  void badInputIsA400NamingTheFieldAndChangesNothing(String caseName, String body, String field) {
    String token = tokens.customer("C-invalid");
    api.put("/api/v1/preferences", token, NIGHTS);
    JsonNode before = own("C-invalid").body();
    long audited = auditEntries("C-invalid");

    Reply reply = api.put("/api/v1/preferences", token, body);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.contentType()).startsWith(ProblemJson.MEDIA_TYPE);
    assertThat(reply.errorFields()).containsExactly(field);
    assertThat(reply.body().path("detail").asText()).startsWith(field + ": ");
    assertThat(own("C-invalid").body()).isEqualTo(before);
    assertThat(auditEntries("C-invalid")).isEqualTo(audited);
  }

  @Test
  void staffBadInputChangesNothingEither() {
    long audited = auditEntries("C-staff-invalid");
    Reply reply =
        api.put(
            "/api/v1/customers/C-staff-invalid/preferences",
            support,
            "{\"timeZone\":\"Europe/Lndon\"}");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorFields()).containsExactly("timeZone");
    assertThat(own("C-staff-invalid").body().path("customised").asBoolean()).isFalse();
    assertThat(auditEntries("C-staff-invalid")).isEqualTo(audited);
  }

  @Test
  void malformedJsonIsA400ProblemJson() {
    Reply reply = api.put("/api/v1/preferences", tokens.customer("C-malformed"), "{\"locale\":");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.contentType()).startsWith(ProblemJson.MEDIA_TYPE);
    Reply array = api.put("/api/v1/preferences", tokens.customer("C-malformed"), "[1,2]");
    assertThat(array.status()).isEqualTo(400);
    assertThat(own("C-malformed").body().path("customised").asBoolean()).isFalse();
  }

  @Test
  void staffChangesAreAuditedWithWhoWhenWhatAndWhy() {
    clock.set(Instant.parse("2026-07-15T10:00:00Z"));
    Reply saved =
        api.put(
            "/api/v1/customers/C-helped/preferences",
            support,
            "{\"quietHours\":{\"start\":\"22:00\",\"end\":\"07:00\"}}",
            Map.of("X-Kilowatch-Reason", "customer called: no texts at night (ticket 4711)"));
    assertThat(saved.status()).isEqualTo(200);
    assertThat(own("C-helped").body().path("quietHours").path("start").asText()).isEqualTo("22:00");

    clock.set(Instant.parse("2026-07-15T10:05:00Z"));
    Reply audit = api.get("/api/v1/customers/C-helped/preference-audit", compliance);
    List<JsonNode> entries = list(audit.body().path("entries"));
    assertThat(entries).hasSize(1);
    JsonNode change = entries.get(0);
    assertThat(change.path("at").asText()).isEqualTo("2026-07-15T10:00:00Z");
    assertThat(change.path("actor").asText()).isEqualTo("agent-7");
    assertThat(change.path("actorRoles").toString()).isEqualTo("[\"support\"]");
    assertThat(change.path("customerId").asText()).isEqualTo("C-helped");
    assertThat(change.path("action").asText()).isEqualTo("preferences.update");
    assertThat(change.path("reason").asText())
        .isEqualTo("customer called: no texts at night (ticket 4711)");
    assertThat(change.path("summary").asText()).isEqualTo("changed quietHours");
    assertThat(change.path("before").path("quietHours").isNull()).isTrue();
    assertThat(change.path("before").path("customised").asBoolean()).isFalse();
    assertThat(change.path("after").path("quietHours").path("end").asText()).isEqualTo("07:00");

    // the compliance officer's read was itself recorded; the next read shows it
    List<JsonNode> later =
        list(
            api.get("/api/v1/customers/C-helped/preference-audit", support).body().path("entries"));
    assertThat(later.get(0).path("action").asText()).isEqualTo("audit.read");
    assertThat(later.get(0).path("actor").asText()).isEqualTo("officer-3");
    assertThat(later.get(0).path("at").asText()).isEqualTo("2026-07-15T10:05:00Z");
  }

  @Test
  void staffReadsAreAuditedToo() {
    Reply read =
        api.get(
            "/api/v1/customers/C-looked-at/preferences",
            admin,
            Map.of("X-Kilowatch-Reason", "complaint review"));
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.body().path("customerId").asText()).isEqualTo("C-looked-at");
    JsonNode entry =
        api.get("/api/v1/customers/C-looked-at/preference-audit", compliance)
            .body()
            .path("entries")
            .path(0);
    assertThat(entry.path("action").asText()).isEqualTo("preferences.read");
    assertThat(entry.path("actor").asText()).isEqualTo("admin-1");
    assertThat(entry.path("reason").asText()).isEqualTo("complaint review");
    assertThat(entry.path("summary").asText()).isEqualTo("read default preferences");
  }

  @Test
  void theAuditLogPagesNewestFirst() {
    for (int i = 0; i < 5; i++) {
      api.get("/api/v1/customers/C-paged/preferences", support);
    }
    List<JsonNode> first =
        list(
            api.get("/api/v1/customers/C-paged/preference-audit?limit=3", compliance)
                .body()
                .path("entries"));
    assertThat(first).hasSize(3);
    long last = first.get(2).path("id").asLong();
    assertThat(first.get(0).path("id").asLong()).isGreaterThan(last);
    List<JsonNode> second =
        list(
            api.get("/api/v1/customers/C-paged/preference-audit?limit=3&before=" + last, compliance)
                .body()
                .path("entries"));
    assertThat(second).hasSize(2);
    assertThat(second.get(0).path("id").asLong()).isLessThan(last);

    assertThat(
            api.get("/api/v1/customers/C-paged/preference-audit?limit=0", compliance).errorFields())
        .containsExactly("limit");
    assertThat(api.get("/api/v1/customers/C-paged/preference-audit?limit=501", compliance).status())
        .isEqualTo(400);
    assertThat(
            api.get("/api/v1/customers/C-paged/preference-audit?before=x", compliance)
                .errorFields())
        .containsExactly("before");
  }

  @Test
  void theAuditLogIsAppendOnly() {
    api.get("/api/v1/customers/C-tamper/preferences", support);
    assertThat(auditEntries("C-tamper")).isEqualTo(1);
    assertThat(db.tryExecute("UPDATE preference.audit_log SET actor = 'nobody'"))
        .contains("append-only");
    assertThat(db.tryExecute("DELETE FROM preference.audit_log")).contains("append-only");
    assertThat(db.tryExecute("TRUNCATE preference.audit_log")).contains("append-only");
    assertThat(auditEntries("C-tamper")).isEqualTo(1);
  }

  @Test
  void badStaffInputNamesTheField() {
    Reply badCustomer = api.get("/api/v1/customers/C%20x/preferences", support);
    assertThat(badCustomer.status()).isEqualTo(400);
    assertThat(badCustomer.errorFields()).containsExactly("customerId");
    Reply longReason =
        api.get(
            "/api/v1/customers/C-1/preferences",
            support,
            Map.of("X-Kilowatch-Reason", "x".repeat(501)));
    assertThat(longReason.status()).isEqualTo(400);
    assertThat(longReason.errorFields()).containsExactly("X-Kilowatch-Reason");
    assertThat(auditEntries("C-1")).isZero();
  }

  @Test
  void endpointsNeedATokenAndTheRightRole() {
    String customer = tokens.customer("C-roles");
    String ops = tokens.token("ops-1", Roles.OPS);

    assertThat(api.get("/api/v1/preferences", null).status()).isEqualTo(401);
    assertThat(api.put("/api/v1/preferences", null, "{}").status()).isEqualTo(401);
    assertThat(api.get("/api/v1/customers/C-roles/preferences", null).status()).isEqualTo(401);
    assertThat(api.get("/api/v1/customers/C-roles/preference-audit", null).status()).isEqualTo(401);

    // own data is the customer's: staff use the customer paths, customers cannot
    assertThat(api.get("/api/v1/preferences", support).status()).isEqualTo(403);
    assertThat(api.put("/api/v1/preferences", ops, "{}").status()).isEqualTo(403);
    assertThat(api.get("/api/v1/customers/C-roles/preferences", customer).status()).isEqualTo(403);
    assertThat(api.put("/api/v1/customers/C-other/preferences", customer, "{}").status())
        .isEqualTo(403);
    assertThat(api.get("/api/v1/customers/C-roles/preferences", ops).status()).isEqualTo(403);
    assertThat(api.put("/api/v1/customers/C-roles/preferences", compliance, "{}").status())
        .isEqualTo(403);
    assertThat(api.get("/api/v1/customers/C-roles/preference-audit", customer).status())
        .isEqualTo(403);
    assertThat(api.get("/api/v1/customers/C-roles/preference-audit", admin).status())
        .isEqualTo(403);
    assertThat(own("C-other").body().path("customised").asBoolean()).isFalse();
  }

  static List<JsonNode> list(JsonNode array) {
    List<JsonNode> items = new java.util.ArrayList<>();
    array.forEach(items::add);
    return items;
  }
}
