package io.kilowatch.consent.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazelcast.core.HazelcastInstance;
import io.kilowatch.consent.ApiClient;
import io.kilowatch.consent.ApiClient.Reply;
import io.kilowatch.consent.AuditLog;
import io.kilowatch.consent.ConsentCommands;
import io.kilowatch.consent.ConsentDecision;
import io.kilowatch.consent.ConsentEvidence;
import io.kilowatch.consent.ConsentGate;
import io.kilowatch.consent.Db;
import io.kilowatch.consent.RecordedConsent;
import io.kilowatch.platform.security.Roles;
import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import io.kilowatch.platform.web.ProblemJson;
import io.kilowatch.testing.TestInfrastructure;
import io.kilowatch.testing.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The consent ledger on real infrastructure: the customers' and staff's API, the Java API for SMS
 * keywords and unsubscribe links, the consent gate and its cache, the audit log, validation and
 * roles.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsentApiIT implements TestPropertyProvider {
  static final String GRANT_MARKETING =
      "{\"purpose\":\"marketing\",\"action\":\"grant\",\"textVersion\":\"marketing/v3\","
          + "\"source\":\"web\"}";

  @Inject ApplicationContext context;
  @Inject EmbeddedServer server;
  @Inject ConsentGate gate;
  @Inject ConsentCommands commands;
  @Inject AuditLog auditLog;
  @Inject Clock clock;

  Map<String, String> properties;
  ApiClient api;
  TestTokens tokens;
  Db db;
  String support;
  String compliance;

  @Override
  public Map<String, String> getProperties() {
    // no kilowatch.consent.subject-hash-secret: this context runs on the key stored in the database
    properties = new HashMap<>(TestInfrastructure.properties());
    properties.put("spec.name", "ConsentApiIT");
    return properties;
  }

  @BeforeAll
  void setUp() {
    api = new ApiClient(server.getURI());
    tokens = new TestTokens(context);
    db = new Db(context);
    support = tokens.token("agent-7", Roles.SUPPORT);
    compliance = tokens.token("officer-1", Roles.COMPLIANCE);
  }

  @Test
  void aCustomerGrantsAndWithdrawsMarketingWithEvidence() {
    String token = tokens.customer("C-web");
    Reply before = api.get("/api/v1/consents", token);
    assertThat(before.status()).isEqualTo(200);
    assertThat(before.body().path("customerId").asText()).isEqualTo("C-web");
    assertThat(channel(before, "service", "sms").path("allowed").asBoolean()).isTrue();
    assertThat(channel(before, "marketing", "email").path("reason").asText())
        .isEqualTo("no-consent");
    assertThat(channel(before, "analytics", "email").path("reason").asText())
        .isEqualTo("no-consent");
    assertThat(purpose(before, "service").path("lawfulBasis").path("outage").asText())
        .isEqualTo("legitimate-interest");
    assertThat(purpose(before, "marketing").path("requiresOptIn").asBoolean()).isTrue();
    assertThat(before.body().path("history")).isEmpty();

    Reply granted = api.post("/api/v1/consents", token, GRANT_MARKETING);
    assertThat(granted.status()).as(granted.text()).isEqualTo(201);
    JsonNode entry = granted.body().path("history").get(0);
    assertThat(entry.path("purpose").asText()).isEqualTo("marketing");
    assertThat(entry.path("channel").isNull()).isTrue();
    assertThat(entry.path("action").asText()).isEqualTo("granted");
    assertThat(entry.path("source").asText()).isEqualTo("web");
    assertThat(entry.path("actor").asText()).isEqualTo("C-web");
    assertThat(entry.path("ipOrIdentity").asText()).isEqualTo("127.0.0.1");
    assertThat(entry.path("textVersion").asText()).isEqualTo("marketing/v3");
    assertThat(Instant.parse(entry.path("occurredAt").asText())).isBeforeOrEqualTo(clock.instant());
    assertThat(channel(granted, "marketing", "sms").path("allowed").asBoolean()).isTrue();
    assertThat(channel(granted, "marketing", "sms").path("decidedBy").asLong())
        .isEqualTo(entry.path("id").asLong());
    assertThat(gate.decide("C-web", "marketing", "email", clock.instant()))
        .isEqualTo(ConsentDecision.allow("marketing", "consent"));

    Reply stop =
        api.post(
            "/api/v1/consents",
            token,
            "{\"purpose\":\"marketing\",\"channel\":\"sms\",\"action\":\"withdraw\","
                + "\"textVersion\":\"preferences/v1\"}");
    assertThat(stop.status()).isEqualTo(201);
    assertThat(stop.body().path("history").get(0).path("source").asText()).isEqualTo("api");
    assertThat(stop.body().path("history")).hasSize(2);
    assertThat(channel(stop, "marketing", "sms").path("reason").asText()).isEqualTo("withdrawn");
    assertThat(channel(stop, "marketing", "email").path("allowed").asBoolean()).isTrue();
    // the gate follows at once: the cache entry was replaced when the change committed
    assertThat(gate.decide("C-web", "marketing", "sms", clock.instant()))
        .isEqualTo(ConsentDecision.refuse("marketing", "consent", ConsentDecision.WITHDRAWN));
    assertThat(gate.decide("C-web", "marketing", "email", clock.instant()).allowed()).isTrue();
    assertThat(api.get("/api/v1/consents", token).body().path("history")).hasSize(2);
  }

  @Test
  void theGateAllowsServiceAlertsAndRefusesMarketingAndTrackingByDefault() {
    Instant now = clock.instant();
    double refusedBefore = decisions("marketing", "no-consent");
    for (String category : List.of("usage", "cost", "price", "billing")) {
      assertThat(gate.decide("C-new", category, "sms", now))
          .isEqualTo(ConsentDecision.allow("service", "contract"));
    }
    assertThat(gate.decide("C-new", "outage", "push", now))
        .isEqualTo(ConsentDecision.allow("service", "legitimate-interest"));
    assertThat(gate.decide("C-new", "marketing", "email", now))
        .isEqualTo(ConsentDecision.refuse("marketing", "consent", ConsentDecision.NO_CONSENT));
    assertThat(gate.decideTracking("C-new", "email", now))
        .isEqualTo(ConsentDecision.refuse("analytics", "consent", ConsentDecision.NO_CONSENT));
    assertThat(decisions("marketing", "no-consent")).isGreaterThanOrEqualTo(refusedBefore + 1);
    assertThatThrownBy(() -> gate.decide("C-new", "gossip", "sms", now))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gossip");
    assertThatThrownBy(() -> gate.decide("C-new", "usage", "fax", now))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fax");
  }

  @Test
  void aWithdrawnServiceChannelIsRefusedAndTheOthersStayAllowed() {
    String token = tokens.customer("C-service");
    api.post(
        "/api/v1/consents",
        token,
        "{\"purpose\":\"service\",\"channel\":\"sms\",\"action\":\"withdraw\","
            + "\"textVersion\":\"alerts-settings/v2\",\"source\":\"web\"}");
    Instant now = clock.instant();
    assertThat(gate.decide("C-service", "usage", "sms", now))
        .isEqualTo(ConsentDecision.refuse("service", "contract", ConsentDecision.WITHDRAWN));
    assertThat(gate.decide("C-service", "outage", "sms", now).reason()).isEqualTo("withdrawn");
    assertThat(gate.decide("C-service", "usage", "email", now).allowed()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown purpose      | {\"purpose\":\"newsletter\",\"action\":\"grant\",\"textVersion\":\"v1\"}                     | purpose",
        "missing purpose      | {\"action\":\"grant\",\"textVersion\":\"v1\"}                                              | purpose",
        "unknown channel      | {\"purpose\":\"marketing\",\"channel\":\"fax\",\"action\":\"grant\",\"textVersion\":\"v1\"} | channel",
        "blank channel        | {\"purpose\":\"marketing\",\"channel\":\"\",\"action\":\"grant\",\"textVersion\":\"v1\"}    | channel",
        "missing text version | {\"purpose\":\"marketing\",\"action\":\"grant\"}                                           | textVersion",
        "blank text version   | {\"purpose\":\"marketing\",\"action\":\"grant\",\"textVersion\":\"  \"}                    | textVersion",
        "missing action       | {\"purpose\":\"marketing\",\"textVersion\":\"v1\"}                                         | action",
        "unknown action       | {\"purpose\":\"marketing\",\"action\":\"perhaps\",\"textVersion\":\"v1\"}                  | action",
        "staff source         | {\"purpose\":\"marketing\",\"action\":\"grant\",\"textVersion\":\"v1\",\"source\":\"staff-phone\"} | source",
      })
  void badInputIsA400NamingTheFieldAndStoresNothing(String name, String body, String field) {
    String customer = "C-bad-" + field;
    Reply reply = api.post("/api/v1/consents", tokens.customer(customer), body);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.contentType()).startsWith(ProblemJson.MEDIA_TYPE);
    assertThat(reply.errorFields()).containsExactly(field);
    assertThat(rowsOf(customer)).isZero();
  }

  @Test
  void malformedJsonIsA400ProblemJsonAndStoresNothing() {
    Reply reply = api.post("/api/v1/consents", tokens.customer("C-malformed"), "{\"purpose\":");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.contentType()).startsWith(ProblemJson.MEDIA_TYPE);
    assertThat(rowsOf("C-malformed")).isZero();
  }

  @Test
  void staffRecordWhatThePersonSaidOnThePhoneWithAReason() {
    String body =
        "{\"purpose\":\"marketing\",\"channel\":\"sms\",\"action\":\"withdraw\","
            + "\"textVersion\":\"phone-script/v4\",\"identity\":\"call-ref-991\"}";
    Reply noReason = api.post("/api/v1/customers/C-phone/consents", support, body);
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.errorFields()).containsExactly("reason");
    assertThat(rowsOf("C-phone")).isZero();

    Reply recorded =
        api.post(
            "/api/v1/customers/C-phone/consents",
            support,
            body.replace("}", ",\"reason\":\"customer called to stop marketing texts\"}"));
    assertThat(recorded.status()).as(recorded.text()).isEqualTo(201);
    JsonNode entry = recorded.body().path("history").get(0);
    assertThat(entry.path("source").asText()).isEqualTo("staff-phone");
    assertThat(entry.path("actor").asText()).isEqualTo("agent-7");
    assertThat(entry.path("ipOrIdentity").asText()).isEqualTo("call-ref-991");
    assertThat(entry.path("channel").asText()).isEqualTo("sms");
    assertThat(gate.decide("C-phone", "marketing", "sms", clock.instant()).reason())
        .isEqualTo("withdrawn");

    Reply viewed = api.get("/api/v1/customers/C-phone/consents", support, "ticket 4411: follow-up");
    assertThat(viewed.status()).isEqualTo(200);
    assertThat(viewed.body().path("history")).hasSize(1);

    Reply log = api.get("/api/v1/audit-log?customerId=C-phone", compliance);
    assertThat(log.status()).isEqualTo(200);
    JsonNode entries = log.body().path("entries");
    assertThat(actions(entries)).containsExactly("consent.viewed", "consent.recorded");
    JsonNode recordedEntry = entries.get(1);
    assertThat(recordedEntry.path("actor").asText()).isEqualTo("agent-7");
    assertThat(recordedEntry.path("role").asText()).isEqualTo("support");
    assertThat(recordedEntry.path("customerId").asText()).isEqualTo("C-phone");
    assertThat(recordedEntry.path("reason").asText())
        .isEqualTo("customer called to stop marketing texts");
    assertThat(recordedEntry.path("details").path("entryId").asLong())
        .isEqualTo(entry.path("id").asLong());
    assertThat(entries.get(0).path("reason").asText()).isEqualTo("ticket 4411: follow-up");
  }

  @Test
  void anSmsStopThroughTheJavaApiWithdrawsThatChannelOnceEvenWhenRedelivered() {
    commands.grant(
        "C-sms",
        "marketing",
        null,
        new ConsentEvidence("web", "C-sms", "198.51.100.4", "marketing/v3", null, null));
    Instant received = clock.instant();
    ConsentEvidence stop = ConsentEvidence.smsKeyword("stop", "+447700900001", "SM-1", received);

    Optional<RecordedConsent> first = commands.withdraw("C-sms", "marketing", "sms", stop);
    Optional<RecordedConsent> again = commands.withdraw("C-sms", "marketing", "sms", stop);

    assertThat(first.orElseThrow().repeated()).isFalse();
    assertThat(again.orElseThrow().repeated()).isTrue();
    assertThat(again.get().id()).isEqualTo(first.get().id());
    assertThat(db.count("SELECT count(*) FROM consent.consent_event WHERE reference = 'SM-1'"))
        .isEqualTo(1);
    assertThat(gate.decide("C-sms", "marketing", "sms", clock.instant()).reason())
        .isEqualTo("withdrawn");
    assertThat(gate.decide("C-sms", "marketing", "email", clock.instant()).allowed()).isTrue();

    commands.withdraw(
        "C-sms",
        "marketing",
        "email",
        ConsentEvidence.emailUnsubscribe("sam@example.com", "unsubscribe/v2", null, null));
    assertThat(gate.decide("C-sms", "marketing", "email", clock.instant()).reason())
        .isEqualTo("withdrawn");

    // the same provider message for someone else is a conflict, not a second entry
    assertThatThrownBy(() -> commands.withdraw("C-other", "marketing", "sms", stop))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.status().getCode()).isEqualTo(409);
              assertThat(e.errors()).extracting(FieldError::field).containsExactly("reference");
            });
    assertThat(rowsOf("C-other")).isZero();
  }

  @Test
  void badInputThroughTheJavaApiNamesTheFieldAndStoresNothing() {
    ConsentEvidence noText = new ConsentEvidence("api", "C-java", "10.0.0.1", null, null, null);
    assertThatThrownBy(() -> commands.grant("C-java", "marketing", "carrier-pigeon", noText))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactly("channel", "textVersion"));
    assertThatThrownBy(() -> commands.withdraw("C-java", "spam", null, null))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactly("purpose", "evidence"));
    assertThat(rowsOf("C-java")).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "UPDATE consent.consent_event SET action = 'granted'",
        "DELETE FROM consent.consent_event",
        "TRUNCATE consent.consent_event",
        "UPDATE consent.audit_log SET reason = 'nothing to see'",
        "DELETE FROM consent.audit_log",
        "TRUNCATE consent.suppressed_subject",
      })
  void theLedgersAreAppendOnlyInTheDatabase(String statement) {
    commands.grant(
        "C-append",
        "marketing",
        null,
        new ConsentEvidence("api", "C-append", "10.0.0.2", "marketing/v3", null, null));
    auditLog.record("agent-1", "support", "timeline.viewed", "C-append", "checking", null);

    assertThatThrownBy(() -> db.execute(statement))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("append-only");
  }

  @Test
  void otherModulesRecordStaffActionsAndComplianceQueriesThem() {
    Instant start = clock.instant();
    auditLog.record(
        "agent-9",
        "support",
        "timeline.viewed",
        "C-audit",
        "customer asked why an SMS came late",
        Map.of("notificationId", "N-1"));
    auditLog.record("agent-9", "support", "notification.resent", "C-audit", "resend", null);
    auditLog.record("agent-8", "support", "timeline.viewed", "C-audit-2", "asked", null);

    Reply mine = api.get("/api/v1/audit-log?actor=agent-9", compliance);
    assertThat(mine.status()).isEqualTo(200);
    assertThat(actions(mine.body().path("entries")))
        .containsExactly("notification.resent", "timeline.viewed");
    JsonNode viewed = mine.body().path("entries").get(1);
    assertThat(viewed.path("details").path("notificationId").asText()).isEqualTo("N-1");
    assertThat(viewed.path("reason").asText()).isEqualTo("customer asked why an SMS came late");
    assertThat(Instant.parse(viewed.path("occurredAt").asText())).isAfterOrEqualTo(start);
    assertThat(mine.body().path("next").isNull()).isTrue();

    Reply page = api.get("/api/v1/audit-log?actor=agent-9&limit=1", compliance);
    assertThat(actions(page.body().path("entries"))).containsExactly("notification.resent");
    String next = page.body().path("next").asText();
    assertThat(next).contains("before=");
    assertThat(actions(api.get(next, compliance).body().path("entries")))
        .containsExactly("timeline.viewed");

    Reply filtered =
        api.get(
            "/api/v1/audit-log?customerId=C-audit-2&action=timeline.viewed&from="
                + start
                + "&to="
                + clock.instant().plusSeconds(1),
            compliance);
    assertThat(filtered.body().path("entries").findValuesAsText("actor"))
        .containsExactly("agent-8");
    Reply empty =
        api.get("/api/v1/audit-log?actor=agent-9&to=" + start.minusSeconds(3600), compliance);
    assertThat(empty.body().path("entries")).isEmpty();

    // the officer's query is itself audited
    Reply queries =
        api.get("/api/v1/audit-log?actor=officer-1&action=audit-log.queried", compliance);
    assertThat(queries.body().path("entries").size()).isGreaterThanOrEqualTo(4);

    assertThatThrownBy(() -> auditLog.record(" ", "support", "x.viewed", "C-1", null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "from=yesterday      | from",
        "to=2026-13-01       | to",
        "from=2026-07-02T00:00:00Z&to=2026-07-01T00:00:00Z | to",
        "limit=0             | limit",
        "limit=many          | limit",
        "before=-3           | before",
        "customerId=a%20b    | customerId",
      })
  void badAuditQueriesAreA400NamingTheParameter(String query, String field) {
    Reply reply = api.get("/api/v1/audit-log?" + query, compliance);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorFields()).containsExactly(field);
  }

  @Test
  void everyEndpointNeedsATokenAndTheRightRole() {
    String customer = tokens.customer("C-roles");
    String ops = tokens.token("ops-1", Roles.OPS);
    String admin = tokens.token("admin-1", Roles.ADMIN);
    String receipt = "/api/v1/erasure-receipts/" + java.util.UUID.randomUUID();

    assertThat(api.get("/api/v1/consents", null).status()).isEqualTo(401);
    assertThat(api.post("/api/v1/consents", null, GRANT_MARKETING).status()).isEqualTo(401);
    assertThat(api.get("/api/v1/customers/C-roles/consents", null).status()).isEqualTo(401);
    assertThat(api.post("/api/v1/customers/C-roles/consents", null, "{}").status()).isEqualTo(401);
    assertThat(api.post("/api/v1/data-subjects/C-roles/export", null, "{}").status())
        .isEqualTo(401);
    assertThat(api.post("/api/v1/data-subjects/C-roles/erasure", null, "{}").status())
        .isEqualTo(401);
    assertThat(api.get(receipt, null).status()).isEqualTo(401);
    assertThat(api.get("/api/v1/audit-log", null).status()).isEqualTo(401);

    // customers only ever reach their own consent
    assertThat(api.get("/api/v1/customers/C-roles/consents", customer).status()).isEqualTo(403);
    assertThat(api.post("/api/v1/data-subjects/C-roles/export", customer, "{}").status())
        .isEqualTo(403);
    assertThat(api.get("/api/v1/audit-log", customer).status()).isEqualTo(403);
    // staff do not act as the customer
    assertThat(api.post("/api/v1/consents", support, GRANT_MARKETING).status()).isEqualTo(403);
    // support sees and records consent, but exports, erasures and the audit log are compliance's
    String reason = "{\"reason\":\"test\"}";
    assertThat(api.post("/api/v1/data-subjects/C-roles/export", support, reason).status())
        .isEqualTo(403);
    assertThat(api.post("/api/v1/data-subjects/C-roles/erasure", support, reason).status())
        .isEqualTo(403);
    assertThat(api.get("/api/v1/audit-log", support).status()).isEqualTo(403);
    assertThat(api.get(receipt, support).status()).isEqualTo(403);
    for (String other : List.of(ops, admin)) {
      assertThat(api.get("/api/v1/customers/C-roles/consents", other).status()).isEqualTo(403);
      assertThat(api.post("/api/v1/data-subjects/C-roles/erasure", other, reason).status())
          .isEqualTo(403);
      assertThat(api.get("/api/v1/audit-log", other).status()).isEqualTo(403);
    }
    assertThat(rowsOf("C-roles")).isZero();
    assertThat(db.count("SELECT count(*) FROM consent.suppressed_subject")).isZero();
  }

  @Test
  void anotherInstanceSeesAChangeAtOnce() {
    Map<String, Object> second = new HashMap<>(properties);
    second.put("kilowatch.messaging.delete-on-shutdown", "false");
    second.put("kilowatch.retention-job.enabled", "false");
    try (ApplicationContext other = ApplicationContext.run(second)) {
      assertThat(other.getBean(HazelcastInstance.class).getCluster().getMembers()).hasSize(2);
      ConsentGate otherGate = other.getBean(ConsentGate.class);
      Instant now = clock.instant();
      // the other instance caches the state first
      assertThat(otherGate.decide("C-two", "marketing", "email", now).reason())
          .isEqualTo("no-consent");

      api.post("/api/v1/consents", tokens.customer("C-two"), GRANT_MARKETING);

      assertThat(otherGate.decide("C-two", "marketing", "email", clock.instant()).allowed())
          .isTrue();
      other
          .getBean(ConsentCommands.class)
          .withdraw(
              "C-two",
              "marketing",
              "email",
              ConsentEvidence.emailUnsubscribe("two@example.com", "unsubscribe/v2", "L-2", null));
      assertThat(gate.decide("C-two", "marketing", "email", clock.instant()).reason())
          .isEqualTo("withdrawn");
    }
  }

  private double decisions(String purpose, String result) {
    return context
        .getBean(MeterRegistry.class)
        .get("kilowatch.consent.decisions")
        .tag("purpose", purpose)
        .tag("result", result)
        .counter()
        .count();
  }

  /** The {@code action} of each audit entry (not the ones inside their details). */
  static List<String> actions(JsonNode entries) {
    List<String> actions = new java.util.ArrayList<>();
    entries.forEach(e -> actions.add(e.path("action").asText()));
    return actions;
  }

  private long rowsOf(String customerId) {
    return db.count(
            "SELECT count(*) FROM consent.consent_event WHERE customer_id = '" + customerId + "'")
        + db.count(
            "SELECT count(*) FROM consent.audit_log WHERE customer_id = '" + customerId + "'");
  }

  private static JsonNode purpose(Reply reply, String purpose) {
    for (JsonNode p : reply.body().path("purposes")) {
      if (p.path("purpose").asText().equals(purpose)) {
        return p;
      }
    }
    throw new AssertionError("no purpose " + purpose + " in " + reply.body());
  }

  private static JsonNode channel(Reply reply, String purpose, String channel) {
    return purpose(reply, purpose).path("channels").path(channel);
  }
}
