package io.kilowatch.consent.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kilowatch.consent.ApiClient;
import io.kilowatch.consent.ApiClient.Reply;
import io.kilowatch.consent.AuditLog;
import io.kilowatch.consent.ConsentCommands;
import io.kilowatch.consent.ConsentDecision;
import io.kilowatch.consent.ConsentEvidence;
import io.kilowatch.consent.ConsentGate;
import io.kilowatch.consent.Db;
import io.kilowatch.consent.ErasedSubjects;
import io.kilowatch.consent.application.SubjectHasher;
import io.kilowatch.platform.gdpr.DataSubject;
import io.kilowatch.platform.security.Roles;
import io.kilowatch.platform.web.ProblemJson;
import io.kilowatch.testing.TestInfrastructure;
import io.kilowatch.testing.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Export and erasure across modules on real infrastructure, with two stand-in modules beside the
 * consent module's own data.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataSubjectIT implements TestPropertyProvider {
  static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> CATEGORIES =
      List.of("usage", "cost", "price", "billing", "outage", "marketing");
  static final List<String> CHANNELS = List.of("sms", "email", "push", "webhook");

  @Inject ApplicationContext context;
  @Inject EmbeddedServer server;
  @Inject ConsentGate gate;
  @Inject ErasedSubjects erasedSubjects;
  @Inject ConsentCommands commands;
  @Inject AuditLog auditLog;
  @Inject SubjectHasher hasher;
  @Inject Clock clock;
  @Inject FakeModules.Preference preference;
  @Inject FakeModules.Metering metering;

  ApiClient api;
  TestTokens tokens;
  Db db;
  String compliance;
  String support;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> props = new HashMap<>(TestInfrastructure.properties());
    props.put("spec.name", FakeModules.SPEC);
    props.put("kilowatch.consent.subject-hash-secret", "test-subject-secret-0123456789abcdef");
    return props;
  }

  @BeforeAll
  void setUp() {
    api = new ApiClient(server.getURI());
    tokens = new TestTokens(context);
    db = new Db(context);
    compliance = tokens.token("officer-1", Roles.COMPLIANCE);
    support = tokens.token("agent-7", Roles.SUPPORT);
  }

  @Test
  void theExportHoldsEveryModulesDataInOneZip() throws Exception {
    preference.add("C-exp", "+447700900111", "exp@example.com");
    metering.meters.put("C-exp", List.of("MTR-exp-1"));
    commands.grant(
        "C-exp",
        "marketing",
        null,
        new ConsentEvidence("web", "C-exp", "203.0.113.21", "marketing/v3", null, null));
    commands.withdraw(
        "C-exp",
        "marketing",
        "sms",
        ConsentEvidence.smsKeyword("STOP", "+447700900111", "SM-exp", null));
    api.get("/api/v1/customers/C-exp/consents", support, "customer asked what we hold");

    Reply noReason =
        api.postWithReasonHeader("/api/v1/data-subjects/C-exp/export", compliance, null);
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.contentType()).startsWith(ProblemJson.MEDIA_TYPE);
    assertThat(noReason.errorFields()).containsExactly("reason");

    Reply export =
        api.post(
            "/api/v1/data-subjects/C-exp/export",
            compliance,
            "{\"reason\":\"subject access request, letter of 1 July\"}");

    assertThat(export.status()).as(export.text()).isEqualTo(200);
    assertThat(export.contentType()).startsWith("application/zip");
    assertThat(export.disposition())
        .matches("attachment; filename=\"kilowatch-export-C-exp-\\d{8}T\\d{6}Z\\.zip\"");
    Map<String, byte[]> files = unzip(export.bytes());
    assertThat(files.keySet())
        .containsExactlyInAnyOrder(
            "summary.txt", "manifest.json", "consent.json", "metering.json", "preference.json");

    JsonNode consent = JSON.readTree(files.get("consent.json"));
    assertThat(consent.path("module").asText()).isEqualTo("consent");
    assertThat(consent.path("customerId").asText()).isEqualTo("C-exp");
    JsonNode events = consent.path("datasets").path("consent_events");
    assertThat(events).hasSize(2);
    assertThat(events.findValuesAsText("ipOrIdentity"))
        .containsExactly("203.0.113.21", "+447700900111");
    assertThat(events.findValuesAsText("textVersion"))
        .containsExactly("marketing/v3", "sms-keyword:STOP");
    assertThat(
            consent.path("datasets").path("consent_state").path("marketing").path("sms").asText())
        .isEqualTo("refused: withdrawn");
    JsonNode staff = consent.path("datasets").path("staff_actions");
    assertThat(ConsentApiIT.actions(staff)).containsExactly("consent.viewed");
    assertThat(staff.get(0).has("actor")).isFalse();
    assertThat(staff.get(0).path("reason").asText()).isEqualTo("customer asked what we hold");

    JsonNode pref = JSON.readTree(files.get("preference.json"));
    assertThat(pref.path("datasets").path("contact_points").findValuesAsText("address"))
        .containsExactlyInAnyOrder("+447700900111", "exp@example.com");
    JsonNode meter = JSON.readTree(files.get("metering.json"));
    assertThat(meter.path("datasets").path("readings").findValuesAsText("meterId"))
        .containsExactly("MTR-exp-1");
    assertThat(meter.path("datasets").path("readings").get(0).path("intervalStart").asText())
        .isEqualTo("2026-06-30T23:00:00Z");

    // every module was given every identifier any module knows
    DataSubject seen = metering.exported.get(metering.exported.size() - 1);
    assertThat(seen.customerId()).isEqualTo("C-exp");
    assertThat(seen.all(DataSubject.PHONE)).containsExactly("+447700900111");
    assertThat(seen.all(DataSubject.EMAIL)).containsExactly("exp@example.com");
    assertThat(seen.all(DataSubject.METER)).containsExactly("MTR-exp-1");

    String summary = new String(files.get("summary.txt"), StandardCharsets.UTF_8);
    assertThat(summary)
        .contains("C-exp", "consent.json", "metering.json", "preference.json", "Art. 15");
    JsonNode manifest = JSON.readTree(files.get("manifest.json"));
    for (JsonNode file : manifest.path("files")) {
      byte[] bytes = files.get(file.path("file").asText());
      assertThat(file.path("sha256").asText()).isEqualTo(sha256(bytes));
    }
    assertThat(manifest.path("identifiers").path("meter").get(0).asText()).isEqualTo("MTR-exp-1");

    JsonNode audit =
        api.get("/api/v1/audit-log?customerId=C-exp&action=data-subject.exported", compliance)
            .body()
            .path("entries");
    assertThat(audit).hasSize(1);
    assertThat(audit.get(0).path("actor").asText()).isEqualTo("officer-1");
    assertThat(audit.get(0).path("reason").asText())
        .isEqualTo("subject access request, letter of 1 July");
  }

  @Test
  void aReasonInTheHeaderIsEnoughAndAPersonWithoutDataGetsAnEmptyArchive() throws Exception {
    Reply export =
        api.postWithReasonHeader(
            "/api/v1/data-subjects/C-nobody/export", compliance, "request by email");
    assertThat(export.status()).isEqualTo(200);
    Map<String, byte[]> files = unzip(export.bytes());
    assertThat(JSON.readTree(files.get("consent.json")).path("datasets").path("consent_events"))
        .isEmpty();
    assertThat(
            api.postWithReasonHeader("/api/v1/data-subjects/C%20x/export", compliance, "x")
                .errorFields())
        .containsExactly("customerId");
  }

  @Test
  void erasureErasesEveryModuleAndKeepsAReceiptWithoutPersonalData() throws SQLException {
    String phone = "+447700900222";
    String email = "erase.me@example.com";
    String ip = "203.0.113.50";
    preference.add("C-erase", phone, email);
    metering.meters.put("C-erase", List.of("MTR-erase-1"));
    commands.grant(
        "C-erase",
        "marketing",
        null,
        new ConsentEvidence("web", "C-erase", ip, "marketing/v3", null, null));
    commands.withdraw(
        "C-erase", "marketing", "sms", ConsentEvidence.smsKeyword("STOP", phone, "SM-erase", null));
    commands.withdraw(
        "C-erase",
        "analytics",
        "email",
        ConsentEvidence.emailUnsubscribe(email, "unsubscribe/v2", "L-erase", null));
    api.get("/api/v1/customers/C-erase/consents", support, "caller " + email + " asked");
    auditLog.record(
        "agent-3",
        "support",
        "preferences.updated",
        "C-erase",
        "moved to email",
        Map.of("phone", phone));
    assertThat(gate.decide("C-erase", "marketing", "email", clock.instant()).allowed()).isTrue();

    Reply noReason = api.post("/api/v1/data-subjects/C-erase/erasure", compliance, "{}");
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.errorFields()).containsExactly("reason");
    assertThat(erasedSubjects.isErased("C-erase")).isFalse();

    Reply erased =
        api.post(
            "/api/v1/data-subjects/C-erase/erasure",
            compliance,
            "{\"reason\":\"Art. 17 request from C-erase (" + phone + ", " + email + ")\"}");

    assertThat(erased.status()).as(erased.text()).isEqualTo(201);
    JsonNode receipt = erased.body();
    assertThat(erased.location())
        .isEqualTo("/api/v1/erasure-receipts/" + receipt.path("id").asText());
    assertThat(receipt.path("subjectHash").asText()).matches("[0-9a-f]{64}");
    assertThat(receipt.path("subjectHash").asText()).isEqualTo(hasher.hash("C-erase"));
    assertThat(receipt.path("actor").asText()).isEqualTo("officer-1");
    assertThat(receipt.path("reason").asText())
        .isEqualTo("Art. 17 request from [erased] ([erased], [erased])");
    assertThat(receipt.path("counts").path("consent").path("consent_event").asLong()).isEqualTo(3);
    assertThat(receipt.path("counts").path("consent").path("audit_log").asLong()).isEqualTo(2);
    assertThat(receipt.path("counts").path("preference").path("contact_point").asLong())
        .isEqualTo(2);
    assertThat(receipt.path("counts").path("metering").path("reading").asLong()).isEqualTo(96);
    assertThat(receipt.path("contentHash").asText()).matches("[0-9a-f]{64}");
    assertThat(receipt.path("intact").asBoolean()).isTrue();
    assertThat(Instant.parse(receipt.path("finishedAt").asText()))
        .isAfterOrEqualTo(Instant.parse(receipt.path("startedAt").asText()));

    // every module was asked, with every identifier any module knew
    for (DataSubject s : List.of(last(preference.erased), last(metering.erased))) {
      assertThat(s.customerId()).isEqualTo("C-erase");
      assertThat(s.all(DataSubject.PHONE)).containsExactly(phone);
      assertThat(s.all(DataSubject.EMAIL)).containsExactly(email);
      assertThat(s.all(DataSubject.METER)).containsExactly("MTR-erase-1");
    }

    // no personal data in the receipt, as answered and as stored, nor anywhere in the schema
    Reply stored = api.get(erased.location(), compliance);
    assertThat(stored.status()).isEqualTo(200);
    assertThat(stored.body()).isEqualTo(receipt);
    List<String> personal =
        List.of("C-erase", phone, phone.substring(1), email, ip, "SM-erase", "L-erase");
    for (String text : List.of(erased.text(), stored.text(), db.dumpSchema("consent"))) {
      for (String identifier : personal) {
        assertThat(text).doesNotContainIgnoringCase(identifier);
      }
    }
    // what stays is the proof: pseudonymised ledger entries with purpose, action, source, text
    assertThat(
            db.count(
                "SELECT count(*) FROM consent.consent_event WHERE erased AND customer_id = '"
                    + hasher.hash("C-erase")
                    + "' AND text_version IN ('marketing/v3', 'sms-keyword:STOP', 'unsubscribe/v2')"))
        .isEqualTo(3);

    // suppressed: refused everything, on every channel, and nothing is recorded again
    for (String category : CATEGORIES) {
      for (String channel : CHANNELS) {
        ConsentDecision d = gate.decide("C-erase", category, channel, clock.instant());
        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).isEqualTo(ConsentDecision.ERASED);
      }
    }
    assertThat(gate.decideTracking("C-erase", "email", clock.instant()).reason())
        .isEqualTo("erased");
    assertThat(erasedSubjects.isErased("C-erase")).isTrue();
    assertThat(
            commands.grant(
                "C-erase",
                "marketing",
                null,
                new ConsentEvidence("web", "C-erase", ip, "marketing/v3", null, null)))
        .isEmpty();
    auditLog.record(
        "agent-3", "support", "timeline.viewed", "C-erase", "late look at C-erase", null);
    String customer = tokens.customer("C-erase");
    assertThat(api.get("/api/v1/consents", customer).status()).isEqualTo(410);
    assertThat(
            api.post(
                    "/api/v1/consents",
                    customer,
                    "{\"purpose\":\"marketing\",\"action\":\"grant\",\"textVersion\":\"v1\"}")
                .status())
        .isEqualTo(410);
    assertThat(api.get("/api/v1/customers/C-erase/consents", support).status()).isEqualTo(410);
    Reply lateExport =
        api.postWithReasonHeader("/api/v1/data-subjects/C-erase/export", compliance, "again");
    assertThat(lateExport.status()).isEqualTo(410);
    assertThat(lateExport.errorFields()).containsExactly("customerId");
    String dump = db.dumpSchema("consent");
    for (String identifier : personal) {
      assertThat(dump).doesNotContainIgnoringCase(identifier);
    }

    // compliance still finds what staff did about the person, under the subject hash
    JsonNode trail =
        api.get("/api/v1/audit-log?customerId=C-erase", compliance).body().path("entries");
    assertThat(ConsentApiIT.actions(trail))
        .contains(
            "data-subject.erased", "preferences.updated", "consent.viewed", "timeline.viewed");
    for (JsonNode entry : trail) {
      assertThat(entry.path("customerId").isNull()).isTrue();
      assertThat(entry.path("subjectHash").asText()).isEqualTo(hasher.hash("C-erase"));
    }

    // erasing again is safe and says what was left: nothing
    Reply again =
        api.postWithReasonHeader("/api/v1/data-subjects/C-erase/erasure", compliance, "re-run");
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.body().path("id").asText()).isNotEqualTo(receipt.path("id").asText());
    assertThat(again.body().path("totalRows").asLong()).isZero();

    // receipts and the suppression list cannot be edited or removed behind the module's back
    assertThatThrownBy(() -> db.execute("UPDATE consent.erasure_receipt SET reason = 'edited'"))
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> db.execute("DELETE FROM consent.suppressed_subject"))
        .hasMessageContaining("append-only");
  }

  @Test
  void aFailingModuleStopsTheErasureButThePersonStaysSuppressed() {
    metering.meters.put("C-broken", List.of("MTR-broken-1"));
    metering.failFor.add("C-broken");
    commands.grant(
        "C-broken",
        "marketing",
        "email",
        new ConsentEvidence("api", "C-broken", "198.51.100.9", "marketing/v3", null, null));

    Reply failed =
        api.postWithReasonHeader("/api/v1/data-subjects/C-broken/erasure", compliance, "Art. 17");

    assertThat(failed.status()).isEqualTo(500);
    assertThat(failed.contentType()).startsWith(ProblemJson.MEDIA_TYPE);
    assertThat(failed.errorFields()).containsExactly("module");
    assertThat(failed.body().path("detail").asText()).contains("metering");
    assertThat(failed.text()).doesNotContain("database unavailable");
    String hash = hasher.hash("C-broken");
    assertThat(
            db.count(
                "SELECT count(*) FROM consent.erasure_receipt WHERE subject_hash = '" + hash + "'"))
        .isZero();
    assertThat(
            db.count("SELECT count(*) FROM consent.consent_event WHERE customer_id = 'C-broken'"))
        .as("the consent module's erasure was rolled back with the rest")
        .isEqualTo(1);
    assertThat(gate.decide("C-broken", "marketing", "email", clock.instant()).reason())
        .isEqualTo("erased");

    metering.failFor.remove("C-broken");
    Reply retried =
        api.postWithReasonHeader("/api/v1/data-subjects/C-broken/erasure", compliance, "Art. 17");
    assertThat(retried.status()).isEqualTo(201);
    assertThat(retried.body().path("counts").path("metering").path("reading").asLong())
        .isEqualTo(96);
    assertThat(
            db.count("SELECT count(*) FROM consent.consent_event WHERE customer_id = 'C-broken'"))
        .isZero();
  }

  @Test
  void anUnknownReceiptIsNotFound() {
    assertThat(
            api.get("/api/v1/erasure-receipts/" + java.util.UUID.randomUUID(), compliance).status())
        .isEqualTo(404);
    assertThat(api.get("/api/v1/erasure-receipts/not-a-receipt", compliance).status())
        .isEqualTo(404);
  }

  @Test
  void theRetentionJobIsScheduledByDefault() throws ClassNotFoundException {
    assertThat(
            context.containsBean(
                Class.forName("io.kilowatch.consent.adapter.in.scheduling.RetentionSchedule")))
        .isTrue();
  }

  private static <T> T last(List<T> list) {
    assertThat(list).isNotEmpty();
    return list.get(list.size() - 1);
  }

  private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        files.put(entry.getName(), in.readAllBytes());
      }
    }
    return files;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
