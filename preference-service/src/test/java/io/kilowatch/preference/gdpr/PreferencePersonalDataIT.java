package io.kilowatch.preference.gdpr;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowatch.platform.gdpr.DataSubject;
import io.kilowatch.platform.security.Roles;
import io.kilowatch.testing.TestInfrastructure;
import io.kilowatch.testing.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.runtime.server.EmbeddedServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Preference's data-subject contributor on real PostgreSQL: contact points added by support over
 * HTTP (audited) become identifiers, are exported, and are gone afterwards from every preference
 * table, the append-only audit log included (anonymised), while another customer stays.
 */
class PreferencePersonalDataIT {
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
  void identifiersExportAndErasureLeaveNoTraceOfThePerson() throws SQLException {
    ApplicationContext context = server.getApplicationContext();
    Http api = new Http(server.getURI());
    String support = new TestTokens(context).token("agent-9", Roles.ADMIN);
    String path = "/api/v1/customers/C-p1/contact-points";
    assertThat(
            api.post(
                path,
                support,
                Map.of("channel", "sms", "address", "+447700900777", "verified", true)))
        .isEqualTo(201);
    assertThat(
            api.post(
                path,
                support,
                Map.of("channel", "email", "address", "p1@example.com", "verified", true)))
        .isEqualTo(201);
    assertThat(
            api.post(
                "/api/v1/customers/C-p2/contact-points",
                support,
                Map.of("channel", "sms", "address", "+447700900778", "verified", true)))
        .isEqualTo(201);
    PreferencePersonalData contributor = context.getBean(PreferencePersonalData.class);

    var ids = contributor.identifiers("C-p1");
    assertThat(ids.get(DataSubject.PHONE)).containsExactly("+447700900777");
    assertThat(ids.get(DataSubject.EMAIL)).containsExactly("p1@example.com");
    DataSubject subject = new DataSubject("C-p1", ids);
    Map<String, Object> export = contributor.export(subject);
    assertThat(export.get("contact_points").toString())
        .contains("+447700900777", "p1@example.com")
        .doesNotContain("+447700900778");
    assertThat(export.get("audit_entries").toString()).isNotEqualTo("[]").doesNotContain("agent-9");

    Map<String, Long> erased = contributor.erase(subject);
    assertThat(erased).containsEntry("contact_points", 2L);
    assertThat(erased.get("audit_entries_anonymised")).isPositive();
    for (String needle : new String[] {"C-p1", "+447700900777", "p1@example.com"}) {
      for (String table :
          new String[] {
            "contact_point", "verification_code", "customer_preferences", "send_log", "audit_log"
          }) {
        assertThat(rowsContaining(context, table, needle)).as(table + " / " + needle).isZero();
      }
    }
    assertThat(rowsContaining(context, "contact_point", "+447700900778")).isEqualTo(1);
    assertThat(contributor.identifiers("C-p1")).isEmpty();
    assertThat(contributor.erase(subject)).containsEntry("contact_points", 0L);
  }

  static long rowsContaining(ApplicationContext context, String table, String needle)
      throws SQLException {
    DataSource db =
        context.getBean(DataSourceResolver.class).resolve(context.getBean(DataSource.class));
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT count(*) FROM preference." + table + " t WHERE t::text LIKE ?")) {
      s.setString(1, "%" + needle + "%");
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
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
