package io.kilowatch.app.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kilowatch.platform.security.Roles;
import io.kilowatch.simulator.LoadProfile;
import io.kilowatch.simulator.MeterFleetSimulator;
import io.kilowatch.simulator.SimulatedMeter;
import io.micronaut.context.ApplicationContext;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.generator.JwtTokenGenerator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small, believable data set, loaded through Kilowatch's own HTTP API like any client would:
 * three households with a meter, an SMS contact point and a daily usage alert each. Then the meter
 * simulator feeds their readings.
 */
public final class DemoData {
  /** One demo household. */
  record Household(
      String customerId,
      String name,
      String meterId,
      String phone,
      String thresholdKwh,
      long baseWh,
      long peakWh) {}

  static final List<Household> HOUSEHOLDS =
      List.of(
          new Household("C-1001", "Ada Lovelace", "MTR-1001", "+447700900101", "10", 120, 900),
          new Household("C-1002", "Grace Hopper", "MTR-1002", "+447700900102", "8", 90, 700),
          new Household("C-1003", "Alan Turing", "MTR-1003", "+447700900103", "12", 150, 1100));

  private static final ZoneId LONDON = ZoneId.of("Europe/London");

  private final ApplicationContext context;
  private final String apiUrl;
  private final JwtTokenGenerator tokens;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  public DemoData(ApplicationContext context, String apiUrl) {
    this.context = context;
    this.apiUrl = apiUrl;
    this.tokens = context.getBean(JwtTokenGenerator.class);
  }

  /** Creates the households; safe to run again on the same database. */
  public void load() {
    String admin = token("demo-admin", Roles.ADMIN);
    for (Household h : HOUSEHOLDS) {
      post(
          "/api/v1/accounts",
          admin,
          Map.of(
              "customerId", h.customerId(),
              "name", h.name(),
              "region", "GB-LON",
              "timeZone", "Europe/London",
              "meters", List.of(h.meterId()),
              // moved in a month ago: the simulator's backfilled readings are theirs
              "supplyStart", LocalDate.now(LONDON).minusDays(30).toString()));
      post(
          "/api/v1/customers/" + h.customerId() + "/contact-points",
          admin,
          Map.of("channel", "sms", "address", h.phone(), "verified", true));
      String customer = token(h.customerId(), Roles.CUSTOMER);
      if (hasNoRules(get("/api/v1/rules", customer))) {
        post(
            "/api/v1/rules",
            customer,
            Map.of("kind", "daily-usage-above", "thresholdKwh", h.thresholdKwh()));
      }
    }
  }

  /** Starts feeding the households' readings: a day of backfill first, then live. */
  public MeterFleetSimulator startSimulator() {
    List<SimulatedMeter> meters =
        HOUSEHOLDS.stream()
            .map(h -> new SimulatedMeter(h.meterId(), h.baseWh(), h.peakWh()))
            .toList();
    String ingest = token("demo-simulator", Roles.INGEST);
    MeterFleetSimulator simulator =
        new MeterFleetSimulator(
            apiUrl, () -> ingest, meters, new LoadProfile(LONDON), context.getBean(Clock.class));
    simulator.start(Duration.ofMillis(250));
    return simulator;
  }

  /** Lines for the console: who the demo customers are and tokens to explore the API. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    lines.add(
        "  Demo        " + HOUSEHOLDS.size() + " households, meter simulator backfilling 24 h");
    lines.add("  Support token (24 h):");
    lines.add("    " + token("demo-support", Roles.SUPPORT));
    lines.add(
        "  Try: curl -H \"Authorization: Bearer $TOKEN\" "
            + apiUrl
            + "/api/v1/customers/C-1001/notifications");
    return lines;
  }

  private String token(String subject, String role) {
    return tokens
        .generateToken(Authentication.build(subject, List.of(role), Map.of()), 24 * 3600)
        .orElseThrow(() -> new IllegalStateException("cannot sign demo token"));
  }

  private void post(String path, String token, Object body) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(apiUrl + path))
              .header("Content-Type", "application/json")
              .header("Authorization", "Bearer " + token)
              .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
              .build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2 && response.statusCode() != 409) {
        throw new IllegalStateException(
            "demo data: POST "
                + path
                + " answered "
                + response.statusCode()
                + " "
                + response.body());
      }
    } catch (IOException e) {
      throw new IllegalStateException("demo data: POST " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private boolean hasNoRules(String listing) {
    try {
      return json.readTree(listing).path("rules").isEmpty();
    } catch (IOException e) {
      throw new IllegalStateException("demo data: rules listing is not JSON: " + listing, e);
    }
  }

  private String get(String path, String token) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(apiUrl + path))
              .header("Authorization", "Bearer " + token)
              .GET()
              .build();
      return http.send(request, HttpResponse.BodyHandlers.ofString()).body().trim();
    } catch (IOException e) {
      throw new IllegalStateException("demo data: GET " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
