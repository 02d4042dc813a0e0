package io.kilowatch.preference.adapter.in.web;

import static io.kilowatch.preference.adapter.in.web.PreferencesApiIT.list;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowatch.channel.Channel;
import io.kilowatch.platform.security.Roles;
import io.kilowatch.platform.web.ProblemJson;
import io.kilowatch.preference.ApiClient;
import io.kilowatch.preference.ApiClient.Reply;
import io.kilowatch.preference.Database;
import io.kilowatch.preference.MutableClock;
import io.kilowatch.preference.ScriptedCodes;
import io.kilowatch.preference.application.ContactPoints;
import io.kilowatch.preference.domain.ContactPoint;
import io.kilowatch.testing.TestInfrastructure;
import io.kilowatch.testing.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Contact points on real infrastructure: every channel, double opt-in with a controlled clock and
 * known codes, own data only, staff actions audited, bad input refused without a trace.
 */
// every call commits on its own, as in production: no test-wide transaction
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContactPointsApiIT implements TestPropertyProvider {
  static final String PHONE = "{\"channel\":\"sms\",\"address\":\"+447700900123\"}";
  static final String EMAIL = "{\"channel\":\"email\",\"address\":\"Ada@Example.COM\"}";

  @Inject ApplicationContext context;
  @Inject EmbeddedServer server;
  @Inject MutableClock clock;
  @Inject ScriptedCodes codes;
  @Inject ContactPoints contactPoints;
  ApiClient api;
  TestTokens tokens;
  Database db;
  String support;
  String admin;
  String compliance;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> props = new HashMap<>(TestInfrastructure.properties());
    props.put("spec.name", "preference-ContactPointsApiIT");
    props.put("kilowatch.preference.max-contact-points-per-customer", "4");
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

  @BeforeEach
  void resetClock() {
    clock.set(Instant.parse("2026-07-15T09:00:00Z"));
  }

  Reply add(String customerId, String body) {
    return api.post("/api/v1/contact-points", tokens.customer(customerId), body);
  }

  Reply verify(String customerId, String id, String code) {
    return api.post(
        "/api/v1/contact-points/" + id + "/verify",
        tokens.customer(customerId),
        "{\"code\":\"" + code + "\"}");
  }

  Reply resend(String customerId, String id) {
    return api.post(
        "/api/v1/contact-points/" + id + "/resend-code", tokens.customer(customerId), "");
  }

  List<JsonNode> listOwn(String customerId) {
    return list(
        api.get("/api/v1/contact-points", tokens.customer(customerId))
            .body()
            .path("contactPoints"));
  }

  List<JsonNode> auditOf(String customerId) {
    return list(
        api.get("/api/v1/customers/" + customerId + "/preference-audit", compliance)
            .body()
            .path("entries"));
  }

  @Test
  void anSmsNumberStartsUnverifiedAndGetsNothingUntilVerified() {
    Reply added = add("C-sms", PHONE);
    assertThat(added.status()).isEqualTo(201);
    JsonNode point = added.body();
    String id = point.path("id").asText();
    assertThat(point.path("channel").asText()).isEqualTo("sms");
    assertThat(point.path("address").asText()).isEqualTo("+447700900123");
    assertThat(point.path("verified").asBoolean()).isFalse();
    assertThat(point.path("verifiedAt").isNull()).isTrue();
    assertThat(point.path("verification").path("expiresAt").asText())
        .isEqualTo("2026-07-15T09:15:00Z");
    assertThat(point.path("verification").path("attemptsLeft").asInt()).isEqualTo(5);
    assertThat(point.toString()).doesNotContain(codes.last()).doesNotContain("hash");
    assertThat(contactPoints.verified("C-sms", Channel.SMS)).isEmpty();
    // only a hash of the code is stored
    assertThat(
            db.count(
                "SELECT count(*) FROM preference.verification_code WHERE code_hash = ?",
                codes.last()))
        .isZero();

    clock.advance(Duration.ofMinutes(3));
    Reply verified = verify("C-sms", id, codes.last());
    assertThat(verified.status()).isEqualTo(200);
    assertThat(verified.body().path("verified").asBoolean()).isTrue();
    assertThat(verified.body().path("verifiedAt").asText()).isEqualTo("2026-07-15T09:03:00Z");
    assertThat(verified.body().has("verification")).isFalse();
    List<ContactPoint> usable = contactPoints.verified("C-sms", Channel.SMS);
    assertThat(usable).extracting(ContactPoint::address).containsExactly("+447700900123");

    // verifying again changes nothing
    assertThat(verify("C-sms", id, "000000").status()).isEqualTo(200);
    assertThat(listOwn("C-sms")).hasSize(1);
  }

  @Test
  void addingTheSameAddressAgainAnswersTheExistingPoint() {
    Reply first = add("C-twice", EMAIL);
    Reply second = add("C-twice", "{\"channel\":\"email\",\"address\":\"  Ada@example.com \"}");
    assertThat(first.status()).isEqualTo(201);
    assertThat(first.body().path("address").asText()).isEqualTo("Ada@example.com");
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.body().path("id")).isEqualTo(first.body().path("id"));
    assertThat(listOwn("C-twice")).hasSize(1);
  }

  @Test
  void aWrongCodeCountsAndSaysHowManyAttemptsAreLeft() {
    String id = add("C-wrong", PHONE).body().path("id").asText();
    String code = codes.last();

    Reply wrong = verify("C-wrong", id, "999999");
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.contentType()).startsWith(ProblemJson.MEDIA_TYPE);
    assertThat(wrong.errorFields()).containsExactly("code");
    assertThat(wrong.firstError()).isEqualTo("is not the code we sent; 4 attempts left");
    assertThat(listOwn("C-wrong").get(0).path("verification").path("attemptsLeft").asInt())
        .isEqualTo(4);

    // something that is not a code is refused without using an attempt
    Reply malformed = verify("C-wrong", id, "12ab");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.errorFields()).containsExactly("code");
    Reply missing =
        api.post("/api/v1/contact-points/" + id + "/verify", tokens.customer("C-wrong"), "{}");
    assertThat(missing.errorFields()).containsExactly("code");
    assertThat(listOwn("C-wrong").get(0).path("verification").path("attemptsLeft").asInt())
        .isEqualTo(4);

    assertThat(verify("C-wrong", id, code).status()).isEqualTo(200);
    assertThat(auditOf("C-wrong"))
        .extracting(e -> e.path("action").asText())
        .containsSubsequence(
            "contact-point.verify", "contact-point.verify-failed", "contact-point.add");
  }

  @Test
  void anExpiredCodeNeedsANewOne() {
    String id = add("C-late", PHONE).body().path("id").asText();
    String expired = codes.last();
    clock.advance(Duration.ofMinutes(15));

    Reply late = verify("C-late", id, expired);
    assertThat(late.status()).isEqualTo(400);
    assertThat(late.errorFields()).containsExactly("code");
    assertThat(late.firstError()).isEqualTo("has expired; ask for a new code");
    assertThat(contactPoints.verified("C-late", Channel.SMS)).isEmpty();

    Reply resent = resend("C-late", id);
    assertThat(resent.status()).isEqualTo(202);
    assertThat(resent.body().path("verification").path("expiresAt").asText())
        .isEqualTo("2026-07-15T09:30:00Z");
    assertThat(codes.last()).isNotEqualTo(expired);
    assertThat(verify("C-late", id, expired).firstError()).startsWith("is not the code we sent");
    assertThat(verify("C-late", id, codes.last()).status()).isEqualTo(200);
  }

  @Test
  void fiveWrongCodesLockTheCodeUntilANewOneIsRequested() {
    String id = add("C-guess", PHONE).body().path("id").asText();
    String code = codes.last();
    for (int i = 1; i <= 5; i++) {
      Reply wrong = verify("C-guess", id, String.format("%06d", i));
      assertThat(wrong.status()).isEqualTo(400);
    }
    Reply locked = verify("C-guess", id, code);
    assertThat(locked.status()).isEqualTo(429);
    assertThat(locked.errorFields()).containsExactly("code");
    assertThat(locked.firstError()).isEqualTo("too many wrong codes; ask for a new code");
    assertThat(contactPoints.verified("C-guess", Channel.SMS)).isEmpty();

    // a new code only after the cool-down
    Reply tooSoon = resend("C-guess", id);
    assertThat(tooSoon.status()).isEqualTo(429);
    assertThat(tooSoon.errorFields()).containsExactly("id");
    clock.advance(Duration.ofSeconds(60));
    assertThat(resend("C-guess", id).body().path("verification").path("attemptsLeft").asInt())
        .isEqualTo(5);
    assertThat(verify("C-guess", id, codes.last()).status()).isEqualTo(200);
    assertThat(resend("C-guess", id).status()).isEqualTo(409);
  }

  @Test
  void pushTokensAndWebhooksAreVerifiedWhenAdded() {
    String token = "fcm:" + "A".repeat(4092);
    Reply push =
        add(
            "C-apps",
            "{\"channel\":\"push\",\"address\":\"" + token + "\",\"platform\":\"android\"}");
    assertThat(push.status()).isEqualTo(201);
    assertThat(push.body().path("verified").asBoolean()).isTrue();
    assertThat(push.body().path("platform").asText()).isEqualTo("android");
    assertThat(push.body().path("address").asText()).hasSize(4096);
    assertThat(
            add(
                    "C-apps",
                    "{\"channel\":\"push\",\"address\":\"" + token + "\",\"platform\":\"android\"}")
                .status())
        .isEqualTo(200);

    Reply hook =
        add("C-apps", "{\"channel\":\"webhook\",\"address\":\"HTTPS://Hooks.Example.com/kw?x=Y\"}");
    assertThat(hook.status()).isEqualTo(201);
    assertThat(hook.body().path("address").asText()).isEqualTo("https://hooks.example.com/kw?x=Y");
    assertThat(hook.body().path("verified").asBoolean()).isTrue();
    assertThat(contactPoints.verified("C-apps", Channel.PUSH)).hasSize(1);
    assertThat(contactPoints.verified("C-apps", Channel.WEBHOOK)).hasSize(1);
    assertThat(resend("C-apps", hook.body().path("id").asText()).status()).isEqualTo(409);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "invalid E.164       | {\"channel\":\"sms\",\"address\":\"07700 900123\"}                         | address",
        "invalid email       | {\"channel\":\"email\",\"address\":\"ada@example\"}                        | address",
        "email too long      | {\"channel\":\"email\",\"address\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.com\"} | address",
        "blank push token    | {\"channel\":\"push\",\"address\":\"\",\"platform\":\"ios\"}               | address",
        "push token spaces   | {\"channel\":\"push\",\"address\":\"abc def\",\"platform\":\"ios\"}        | address",
        "push no platform    | {\"channel\":\"push\",\"address\":\"abcdef\"}                              | platform",
        "push bad platform   | {\"channel\":\"push\",\"address\":\"abcdef\",\"platform\":\"blackberry\"}  | platform",
        "webhook http        | {\"channel\":\"webhook\",\"address\":\"http://hooks.example.com/k\"}       | address",
        "webhook loopback    | {\"channel\":\"webhook\",\"address\":\"https://127.0.0.1:8443/k\"}         | address",
        "webhook private     | {\"channel\":\"webhook\",\"address\":\"https://10.0.0.7/k\"}               | address",
        "webhook metadata    | {\"channel\":\"webhook\",\"address\":\"https://169.254.169.254/latest\"}   | address",
        "webhook localhost   | {\"channel\":\"webhook\",\"address\":\"https://localhost/k\"}              | address",
        "unknown channel     | {\"channel\":\"fax\",\"address\":\"+447700900123\"}                        | channel",
        "missing channel     | {\"address\":\"+447700900123\"}                                            | channel",
        "unknown field       | {\"channel\":\"sms\",\"address\":\"+447700900123\",\"primary\":true}       | primary",
      })
  void badInputIsA400NamingTheFieldAndStoresNothing(String caseName, String body, String field) {
    Reply reply = add("C-invalid-point", body);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.contentType()).startsWith(ProblemJson.MEDIA_TYPE);
    assertThat(reply.errorFields()).containsExactly(field);
    assertThat(listOwn("C-invalid-point")).isEmpty();
    assertThat(
            db.count(
                "SELECT count(*) FROM preference.audit_log WHERE customer_id = 'C-invalid-point'"))
        .isZero();
  }

  @Test
  void anotherCustomersPointIsNotFound() {
    String id = add("C-owner", PHONE).body().path("id").asText();
    String ownerCode = codes.last();
    Reply unknown = verify("C-intruder", UUID.randomUUID().toString(), "123456");

    Reply theirs = verify("C-intruder", id, ownerCode);
    assertThat(theirs.status()).isEqualTo(404);
    assertThat(theirs.body()).isEqualTo(unknown.body());
    assertThat(resend("C-intruder", id).status()).isEqualTo(404);
    assertThat(api.delete("/api/v1/contact-points/" + id, tokens.customer("C-intruder")).status())
        .isEqualTo(404);
    assertThat(
            api.delete("/api/v1/contact-points/not-an-id", tokens.customer("C-intruder")).status())
        .isEqualTo(404);
    assertThat(listOwn("C-intruder")).isEmpty();
    // untouched for its owner
    assertThat(listOwn("C-owner").get(0).path("verification").path("attemptsLeft").asInt())
        .isEqualTo(5);
    assertThat(verify("C-owner", id, ownerCode).status()).isEqualTo(200);
  }

  @Test
  void aCustomerRemovesTheirPoint() {
    String id = add("C-remove", EMAIL).body().path("id").asText();
    assertThat(api.delete("/api/v1/contact-points/" + id, tokens.customer("C-remove")).status())
        .isEqualTo(204);
    assertThat(listOwn("C-remove")).isEmpty();
    assertThat(
            db.count(
                "SELECT count(*) FROM preference.verification_code WHERE contact_point_id = ?::uuid",
                id))
        .isZero();
    assertThat(api.delete("/api/v1/contact-points/" + id, tokens.customer("C-remove")).status())
        .isEqualTo(404);
  }

  @Test
  void moreThanTheLimitIsA422() {
    for (int i = 0; i < 4; i++) {
      assertThat(
              add("C-many", "{\"channel\":\"sms\",\"address\":\"+4477009001" + i + "0\"}").status())
          .isEqualTo(201);
    }
    Reply fifth = add("C-many", PHONE);
    assertThat(fifth.status()).isEqualTo(422);
    assertThat(fifth.errorFields()).containsExactly("contactPoints");
    assertThat(listOwn("C-many")).hasSize(4);
  }

  @Test
  void supportAddsAPointTheCustomerStillVerifies() {
    Reply added =
        api.post(
            "/api/v1/customers/C-phoned/contact-points",
            support,
            PHONE,
            Map.of("X-Kilowatch-Reason", "customer asked by phone"));
    assertThat(added.status()).isEqualTo(201);
    assertThat(added.body().path("verified").asBoolean()).isFalse();
    String id = added.body().path("id").asText();

    // the customer reads the code out; support enters it
    Reply verified =
        api.post(
            "/api/v1/customers/C-phoned/contact-points/" + id + "/verify",
            support,
            "{\"code\":\"" + codes.last() + "\"}");
    assertThat(verified.status()).isEqualTo(200);
    assertThat(verified.body().path("verified").asBoolean()).isTrue();

    List<JsonNode> audit = auditOf("C-phoned");
    assertThat(audit)
        .extracting(e -> e.path("action").asText())
        .containsExactly("contact-point.verify", "contact-point.add");
    JsonNode addition = audit.get(1);
    assertThat(addition.path("actor").asText()).isEqualTo("agent-7");
    assertThat(addition.path("reason").asText()).isEqualTo("customer asked by phone");
    assertThat(addition.path("target").asText()).isEqualTo(id);
    assertThat(addition.path("after").path("address").asText()).isEqualTo("+447700900123");
    assertThat(addition.path("summary").asText())
        .isEqualTo("added sms contact point, verification code issued");
    assertThat(audit.get(0).path("before").path("verified").asBoolean()).isFalse();
    assertThat(audit.get(0).path("after").path("verified").asBoolean()).isTrue();
  }

  @Test
  void onlyAnAdminMayAddAVerifiedPointAndThatIsAudited() {
    String body = "{\"channel\":\"email\",\"address\":\"ada@example.com\",\"verified\":true}";
    Reply bySupport = api.post("/api/v1/customers/C-asserted/contact-points", support, body);
    assertThat(bySupport.status()).isEqualTo(403);
    assertThat(bySupport.errorFields()).containsExactly("verified");
    Reply byCustomer = add("C-asserted", body);
    assertThat(byCustomer.status()).isEqualTo(403);
    assertThat(
            api.get("/api/v1/customers/C-asserted/contact-points", support)
                .body()
                .path("contactPoints"))
        .isEmpty();

    Reply byAdmin =
        api.post(
            "/api/v1/customers/C-asserted/contact-points",
            admin,
            body,
            Map.of("X-Kilowatch-Reason", "migrated from the old CRM, verified there"));
    assertThat(byAdmin.status()).isEqualTo(201);
    assertThat(byAdmin.body().path("verified").asBoolean()).isTrue();
    assertThat(contactPoints.verified("C-asserted", Channel.EMAIL)).hasSize(1);

    JsonNode entry =
        auditOf("C-asserted").stream()
            .filter(e -> e.path("action").asText().equals("contact-point.add"))
            .findFirst()
            .orElseThrow();
    assertThat(entry.path("actor").asText()).isEqualTo("admin-1");
    assertThat(entry.path("actorRoles").toString()).isEqualTo("[\"admin\"]");
    assertThat(entry.path("summary").asText())
        .isEqualTo("added email contact point, verified by an admin's assertion");
    assertThat(entry.path("reason").asText())
        .isEqualTo("migrated from the old CRM, verified there");
  }

  @Test
  void anAdminAssertionVerifiesAnExistingUnverifiedPoint() {
    String id = add("C-later", PHONE).body().path("id").asText();
    Reply asserted =
        api.post(
            "/api/v1/customers/C-later/contact-points",
            admin,
            "{\"channel\":\"sms\",\"address\":\"+447700900123\",\"verified\":true}");
    assertThat(asserted.status()).isEqualTo(200);
    assertThat(asserted.body().path("id").asText()).isEqualTo(id);
    assertThat(asserted.body().path("verified").asBoolean()).isTrue();
    assertThat(auditOf("C-later").get(0).path("summary").asText())
        .isEqualTo("sms contact point verified by an admin's assertion");
  }

  @Test
  void staffReadsAndRemovalsAreAudited() {
    String id = add("C-staffed", EMAIL).body().path("id").asText();
    Reply listed = api.get("/api/v1/customers/C-staffed/contact-points", support);
    assertThat(listed.body().path("contactPoints").findValuesAsText("id")).containsExactly(id);
    assertThat(
            api.delete(
                    "/api/v1/customers/C-staffed/contact-points/" + id,
                    admin,
                    Map.of("X-Kilowatch-Reason", "bounced"))
                .status())
        .isEqualTo(204);
    assertThat(listOwn("C-staffed")).isEmpty();
    assertThat(api.delete("/api/v1/customers/C-other/contact-points/" + id, admin).status())
        .isEqualTo(404);

    List<JsonNode> audit = auditOf("C-staffed");
    assertThat(audit)
        .extracting(e -> e.path("action").asText())
        .containsExactly("contact-point.delete", "contact-points.read", "contact-point.add");
    assertThat(audit.get(0).path("before").path("address").asText()).isEqualTo("Ada@example.com");
    assertThat(audit.get(0).path("after").isNull()).isTrue();
    assertThat(audit.get(0).path("reason").asText()).isEqualTo("bounced");
    assertThat(audit.get(1).path("summary").asText()).isEqualTo("listed 1 contact points");
  }

  @Test
  void endpointsNeedATokenAndTheRightRole() {
    String customer = tokens.customer("C-roles");
    String ops = tokens.token("ops-1", Roles.OPS);
    String someId = "/api/v1/contact-points/" + UUID.randomUUID();
    assertThat(api.post("/api/v1/contact-points", null, PHONE).status()).isEqualTo(401);
    assertThat(api.get("/api/v1/contact-points", null).status()).isEqualTo(401);
    assertThat(api.delete(someId, null).status()).isEqualTo(401);
    assertThat(api.post(someId + "/verify", null, "{\"code\":\"123456\"}").status()).isEqualTo(401);
    assertThat(api.post(someId + "/resend-code", null, "").status()).isEqualTo(401);
    assertThat(api.get("/api/v1/customers/C-roles/contact-points", null).status()).isEqualTo(401);

    assertThat(api.post("/api/v1/contact-points", support, PHONE).status()).isEqualTo(403);
    assertThat(api.get("/api/v1/contact-points", ops).status()).isEqualTo(403);
    assertThat(api.get("/api/v1/customers/C-roles/contact-points", customer).status())
        .isEqualTo(403);
    assertThat(api.post("/api/v1/customers/C-other/contact-points", customer, PHONE).status())
        .isEqualTo(403);
    assertThat(api.get("/api/v1/customers/C-roles/contact-points", compliance).status())
        .isEqualTo(403);
    assertThat(listOwn("C-other")).isEmpty();
  }
}
