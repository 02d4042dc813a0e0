package io.kilowatch.rules.adapter.in.web;

import static io.kilowatch.rules.TestEvents.awaitOwner;
import static io.kilowatch.rules.TestEvents.meterAssigned;
import static io.kilowatch.rules.TestEvents.publish;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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

/** Every rule kind through the HTTP API on real infrastructure: shapes, validation, changes. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RuleKindsApiIT implements TestPropertyProvider {
  @Inject ApplicationContext context;
  @Inject EmbeddedServer server;
  ApiClient api;
  TestTokens tokens;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> props = new HashMap<>(TestInfrastructure.properties());
    props.put("spec.name", "RuleKindsApiIT");
    props.put("kilowatch.rules.regions", "GB-MAN");
    return props;
  }

  @BeforeAll
  void setUp() {
    api = new ApiClient(server.getURI());
    tokens = new TestTokens(context);
    publish(
        context,
        List.of(
            meterAssigned("C-kinds", "MTR-kinds", "Europe/London"),
            meterAssigned("C-other", "MTR-other", "Europe/London")));
    awaitOwner(context, "MTR-kinds", "C-kinds");
    awaitOwner(context, "MTR-other", "C-other");
  }

  @Test
  void aPriceRuleShowsItsFieldsAndTakesItsRegionFromTheCustomersMeter() {
    Reply created =
        post(
            "C-kinds",
            "{\"kind\":\"price-threshold\",\"above\":30.5,\"aboveReset\":\"25\","
                + "\"below\":\"-1.25\",\"channels\":[\"sms\",\"push\"],\"cooldown\":\"PT6H\"}");

    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    JsonNode rule = created.body();
    assertThat(rule.path("kind").asText()).isEqualTo("price-threshold");
    assertThat(rule.path("category").asText()).isEqualTo("price");
    assertThat(rule.path("region").asText()).isEqualTo("GB-LON");
    assertThat(rule.path("timing").asText()).isEqualTo("current");
    assertThat(rule.path("above").asText()).isEqualTo("30.5");
    assertThat(rule.path("aboveReset").asText()).isEqualTo("25");
    assertThat(rule.path("below").asText()).isEqualTo("-1.25");
    assertThat(rule.has("belowReset")).isFalse();
    assertThat(rule.has("thresholdKwh")).isFalse();
    assertThat(rule.path("channels")).hasSize(2);
    assertThat(rule.path("channels").get(0).asText()).isEqualTo("sms");
    assertThat(rule.path("cooldown").asText()).isEqualTo("PT6H");
    assertThat(rule.path("meterId").isNull()).isTrue();
    assertThat(api.get(created.location(), tokens.customer("C-kinds")).body()).isEqualTo(rule);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "weekly usage     | {\"kind\":\"weekly-usage-above\",\"thresholdKwh\":\"70\"}                        | usage  | once-per-window",
        "period usage     | {\"kind\":\"billing-period-usage-above\",\"thresholdKwh\":300}                  | usage  | once-per-window",
        "baseline         | {\"kind\":\"usage-above-baseline\",\"percent\":50,\"meterId\":\"MTR-kinds\"}       | usage  | once-per-window",
        "projected bill   | {\"kind\":\"projected-bill-above\",\"amount\":\"120.50\",\"currency\":\"GBP\"}     | cost   | once-per-billing-period",
        "period cost      | {\"kind\":\"period-cost-above\",\"amount\":80,\"currency\":\"GBP\"}               | cost   | once-per-billing-period",
        "digest           | {\"kind\":\"price-day-ahead-digest\",\"region\":\"GB-MAN\"}                      | price  | once-per-window",
        "outage on meter  | {\"kind\":\"outage\",\"meterId\":\"MTR-kinds\",\"cooldown\":\"once-per-day\"}    | outage | once-per-day",
        "bill issued      | {\"kind\":\"bill-issued\",\"channels\":\"preferences\"}                          | billing| once-per-window",
        "payment due      | {\"kind\":\"payment-due\"}                                                       | billing| once-per-window",
        "payment overdue  | {\"kind\":\"payment-overdue\",\"channels\":[\"email\"]}                          | billing| once-per-window",
      })
  void everyKindCanBeCreated(String name, String body, String category, String cooldown) {
    // rules on a meter are its owner's; the others each get a customer of their own
    Reply created =
        post(body.contains("MTR-kinds") ? "C-kinds" : "C-kinds-" + name.replace(' ', '-'), body);
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    assertThat(created.body().path("category").asText()).isEqualTo(category.strip());
    assertThat(created.body().path("cooldown").asText()).isEqualTo(cooldown.strip());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "negative weekly threshold | {\"kind\":\"weekly-usage-above\",\"thresholdKwh\":\"-1\"}                          | thresholdKwh",
        "negative budget           | {\"kind\":\"projected-bill-above\",\"amount\":-5,\"currency\":\"GBP\"}             | amount",
        "fractional pence          | {\"kind\":\"period-cost-above\",\"amount\":\"1.005\",\"currency\":\"GBP\"}         | amount",
        "unknown region            | {\"kind\":\"price-threshold\",\"above\":30,\"region\":\"GB-NOWHERE\"}             | region",
        "above reset above         | {\"kind\":\"price-threshold\",\"above\":30,\"aboveReset\":35}                      | aboveReset",
        "below reset below         | {\"kind\":\"price-threshold\",\"below\":0,\"belowReset\":\"-3\"}                    | belowReset",
        "no side                   | {\"kind\":\"price-threshold\",\"timing\":\"upcoming\"}                              | above",
        "threshold on billing      | {\"kind\":\"bill-issued\",\"thresholdKwh\":3}                                      | thresholdKwh",
        "someone else's meter      | {\"kind\":\"outage\",\"meterId\":\"MTR-other\"}                                     | meterId",
        "unknown channel           | {\"kind\":\"bill-issued\",\"channels\":[\"pigeon\"]}                                | channels",
        "no channel                | {\"kind\":\"bill-issued\",\"channels\":[]}                                           | channels",
        "channel object            | {\"kind\":\"bill-issued\",\"channels\":{\"sms\":true}}                              | channels",
        "unknown cooldown          | {\"kind\":\"bill-issued\",\"cooldown\":\"hourly\"}                                  | cooldown",
        "baseline of 5 percent     | {\"kind\":\"usage-above-baseline\",\"percent\":5}                                   | percent",
      })
  void invalidRulesAreA400NamingTheField(String name, String body, String field) {
    Reply reply = post("C-kinds-invalid", body);
    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(400);
    assertThat(reply.contentType()).startsWith(ProblemJson.MEDIA_TYPE);
    assertThat(reply.errorFields()).containsExactly(field);
    assertThat(api.get("/api/v1/rules", tokens.customer("C-kinds-invalid")).body().path("rules"))
        .isEmpty();
  }

  @Test
  void aCustomerPausesChangesAndDeletesTheirPriceRule() {
    String path =
        post(
                "C-kinds-change",
                "{\"kind\":\"price-threshold\",\"region\":\"GB-MAN\",\"above\":30,\"aboveReset\":25}")
            .location();
    String token = tokens.customer("C-kinds-change");

    Reply paused = api.patch(path, token, "{\"active\":false}");
    assertThat(paused.status()).isEqualTo(200);
    assertThat(paused.body().path("active").asBoolean()).isFalse();

    Reply moved =
        api.patch(path, token, "{\"above\":\"32\",\"aboveReset\":null,\"channels\":[\"email\"]}");
    assertThat(moved.status()).as(moved.body().toString()).isEqualTo(200);
    assertThat(moved.body().path("above").asText()).isEqualTo("32");
    assertThat(moved.body().has("aboveReset")).isFalse();
    assertThat(moved.body().path("channels").get(0).asText()).isEqualTo("email");

    Reply wrongSide = api.patch(path, token, "{\"aboveReset\":\"33\"}");
    assertThat(wrongSide.status()).isEqualTo(400);
    assertThat(wrongSide.errorFields()).containsExactly("aboveReset");
    Reply fixed = api.patch(path, token, "{\"region\":\"GB-LON\"}");
    assertThat(fixed.status()).isEqualTo(400);
    assertThat(fixed.errorFields()).containsExactly("region");

    Reply back = api.patch(path, token, "{\"channels\":\"preferences\",\"active\":true}");
    assertThat(back.body().path("channels").isNull()).isTrue();
    assertThat(back.body().path("active").asBoolean()).isTrue();

    String intruder = tokens.customer("C-intruder");
    assertThat(api.patch(path, intruder, "{\"active\":false}").status()).isEqualTo(404);
    assertThat(api.delete(path, intruder).status()).isEqualTo(404);
    assertThat(api.delete(path, token).status()).isEqualTo(204);
    assertThat(api.get(path, token).status()).isEqualTo(404);
  }

  @Test
  void operatorsReadAnyCustomersRulesOfEveryKind() {
    post("C-kinds-seen", "{\"kind\":\"payment-due\"}");
    post("C-kinds-seen", "{\"kind\":\"price-day-ahead-digest\",\"region\":\"GB-MAN\"}");

    for (String role : List.of(Roles.SUPPORT, Roles.ADMIN)) {
      Reply reply = api.get("/api/v1/customers/C-kinds-seen/rules", tokens.token("staff-1", role));
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.body().path("rules").findValuesAsText("kind"))
          .containsExactly("payment-due", "price-day-ahead-digest");
    }
    assertThat(
            api.get("/api/v1/customers/C-kinds-seen/rules", tokens.token("ops-1", Roles.OPS))
                .status())
        .isEqualTo(403);
    assertThat(
            api.get("/api/v1/customers/C-kinds-seen/rules", tokens.customer("C-kinds-seen"))
                .status())
        .isEqualTo(403);
  }

  private Reply post(String customerId, String body) {
    return api.post("/api/v1/rules", tokens.customer(customerId), body);
  }
}
