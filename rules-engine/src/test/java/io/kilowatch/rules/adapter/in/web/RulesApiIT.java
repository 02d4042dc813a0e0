package io.kilowatch.rules.adapter.in.web;

import static io.kilowatch.rules.TestEvents.awaitOwner;
import static io.kilowatch.rules.TestEvents.meterAssigned;
import static io.kilowatch.rules.TestEvents.publish;
import static org.assertj.core.api.Assertions.assertThat;

import io.kilowatch.platform.security.Roles;
import io.kilowatch.platform.web.ProblemJson;
import io.kilowatch.rules.ApiClient;
import io.kilowatch.rules.ApiClient.Reply;
import io.kilowatch.testing.TestInfrastructure;
import io.kilowatch.testing.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rules API on real infrastructure: own data only, validation, limits and roles. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RulesApiIT implements TestPropertyProvider {
  static final String DAILY_10 = "{\"kind\":\"daily-usage-above\",\"thresholdKwh\":\"10\"}";

  @Inject ApplicationContext context;
  @Inject EmbeddedServer server;
  ApiClient api;
  TestTokens tokens;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> props = new HashMap<>(TestInfrastructure.properties());
    props.put("spec.name", "RulesApiIT");
    props.put("kilowatch.rules.max-rules-per-customer", "3");
    return props;
  }

  @BeforeAll
  void setUp() {
    api = new ApiClient(server.getURI());
    tokens = new TestTokens(context);
    publish(
        context,
        List.of(
            meterAssigned("C-meters", "MTR-mine", "Europe/London"),
            meterAssigned("C-neighbour", "MTR-theirs", "Europe/London")));
    awaitOwner(context, "MTR-mine", "C-meters");
    awaitOwner(context, "MTR-theirs", "C-neighbour");
  }

  @Test
  void aCustomerCreatesAndReadsTheirRule() {
    Reply created = post("C-create", DAILY_10);

    assertThat(created.status()).isEqualTo(201);
    var rule = created.body();
    assertThat(created.location()).isEqualTo("/api/v1/rules/" + rule.path("id").asText());
    assertThat(rule.path("customerId").asText()).isEqualTo("C-create");
    assertThat(rule.path("kind").asText()).isEqualTo("daily-usage-above");
    assertThat(rule.path("thresholdKwh").asText()).isEqualTo("10");
    assertThat(rule.path("meterId").isNull()).isTrue();
    assertThat(rule.path("active").asBoolean()).isTrue();
    assertThat(rule.path("createdAt").asText()).isNotBlank();

    Reply read = api.get(created.location(), tokens.customer("C-create"));
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.body()).isEqualTo(rule);
    Reply list = api.get("/api/v1/rules", tokens.customer("C-create"));
    assertThat(list.body().path("rules")).containsExactly(rule);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "\"10\"     | 10",
        "10.25      | 10.25",
        "\"0.001\"  | 0.001",
        "0.001      | 0.001",
        "\"12.500\" | 12.5",
        "7          | 7",
        "123456.789 | 123456.789",
      })
  void thresholdsAreExactDecimalsFromStringsOrNumbers(String json, String expected) {
    Reply created =
        post(
            "C-decimal-" + expected,
            "{\"kind\":\"daily-usage-above\",\"thresholdKwh\":" + json + "}");
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    assertThat(created.body().path("thresholdKwh").asText()).isEqualTo(expected);
  }

  @Test
  void aRuleMayWatchOneOfTheCustomersOwnMeters() {
    Reply created =
        post(
            "C-meters",
            "{\"kind\":\"daily-usage-above\",\"thresholdKwh\":5,\"meterId\":\"MTR-mine\"}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body().path("meterId").asText()).isEqualTo("MTR-mine");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown kind        | {\"kind\":\"daily-usage-below\",\"thresholdKwh\":\"10\"}                         | kind",
        "missing kind        | {\"thresholdKwh\":\"10\"}                                                        | kind",
        "non-numeric         | {\"kind\":\"daily-usage-above\",\"thresholdKwh\":\"ten\"}                        | thresholdKwh",
        "zero                | {\"kind\":\"daily-usage-above\",\"thresholdKwh\":0}                              | thresholdKwh",
        "negative string     | {\"kind\":\"daily-usage-above\",\"thresholdKwh\":\"-1\"}                         | thresholdKwh",
        "negative number     | {\"kind\":\"daily-usage-above\",\"thresholdKwh\":-2.5}                           | thresholdKwh",
        "four decimals       | {\"kind\":\"daily-usage-above\",\"thresholdKwh\":\"10.0001\"}                    | thresholdKwh",
        "four decimal number | {\"kind\":\"daily-usage-above\",\"thresholdKwh\":1.2345}                         | thresholdKwh",
        "boolean             | {\"kind\":\"daily-usage-above\",\"thresholdKwh\":true}                           | thresholdKwh",
        "object              | {\"kind\":\"daily-usage-above\",\"thresholdKwh\":{\"value\":10}}                 | thresholdKwh",
        "missing threshold   | {\"kind\":\"daily-usage-above\"}                                                 | thresholdKwh",
        "neighbour's meter   | {\"kind\":\"daily-usage-above\",\"thresholdKwh\":\"10\",\"meterId\":\"MTR-theirs\"} | meterId",
        "unknown meter       | {\"kind\":\"daily-usage-above\",\"thresholdKwh\":\"10\",\"meterId\":\"MTR-nobody\"} | meterId",
        "blank meter         | {\"kind\":\"daily-usage-above\",\"thresholdKwh\":\"10\",\"meterId\":\" \"}       | meterId",
      })
  void invalidRulesAreA400NamingTheField(String caseName, String body, String field) {
    Reply reply = post("C-meters-invalid", body);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.contentType()).startsWith(ProblemJson.MEDIA_TYPE);
    assertThat(reply.errorFields()).containsExactly(field);
    assertThat(api.get("/api/v1/rules", tokens.customer("C-meters-invalid")).body().path("rules"))
        .isEmpty();
  }

  @Test
  void aNeighboursMeterAndAnUnknownMeterGetTheSameAnswer() {
    Reply theirs =
        post(
            "C-meters",
            "{\"kind\":\"daily-usage-above\",\"thresholdKwh\":1,\"meterId\":\"MTR-theirs\"}");
    Reply nobodys =
        post(
            "C-meters",
            "{\"kind\":\"daily-usage-above\",\"thresholdKwh\":1,\"meterId\":\"MTR-nobody\"}");
    assertThat(theirs.body().path("errors")).isEqualTo(nobodys.body().path("errors"));
  }

  @Test
  void malformedJsonIsA400ProblemJson() {
    Reply reply = post("C-malformed", "{\"kind\":");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.contentType()).startsWith(ProblemJson.MEDIA_TYPE);
  }

  @Test
  void moreRulesThanTheLimitIsA422UntilOneIsDeleted() {
    String first = post("C-many", DAILY_10).body().path("id").asText();
    assertThat(post("C-many", DAILY_10).status()).isEqualTo(201);
    assertThat(post("C-many", DAILY_10).status()).isEqualTo(201);

    Reply fourth = post("C-many", DAILY_10);
    assertThat(fourth.status()).isEqualTo(422);
    assertThat(fourth.contentType()).startsWith(ProblemJson.MEDIA_TYPE);
    assertThat(fourth.errorFields()).containsExactly("rules");
    assertThat(fourth.body().path("detail").asText()).contains("3");
    assertThat(api.get("/api/v1/rules", tokens.customer("C-many")).body().path("rules")).hasSize(3);

    assertThat(api.delete("/api/v1/rules/" + first, tokens.customer("C-many")).status())
        .isEqualTo(204);
    assertThat(post("C-many", DAILY_10).status()).isEqualTo(201);
  }

  @Test
  void aRuleIsSwitchedOffAndGetsANewThreshold() {
    String path = post("C-patch", DAILY_10).location();
    String token = tokens.customer("C-patch");

    Reply off = api.patch(path, token, "{\"active\":false}");
    assertThat(off.status()).isEqualTo(200);
    assertThat(off.body().path("active").asBoolean()).isFalse();
    assertThat(off.body().path("thresholdKwh").asText()).isEqualTo("10");

    Reply both = api.patch(path, token, "{\"active\":true,\"thresholdKwh\":\"12.5\"}");
    assertThat(both.status()).isEqualTo(200);
    assertThat(both.body().path("active").asBoolean()).isTrue();
    assertThat(both.body().path("thresholdKwh").asText()).isEqualTo("12.5");

    Reply threshold = api.patch(path, token, "{\"thresholdKwh\":8}");
    assertThat(threshold.body().path("thresholdKwh").asText()).isEqualTo("8");
    assertThat(threshold.body().path("active").asBoolean()).isTrue();
    assertThat(api.get(path, token).body()).isEqualTo(threshold.body());
  }

  @Test
  void invalidChangesAreA400AndChangeNothing() {
    String path = post("C-patch-invalid", DAILY_10).location();
    String token = tokens.customer("C-patch-invalid");
    var before = api.get(path, token).body();

    Reply badThreshold = api.patch(path, token, "{\"active\":false,\"thresholdKwh\":\"-3\"}");
    assertThat(badThreshold.status()).isEqualTo(400);
    assertThat(badThreshold.errorFields()).containsExactly("thresholdKwh");
    Reply nothing = api.patch(path, token, "{}");
    assertThat(nothing.status()).isEqualTo(400);
    assertThat(nothing.contentType()).startsWith(ProblemJson.MEDIA_TYPE);

    assertThat(api.get(path, token).body()).isEqualTo(before);
  }

  @Test
  void aDeletedRuleIsGone() {
    String path = post("C-delete", DAILY_10).location();
    String token = tokens.customer("C-delete");
    assertThat(api.delete(path, token).status()).isEqualTo(204);
    assertThat(api.get(path, token).status()).isEqualTo(404);
    assertThat(api.delete(path, token).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/rules", token).body().path("rules")).isEmpty();
  }

  @Test
  void anotherCustomersRuleIsNotFound() {
    Reply mine = post("C-owner", DAILY_10);
    String path = mine.location();
    String intruder = tokens.customer("C-intruder");
    post("C-intruder", DAILY_10);

    Reply get = api.get(path, intruder);
    assertThat(get.status()).isEqualTo(404);
    assertThat(get.body())
        .isEqualTo(api.get("/api/v1/rules/" + java.util.UUID.randomUUID(), intruder).body());
    assertThat(api.patch(path, intruder, "{\"active\":false}").status()).isEqualTo(404);
    assertThat(api.delete(path, intruder).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/rules/not-a-rule-id", intruder).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/rules", intruder).body().path("rules").findValuesAsText("id"))
        .doesNotContain(mine.body().path("id").asText());

    // untouched for its owner
    Reply own = api.get(path, tokens.customer("C-owner"));
    assertThat(own.status()).isEqualTo(200);
    assertThat(own.body()).isEqualTo(mine.body());
  }

  @Test
  void supportReadsAnyCustomersRules() {
    String id = post("C-supported", DAILY_10).body().path("id").asText();
    String support = tokens.token("agent-7", Roles.SUPPORT);

    Reply reply = api.get("/api/v1/customers/C-supported/rules", support);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().path("rules").findValuesAsText("id")).containsExactly(id);
    assertThat(api.get("/api/v1/customers/C-without-rules/rules", support).body().path("rules"))
        .isEmpty();
  }

  @Test
  void operatorsViewsAreAuditedAndComplianceReadsTheAudit() {
    post("C-audited", DAILY_10);
    String support = tokens.token("agent-7", Roles.SUPPORT);
    String admin = tokens.token("admin-1", Roles.ADMIN);
    String compliance = tokens.token("dpo-1", Roles.COMPLIANCE);
    String audit = "/api/v1/customers/C-audited/rules-audit";
    assertThat(api.get(audit, compliance).body().path("entries"))
        .as("a customer's own rules are not a staff access")
        .isEmpty();

    Reply viewed =
        api.get("/api/v1/customers/C-audited/rules", support, "X-Kilowatch-Reason", "ticket 4711");
    assertThat(viewed.status()).isEqualTo(200);
    assertThat(api.get("/api/v1/customers/C-audited/rules", admin).status()).isEqualTo(200);
    Reply tooLong =
        api.get(
            "/api/v1/customers/C-audited/rules", support, "X-Kilowatch-Reason", "x".repeat(501));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.contentType()).startsWith(ProblemJson.MEDIA_TYPE);
    assertThat(tooLong.errorFields()).containsExactly("X-Kilowatch-Reason");

    Reply log = api.get(audit, compliance);
    assertThat(log.status()).isEqualTo(200);
    var entries = log.body().path("entries");
    assertThat(entries.findValuesAsText("action"))
        .as("newest first; the refused request left no entry")
        .containsExactly("rules.read", "rules.read", "audit.read");
    assertThat(entries.get(0).path("actor").asText()).isEqualTo("admin-1");
    assertThat(entries.get(0).path("reason").isTextual()).as("no reason given").isFalse();
    var first = entries.get(1);
    assertThat(first.path("actor").asText()).isEqualTo("agent-7");
    assertThat(first.path("actorRoles").get(0).asText()).isEqualTo(Roles.SUPPORT);
    assertThat(first.path("customerId").asText()).isEqualTo("C-audited");
    assertThat(first.path("action").asText()).isEqualTo("rules.read");
    assertThat(first.path("summary").asText()).isEqualTo("viewed 1 rules");
    assertThat(first.path("reason").asText()).isEqualTo("ticket 4711");
    assertThat(first.path("at").asText()).isNotBlank();

    // reading the audit is audited too; pages go back with before
    Reply again = api.get(audit + "?limit=2", admin);
    assertThat(again.body().path("entries").get(0).path("action").asText()).isEqualTo("audit.read");
    assertThat(again.body().path("entries").get(0).path("actor").asText()).isEqualTo("dpo-1");
    long oldestShown = again.body().path("entries").get(1).path("id").asLong();
    Reply older = api.get(audit + "?limit=10&before=" + oldestShown, compliance);
    assertThat(older.body().path("entries").findValuesAsText("actor"))
        .containsExactly("agent-7", "dpo-1");

    Reply badLimit = api.get(audit + "?limit=0&before=x", compliance);
    assertThat(badLimit.status()).isEqualTo(400);
    assertThat(badLimit.errorFields()).containsExactlyInAnyOrder("limit", "before");
    assertThat(api.get(audit, support).status()).isEqualTo(403);
    assertThat(api.get(audit, tokens.customer("C-audited")).status()).isEqualTo(403);
    assertThat(api.get(audit, null).status()).isEqualTo(401);
    assertThat(api.get("/api/v1/customers/C-audited/rules", compliance).status()).isEqualTo(403);
  }

  @Test
  void endpointsNeedATokenAndTheRightRole() {
    String someRule = "/api/v1/rules/" + java.util.UUID.randomUUID();
    String support = tokens.token("agent-7", Roles.SUPPORT);
    String customer = tokens.customer("C-roles");
    String ops = tokens.token("ops-1", Roles.OPS);

    assertThat(api.post("/api/v1/rules", null, DAILY_10).status()).isEqualTo(401);
    assertThat(api.get("/api/v1/rules", null).status()).isEqualTo(401);
    assertThat(api.get(someRule, null).status()).isEqualTo(401);
    assertThat(api.patch(someRule, null, "{\"active\":false}").status()).isEqualTo(401);
    assertThat(api.delete(someRule, null).status()).isEqualTo(401);
    assertThat(api.get("/api/v1/customers/C-roles/rules", null).status()).isEqualTo(401);

    // a customer's own rules are the customer's: support reads them elsewhere, and cannot write
    assertThat(api.post("/api/v1/rules", support, DAILY_10).status()).isEqualTo(403);
    assertThat(api.get("/api/v1/rules", support).status()).isEqualTo(403);
    assertThat(api.get("/api/v1/rules", ops).status()).isEqualTo(403);
    assertThat(api.get("/api/v1/customers/C-roles/rules", customer).status()).isEqualTo(403);
    assertThat(api.get("/api/v1/customers/C-roles/rules", ops).status()).isEqualTo(403);
  }

  private Reply post(String customerId, String body) {
    return api.post("/api/v1/rules", tokens.customer(customerId), body);
  }
}
