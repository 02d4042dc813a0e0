package io.kilowatch.billing.gdpr;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowatch.platform.gdpr.DataSubject;
import io.kilowatch.platform.gdpr.MeterPeriod;
import io.kilowatch.platform.security.Roles;
import io.kilowatch.testing.TestInfrastructure;
import io.kilowatch.testing.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Billing's data-subject contributor on real PostgreSQL, with accounts opened over HTTP. */
class BillingPersonalDataIT {
  static EmbeddedServer server;

  @BeforeAll
  static void start() {
    Map<String, Object> props = new HashMap<>(TestInfrastructure.properties());
    server = ApplicationContext.run(EmbeddedServer.class, props);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.getApplicationContext().close();
    }
  }

  @Test
  void meterPeriodsExportAndErasureOfOnePerson() {
    ApplicationContext context = server.getApplicationContext();
    Http api = new Http(server.getURI());
    String admin = new TestTokens(context).token("ops-admin", Roles.ADMIN);
    open(api, admin, "C-b1", "Ada Lovelace", "MTR-b1");
    open(api, admin, "C-b2", "Grace Hopper", "MTR-b2");
    BillingPersonalData contributor = context.getBean(BillingPersonalData.class);

    var ids = contributor.identifiers("C-b1");
    assertThat(ids.get(DataSubject.METER)).containsExactly("MTR-b1");
    assertThat(ids.get(DataSubject.METER_PERIOD)).hasSize(1);
    MeterPeriod period = MeterPeriod.parse(ids.get(DataSubject.METER_PERIOD).iterator().next());
    assertThat(period.meterId()).isEqualTo("MTR-b1");
    assertThat(period.to()).isNull();

    DataSubject subject = new DataSubject("C-b1", ids);
    Map<String, Object> export = contributor.export(subject);
    assertThat(export.get("account").toString()).contains("Ada Lovelace").doesNotContain("Grace");
    assertThat(export.get("meter_assignments").toString()).contains("MTR-b1").doesNotContain("b2");

    assertThat(contributor.erase(subject))
        .containsEntry("account", 1L)
        .containsEntry("meter_assignments", 1L);
    assertThat(api.get("/api/v1/accounts/C-b1", admin)).isEqualTo(404);
    assertThat(api.get("/api/v1/accounts/C-b2", admin)).isEqualTo(200);
    assertThat(contributor.identifiers("C-b1").get(DataSubject.METER)).isEmpty();
    assertThat(contributor.erase(subject)).containsEntry("account", 0L);
  }

  static void open(Http api, String token, String customerId, String name, String meter) {
    int status =
        api.post(
            "/api/v1/accounts",
            token,
            Map.of(
                "customerId",
                customerId,
                "name",
                name,
                "region",
                "GB-LON",
                "timeZone",
                "Europe/London",
                "meters",
                List.of(meter)));
    assertThat(status).isEqualTo(201);
  }

  /** Plain JSON over HTTP; answers the status. */
  record Http(java.net.URI base) {
    int get(String path, String token) {
      return send(java.net.http.HttpRequest.newBuilder(base.resolve(path)).GET(), token);
    }

    int post(String path, String token, Object body) {
      try {
        String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
        return send(
            java.net.http.HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)),
            token);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }

    private int send(java.net.http.HttpRequest.Builder request, String token) {
      try {
        return java.net.http.HttpClient.newHttpClient()
            .send(
                request.header("Authorization", "Bearer " + token).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding())
            .statusCode();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
