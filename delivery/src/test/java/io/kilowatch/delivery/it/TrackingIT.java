package io.kilowatch.delivery.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kilowatch.consent.ConsentCommands;
import io.kilowatch.consent.ConsentEvidence;
import io.kilowatch.events.EventEnvelope;
import io.kilowatch.events.EventTypes;
import io.kilowatch.events.notification.NotificationCategory;
import io.kilowatch.events.notification.NotificationPriority;
import io.kilowatch.events.notification.NotificationRequested;
import io.kilowatch.platform.security.Roles;
import io.kilowatch.sandbox.ProviderSandbox;
import io.kilowatch.sandbox.SandboxSettings;
import io.kilowatch.testing.TestInfrastructure;
import io.micronaut.transaction.TransactionOperations;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Open and click tracking of email, through SendGrid's sandbox: for a customer who consented to
 * tracking the links of the HTML part point at signed redirects and a pixel is added; following a
 * link redirects to the original URL and records {@code clicked}; a forged or altered token is a
 * 404 without redirect; a customer without tracking consent gets the email untouched.
 */
class TrackingIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String KEY = "usage.tracking-test";
  static final String TARGET = "https://www.kilowatch.example/usage?from=mail&x=1";
  static final Pattern TRACKED_LINK =
      Pattern.compile("href=\"(http://127\\.0\\.0\\.1:\\d+/api/v1/t/c/([^\"]+))\"");
  static final Pattern PIXEL =
      Pattern.compile("src=\"(http://127\\.0\\.0\\.1:\\d+/api/v1/t/o/[^\"]+\\.gif)\"");

  static ProviderSandbox sandbox;
  static DeliveryInstance kilowatch;
  static final HttpClient http = HttpClient.newHttpClient(); // never follows redirects

  @BeforeAll
  static void start() {
    sandbox = ProviderSandbox.start(SandboxSettings.defaults());
    Map<String, Object> props = new HashMap<>(TestInfrastructure.properties());
    DeliveryInstance.sendgrid(props, "sendgrid", sandbox);
    int port = DeliveryInstance.freePort();
    props.put("micronaut.server.port", port);
    props.put("kilowatch.tracking.secret", "tracking-test-secret-" + UUID.randomUUID());
    props.put("kilowatch.tracking.base-url", "http://127.0.0.1:" + port);
    kilowatch = DeliveryInstance.start(props);
    publishTemplateWithLinks();
  }

  @AfterAll
  static void stop() {
    if (kilowatch != null) {
      kilowatch.close();
    }
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Test
  void signedClickRedirectsAndRecordsClickedAndAForgedTokenIsRefused() throws Exception {
    kilowatch.addContact("C-tracked", "email", "tracked@example.com");
    grantTracking("C-tracked");
    String id = send("C-tracked");
    await().atMost(Duration.ofSeconds(30)).until(() -> kilowatch.status(id).equals("sent"));

    String html = htmlTo("tracked@example.com");
    assertThat(html).doesNotContain("href=\"https://www.kilowatch.example");
    Matcher link = TRACKED_LINK.matcher(html);
    assertThat(link.find()).as(html).isTrue();
    String clickUrl = link.group(1);
    String token = link.group(2);
    assertThat(link.find()).as("second link tracked too").isTrue();
    Matcher pixel = PIXEL.matcher(html);
    assertThat(pixel.find()).as(html).isTrue();

    // the pixel records opened
    HttpResponse<byte[]> gif = get(pixel.group(1));
    assertThat(gif.statusCode()).isEqualTo(200);
    assertThat(gif.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("image/gif"));
    assertThat(new String(gif.body(), 0, 6, StandardCharsets.US_ASCII)).isEqualTo("GIF89a");
    await().atMost(Duration.ofSeconds(10)).until(() -> kilowatch.status(id).equals("opened"));

    // the link redirects to where the email pointed and records clicked
    HttpResponse<byte[]> click = get(clickUrl);
    assertThat(click.statusCode()).isEqualTo(302);
    assertThat(click.headers().firstValue("Location")).hasValue(TARGET);
    await().atMost(Duration.ofSeconds(10)).until(() -> kilowatch.status(id).equals("clicked"));
    // forward only: a later open does not move it back
    assertThat(get(pixel.group(1)).statusCode()).isEqualTo(200);
    assertThat(kilowatch.status(id)).isEqualTo("clicked");
    // counted once each in the analytics read model, as provider kilowatch-tracking
    String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
    var report =
        kilowatch.api.get(
            "/api/v1/analytics/deliveries?from=" + today + "&to=" + today,
            kilowatch.tokens.token("ops", Roles.OPS));
    assertThat(report.status()).isEqualTo(200);
    JsonNode tracked = null;
    for (JsonNode group : report.body().get("deliveries")) {
      if (group.get("provider").asText().equals("kilowatch-tracking")) {
        tracked = group.get("counts");
      }
    }
    assertThat(tracked).as(report.body().toString()).isNotNull();
    assertThat(tracked.get("opened").asLong()).isEqualTo(1);
    assertThat(tracked.get("clicked").asLong()).isEqualTo(1);

    // the same payload pointing elsewhere, or a tampered signature: 404, no redirect
    String payload =
        new String(
            Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
            StandardCharsets.UTF_8);
    String evil =
        Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    payload
                        .replace(TARGET, "https://evil.example/")
                        .getBytes(StandardCharsets.UTF_8))
            + token.substring(token.indexOf('.'));
    String base = clickUrl.substring(0, clickUrl.indexOf("/api/v1/t/c/"));
    for (String forged :
        List.of(
            evil,
            token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA"),
            "not-a-token",
            token.substring(0, token.indexOf('.')))) {
      HttpResponse<byte[]> refused = get(base + "/api/v1/t/c/" + forged);
      assertThat(refused.statusCode()).as(forged).isEqualTo(404);
      assertThat(refused.headers().firstValue("Location")).isEmpty();
    }
    // an open token is no click token and the reverse
    String openToken = pixel.group(1).replaceAll("^.*/api/v1/t/o/", "").replace(".gif", "");
    assertThat(get(base + "/api/v1/t/c/" + openToken).statusCode()).isEqualTo(404);
    assertThat(get(base + "/api/v1/t/o/" + token + ".gif").statusCode()).isEqualTo(404);
  }

  @Test
  void withoutTrackingConsentTheEmailIsUntouched() {
    kilowatch.addContact("C-untracked", "email", "untracked@example.com");
    String id = send("C-untracked");
    await().atMost(Duration.ofSeconds(30)).until(() -> kilowatch.status(id).equals("sent"));

    String html = htmlTo("untracked@example.com");
    assertThat(html).contains("href=\"https://www.kilowatch.example/usage?from=mail&amp;x=1\"");
    assertThat(html).doesNotContain("/api/v1/t/");
  }

  private static String send(String customerId) {
    String id = UUID.randomUUID().toString();
    kilowatch.publish(
        EventEnvelope.of(
            EventTypes.NOTIFICATION_REQUESTED,
            "/test",
            Instant.now(),
            "customer/" + customerId,
            new NotificationRequested(
                id,
                customerId,
                NotificationCategory.USAGE,
                NotificationPriority.NORMAL,
                KEY,
                "test:" + id,
                Map.of("name", "Ada"),
                Instant.now())));
    return id;
  }

  @SuppressWarnings("unchecked")
  private static void grantTracking(String customerId) {
    TransactionOperations<java.sql.Connection> tx =
        kilowatch.context().getBean(TransactionOperations.class);
    ConsentCommands consents = kilowatch.context().getBean(ConsentCommands.class);
    tx.executeWrite(
        status ->
            consents.grant(
                customerId,
                "analytics",
                null,
                new ConsentEvidence("web", customerId, "203.0.113.7", "tracking/v1", null, null)));
  }

  private static String htmlTo(String email) {
    List<JsonNode> mails =
        sandbox.requests("sendgrid").stream()
            .filter(r -> r.responseStatus() == 202)
            .filter(r -> r.body().contains(email))
            .map(
                r -> {
                  try {
                    return JSON.readTree(r.body());
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                })
            .toList();
    assertThat(mails).hasSize(1);
    for (JsonNode content : mails.get(0).get("content")) {
      if (content.get("type").asText().equals("text/html")) {
        return content.get("value").asText();
      }
    }
    throw new AssertionError("no HTML part in " + mails.get(0));
  }

  private static HttpResponse<byte[]> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static void publishTemplateWithLinks() {
    String admin = kilowatch.tokens.token("ops-admin", Roles.ADMIN);
    var declared =
        kilowatch.api.put(
            "/api/v1/templates/" + KEY,
            admin,
            Map.of(
                "defaultLocale",
                "en",
                "description",
                "an email with links, for the tracking test",
                "variables",
                List.of(
                    Map.of(
                        "name",
                        "name",
                        "description",
                        "the customer",
                        "sample",
                        "Ada",
                        "required",
                        true))));
    assertThat(declared.status()).as(declared.body().toString()).isEqualTo(200);
    var draft =
        kilowatch.api.post(
            "/api/v1/templates/" + KEY + "/email/en/versions",
            admin,
            Map.of(
                "parts",
                Map.of(
                    "subject",
                    "Your usage, {{name}}",
                    "html",
                    "<!DOCTYPE html>\n<html><body><p>Hello {{name}},</p><p><a"
                        + " href=\"https://www.kilowatch.example/usage?from=mail&amp;x=1\">See your"
                        + " usage</a> or <a class=\"help\""
                        + " href=\"https://www.kilowatch.example/help\">get help</a>.</p></body></html>",
                    "text",
                    "Hello {{name}}, see your usage at https://www.kilowatch.example/usage")));
    assertThat(draft.status()).as(draft.body().toString()).isEqualTo(201);
    int version = draft.body().get("version").asInt();
    var published =
        kilowatch.api.post(
            "/api/v1/templates/" + KEY + "/email/en/versions/" + version + "/publish", admin, null);
    assertThat(published.status()).as(published.body().toString()).isEqualTo(200);
  }
}
