package io.kilowatch.billing.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kilowatch.events.EventEnvelope;
import io.kilowatch.events.EventTypes;
import io.kilowatch.events.billing.MeterAssigned;
import io.kilowatch.platform.messaging.EventSubscription;
import io.kilowatch.platform.security.Roles;
import io.kilowatch.platform.web.ProblemJson;
import io.kilowatch.testing.TestInfrastructure;
import io.kilowatch.testing.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The accounts API on real infrastructure: HTTP in, {@code billing.meter-assigned.v1} out through
 * the outbox and the broker.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountsIT implements TestPropertyProvider {
  static final String SPEC = "AccountsIT";
  static final List<EventEnvelope<MeterAssigned>> PUBLISHED = new CopyOnWriteArrayList<>();

  @Inject ApplicationContext context;
  @Inject EmbeddedServer server;

  ApiClient api;
  String admin;
  String support;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> props = new HashMap<>(TestInfrastructure.properties());
    props.put("spec.name", SPEC);
    return props;
  }

  @BeforeAll
  void setUp() {
    api = new ApiClient(server.getURI());
    var tokens = new TestTokens(context);
    admin = tokens.token("admin-1", Roles.ADMIN);
    support = tokens.token("support-1", Roles.SUPPORT);
  }

  @Test
  void openingAnAccountPublishesOneMeterAssignedPerMeter() {
    Instant before = Instant.now();
    var reply =
        api.post("/api/v1/accounts", admin, account("C-open", "GB-LON", "M-open-1", "M-open-2"));

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.location()).isEqualTo("/api/v1/accounts/C-open");
    assertThat(reply.body().path("customerId").asText()).isEqualTo("C-open");
    assertThat(reply.body().path("meters").findValuesAsText("meterId"))
        .containsExactly("M-open-1", "M-open-2");

    List<EventEnvelope<MeterAssigned>> events = awaitEventsOf("C-open", 2);
    assertThat(events)
        .allSatisfy(
            e -> {
              assertThat(e.source()).isEqualTo("/kilowatch/billing-core");
              assertThat(e.subject()).isEqualTo("customer/C-open");
              assertThat(e.data().region()).isEqualTo("GB-LON");
              assertThat(e.data().timeZone()).isEqualTo("Europe/London");
              assertThat(e.data().assignedFrom()).isAfterOrEqualTo(before.minusSeconds(1));
            });
    assertThat(events).extracting(e -> e.data().meterId()).containsExactly("M-open-1", "M-open-2");
    // what was answered, what was published and what is stored agree to the microsecond
    var stored = api.get("/api/v1/accounts/C-open", admin).body();
    assertThat(stored).isEqualTo(reply.body());
    assertThat(stored.path("meters").findValuesAsText("assignedFrom"))
        .containsOnly(events.get(0).data().assignedFrom().toString());
  }

  @Test
  void openingTheSameAccountAgainIsIdempotentAndPublishesNothing() {
    String body = account("C-again", "GB-LON", "M-again-1", "M-again-2");
    assertThat(api.post("/api/v1/accounts", support, body).status()).isEqualTo(201);
    awaitEventsOf("C-again", 2);

    var again =
        api.post("/api/v1/accounts", admin, account("C-again", "GB-LON", "M-again-2", "M-again-1"));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().path("meters").findValuesAsText("meterId"))
        .containsExactly("M-again-1", "M-again-2");

    // events leave the outbox in commit order: once the marker's event has arrived, a duplicate
    // from the repeated request would have arrived before it
    assertThat(
            api.post(
                    "/api/v1/accounts",
                    admin,
                    account("C-again-marker", "GB-LON", "M-again-marker"))
                .status())
        .isEqualTo(201);
    awaitEventsOf("C-again-marker", 1);
    assertThat(eventsOf("C-again")).hasSize(2);
  }

  @Test
  void theSameCustomerWithOtherDataIsAConflictNamingTheFields() {
    assertThat(
            api.post("/api/v1/accounts", admin, account("C-changed", "GB-LON", "M-changed-1"))
                .status())
        .isEqualTo(201);
    var reply =
        api.post(
            "/api/v1/accounts",
            admin,
            account("C-changed", "GB-MAN", "M-changed-1", "M-changed-2"));
    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.contentType()).startsWith(ProblemJson.MEDIA_TYPE);
    assertThat(reply.errorFields()).containsExactly("region", "meters");
  }

  @Test
  void aMeterOfAnotherCustomerIsAConflictNamingItsIndex() {
    assertThat(
            api.post("/api/v1/accounts", admin, account("C-owner", "GB-LON", "M-taken")).status())
        .isEqualTo(201);
    var reply =
        api.post("/api/v1/accounts", admin, account("C-thief", "GB-LON", "M-free", "M-taken"));

    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.contentType()).startsWith(ProblemJson.MEDIA_TYPE);
    assertThat(reply.errorFields()).containsExactly("meters[1]");
    assertThat(reply.body().toString()).doesNotContain("C-owner");
    // nothing of the rejected request was stored
    assertThat(api.get("/api/v1/accounts/C-thief", admin).status()).isEqualTo(404);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "blank customer | {\"customerId\":\" \",\"name\":\"A\",\"region\":\"GB-LON\",\"timeZone\":\"Europe/London\",\"meters\":[\"M-v\"]} | customerId",
        "unknown zone   | {\"customerId\":\"C-v\",\"name\":\"A\",\"region\":\"GB-LON\",\"timeZone\":\"Mars/Olympus\",\"meters\":[\"M-v\"]} | timeZone",
        "bad region     | {\"customerId\":\"C-v\",\"name\":\"A\",\"region\":\"London\",\"timeZone\":\"Europe/London\",\"meters\":[\"M-v\"]} | region",
        "no meters      | {\"customerId\":\"C-v\",\"name\":\"A\",\"region\":\"GB-LON\",\"timeZone\":\"Europe/London\",\"meters\":[]} | meters",
        "blank meter    | {\"customerId\":\"C-v\",\"name\":\"A\",\"region\":\"GB-LON\",\"timeZone\":\"Europe/London\",\"meters\":[\"M-v\",\"\"]} | meters[1]",
        "duplicate meter| {\"customerId\":\"C-v\",\"name\":\"A\",\"region\":\"GB-LON\",\"timeZone\":\"Europe/London\",\"meters\":[\"M-v\",\"M-v\"]} | meters[1]",
      })
  void invalidInputIsA400NamingTheField(String caseName, String body, String field) {
    var reply = api.post("/api/v1/accounts", admin, body);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.contentType()).startsWith(ProblemJson.MEDIA_TYPE);
    assertThat(reply.errorFields()).containsExactly(field);
    assertThat(api.get("/api/v1/accounts/C-v", admin).status()).isEqualTo(404);
  }

  @Test
  void customersSeeOnlyTheirOwnAccount() {
    assertThat(api.post("/api/v1/accounts", admin, account("C-self", "GB-LON", "M-self")).status())
        .isEqualTo(201);
    assertThat(
            api.post("/api/v1/accounts", admin, account("C-other", "GB-LON", "M-other")).status())
        .isEqualTo(201);
    var tokens = new TestTokens(context);

    var own = api.get("/api/v1/accounts/C-self", tokens.customer("C-self"));
    assertThat(own.status()).isEqualTo(200);
    assertThat(own.body().path("name").asText()).isEqualTo("Ada Lovelace");

    var foreign = api.get("/api/v1/accounts/C-other", tokens.customer("C-self"));
    var missing = api.get("/api/v1/accounts/C-nobody", tokens.customer("C-self"));
    assertThat(foreign.status()).isEqualTo(404);
    // indistinguishable from an account that does not exist
    assertThat(foreign.body()).isEqualTo(missing.body());

    assertThat(api.get("/api/v1/accounts/C-other", support).status()).isEqualTo(200);
  }

  @Test
  void securedEndpointsNeedATokenAndTheRightRole() {
    var tokens = new TestTokens(context);
    String body = account("C-sec", "GB-LON", "M-sec");
    assertThat(api.post("/api/v1/accounts", null, body).status()).isEqualTo(401);
    assertThat(api.post("/api/v1/accounts", tokens.customer("C-sec"), body).status())
        .isEqualTo(403);
    assertThat(api.post("/api/v1/accounts", tokens.token("ops-1", Roles.OPS), body).status())
        .isEqualTo(403);
    assertThat(api.get("/api/v1/accounts/C-sec", null).status()).isEqualTo(401);
    assertThat(api.get("/api/v1/accounts/C-sec", tokens.token("ops-1", Roles.OPS)).status())
        .isEqualTo(403);
  }

  static String account(String customerId, String region, String... meters) {
    return """
        {"customerId":"%s","name":"Ada Lovelace","region":"%s","timeZone":"Europe/London",
         "meters":[%s]}
        """
        .formatted(
            customerId,
            region,
            String.join(",", List.of(meters).stream().map(m -> '"' + m + '"').toList()));
  }

  static List<EventEnvelope<MeterAssigned>> eventsOf(String customerId) {
    return PUBLISHED.stream().filter(e -> e.data().customerId().equals(customerId)).toList();
  }

  static List<EventEnvelope<MeterAssigned>> awaitEventsOf(String customerId, int count) {
    await().atMost(Duration.ofSeconds(20)).until(() -> eventsOf(customerId).size() >= count);
    return eventsOf(customerId);
  }

  @Factory
  @Requires(property = "spec.name", value = SPEC)
  static class PublishedEvents {
    @Singleton
    EventSubscription meterAssignedSpy() {
      return EventSubscription.of(
          "test.billing-meter-assigned",
          EventTypes.METER_ASSIGNED.name(),
          event -> PUBLISHED.add(event.bind(EventTypes.METER_ASSIGNED)));
    }
  }
}
