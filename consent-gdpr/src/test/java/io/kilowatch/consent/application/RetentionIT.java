package io.kilowatch.consent.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowatch.consent.ApiClient;
import io.kilowatch.consent.AuditLog;
import io.kilowatch.consent.ConsentCommands;
import io.kilowatch.consent.ConsentEvidence;
import io.kilowatch.consent.ConsentGate;
import io.kilowatch.consent.Db;
import io.kilowatch.consent.MutableClock;
import io.kilowatch.platform.gdpr.RetentionPolicy;
import io.kilowatch.platform.security.Roles;
import io.kilowatch.testing.TestInfrastructure;
import io.kilowatch.testing.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The retention job on real infrastructure, with the clock under the test's control: expired rows
 * go, rows still in force or not yet expired stay, and decisions do not change.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionIT implements TestPropertyProvider {
  static final String SPEC = "RetentionIT";
  static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");

  /** The clock every bean of this context reads. */
  @Factory
  @Requires(property = "spec.name", value = SPEC)
  static class TestClock {
    @Singleton
    @Replaces(Clock.class)
    MutableClock clock() {
      return new MutableClock(T0);
    }
  }

  @Inject ApplicationContext context;
  @Inject EmbeddedServer server;
  @Inject MutableClock clock;
  @Inject ConsentCommands commands;
  @Inject ConsentGate gate;
  @Inject AuditLog auditLog;
  @Inject RetentionJob job;
  @Inject RetentionPolicy policy;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> props = new HashMap<>(TestInfrastructure.properties());
    props.put("spec.name", SPEC);
    props.put("kilowatch.retention.audit-log", "P1Y");
    props.put("kilowatch.retention.consent-events", "P1Y");
    props.put("kilowatch.retention.erasure-receipts", "P2Y");
    props.put("kilowatch.retention.readings", "P3Y");
    props.put("kilowatch.retention.invoices", "P10Y");
    props.put("kilowatch.retention-job.enabled", "false");
    props.put("kilowatch.retention-job.batch-size", "2");
    return props;
  }

  @Test
  void theJobDeletesOnlyExpiredRowsAndDecisionsStayTheSame() {
    ApiClient api = new ApiClient(server.getURI());
    TestTokens tokens = new TestTokens(context);
    Db db = new Db(context);
    String customer = tokens.customer("C-ret");

    at(0);
    long e1 = record("grant", "marketing", "email");
    auditLog.record("agent-1", "support", "consent.viewed", "C-ret", "old look", null);
    record("grant", "marketing", null, "C-gone");
    record("withdraw", "service", "sms", "C-gone");
    at(1);
    long e2 = record("withdraw", "marketing", "email");
    long e3 = record("withdraw", "service", null);
    at(2);
    long e4 = record("grant", "marketing", null);
    at(3);
    long e5 = record("withdraw", "marketing", "sms");
    at(5);
    var erasure =
        api.postWithReasonHeader(
            "/api/v1/data-subjects/C-gone/erasure",
            tokens.token("officer-1", Roles.COMPLIANCE),
            "Art. 17");
    assertThat(erasure.status()).isEqualTo(201);
    at(200);
    auditLog.record("agent-1", "support", "consent.viewed", "C-ret", "recent look", null);
    at(300);
    long e6 = record("grant", "analytics", "email");
    at(301);
    long e7 = record("withdraw", "analytics", "email");

    // a year and a month later (cutoff T0 + 30 days for the ledger and the audit log)
    clock.set(T0.plus(Duration.ofDays(396)));
    JsonNode before = api.get("/api/v1/consents", customer).body();
    assertThat(before.path("history")).hasSize(7);

    Map<String, Long> deleted = job.run();

    // e1 (superseded by e2), e2 (superseded by e4 for all channels), the erased person's two
    assertThat(deleted)
        .containsEntry(RetentionPolicy.CONSENT_EVENTS, 4L)
        .containsEntry(RetentionPolicy.AUDIT_LOG, 2L)
        .containsEntry(RetentionPolicy.ERASURE_RECEIPTS, 0L);
    JsonNode after = api.get("/api/v1/consents", customer).body();
    assertThat(after.path("history").findValues("id"))
        .extracting(JsonNode::asLong)
        .containsExactly(e7, e6, e5, e4, e3)
        .doesNotContain(e1, e2);
    assertThat(after.path("purposes")).isEqualTo(before.path("purposes"));
    assertThat(db.count("SELECT count(*) FROM consent.consent_event WHERE erased")).isZero();
    assertThat(db.count("SELECT count(*) FROM consent.audit_log")).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM consent.audit_log WHERE reason = 'recent look'"))
        .isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM consent.erasure_receipt")).isEqualTo(1);
    assertThat(job.run()).containsEntry(RetentionPolicy.CONSENT_EVENTS, 0L);

    // two years after the erasure its receipt goes; the suppression never does
    clock.set(T0.plus(Duration.ofDays(2 * 366 + 30)));
    Map<String, Long> later = job.run();
    assertThat(later)
        .containsEntry(RetentionPolicy.CONSENT_EVENTS, 1L) // e6, superseded by e7
        .containsEntry(RetentionPolicy.AUDIT_LOG, 1L)
        .containsEntry(RetentionPolicy.ERASURE_RECEIPTS, 1L);
    assertThat(db.count("SELECT count(*) FROM consent.erasure_receipt")).isZero();
    assertThat(db.count("SELECT count(*) FROM consent.suppressed_subject")).isEqualTo(1);
    assertThat(gate.decide("C-gone", "usage", "sms", clock.instant()).reason()).isEqualTo("erased");
    assertThat(api.get("/api/v1/consents", customer).body().path("history").findValues("id"))
        .extracting(JsonNode::asLong)
        .containsExactly(e7, e5, e4, e3);
  }

  @Test
  void otherModulesReadTheirPeriodsHere() {
    Instant now = Instant.parse("2026-07-01T00:00:00Z");
    assertThat(policy.expiresBefore(RetentionPolicy.READINGS, now))
        .contains(now.atOffset(ZoneOffset.UTC).minusYears(3).toInstant());
    assertThat(policy.expiresBefore(RetentionPolicy.DELIVERY_RECORDS, now))
        .contains(now.atOffset(ZoneOffset.UTC).minusYears(1).toInstant());
    assertThat(policy.expiresBefore("invoices", now))
        .contains(now.atOffset(ZoneOffset.UTC).minusYears(10).toInstant());
    assertThat(policy.periods())
        .containsEntry("audit-log", "P1Y")
        .containsEntry("readings", "P3Y")
        .containsEntry("delivery-records", "P1Y")
        .containsEntry("erasure-receipts", "P2Y")
        .containsEntry("invoices", "P10Y");
    assertThatThrownBy(() -> policy.expiresBefore("photos", now))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kilowatch.retention.photos");
  }

  @Test
  void theJobIsNotScheduledWhenDisabled() throws ClassNotFoundException {
    assertThat(
            context.containsBean(
                Class.forName("io.kilowatch.consent.adapter.in.scheduling.RetentionSchedule")))
        .isFalse();
  }

  private void at(int days) {
    clock.set(T0.plus(Duration.ofDays(days)));
  }

  private long record(String action, String purpose, String channel) {
    return record(action, purpose, channel, "C-ret");
  }

  private long record(String action, String purpose, String channel, String customerId) {
    ConsentEvidence evidence =
        new ConsentEvidence("web", customerId, "192.0.2.1", purpose + "/v1", null, null);
    return (action.equals("grant")
            ? commands.grant(customerId, purpose, channel, evidence)
            : commands.withdraw(customerId, purpose, channel, evidence))
        .orElseThrow()
        .id();
  }
}
