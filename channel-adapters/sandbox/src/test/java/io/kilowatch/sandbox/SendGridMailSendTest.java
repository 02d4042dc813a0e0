package io.kilowatch.sandbox;

import static io.kilowatch.sandbox.SandboxClient.json;
import static io.kilowatch.sandbox.SendGridClient.mail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox's SendGrid v3 mail send: authentication, validation and SendGrid's answers. */
class SendGridMailSendTest {
  private static final String KEY = SendGridClient.KEY;
  private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");

  private ProviderSandbox sandbox;
  private SendGridClient client;

  @BeforeEach
  void start() {
    sandbox = ProviderSandbox.start(SandboxSettings.builder().clock(new MutableClock(NOW)).build());
    client = new SendGridClient(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private HttpResponse<String> send(ObjectNode mail) {
    return client.send(mail);
  }

  @Test
  void acceptedMailIs202WithEmptyBodyAndMessageId() {
    HttpResponse<String> response = send(mail("anna@example.com"));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.body()).isEmpty();
    assertThat(response.headers().firstValue("X-Message-Id"))
        .hasValueSatisfying(id -> assertThat(id).matches("[A-Za-z0-9_-]{22}"));
  }

  @Test
  void everyRequestIsRecordedWithItsBodyAndStatus() {
    String body = mail("anna@example.com").toString();
    client.send(KEY, body);
    client.send("wrong", body);

    assertThat(sandbox.requests("sendgrid"))
        .extracting(RecordedRequest::responseStatus)
        .containsExactly(202, 401);
    RecordedRequest first = sandbox.requests().get(0);
    assertThat(first.provider()).isEqualTo("sendgrid");
    assertThat(first.method()).isEqualTo("POST");
    assertThat(first.path()).isEqualTo("/v3/mail/send");
    assertThat(first.body()).isEqualTo(body);
    assertThat(first.header("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(first.receivedAt()).isEqualTo(NOW);
  }

  @Test
  void wrongOrMissingKeyIs401InSendGridShape() {
    HttpResponse<String> wrong = client.send("SG.wrong", mail("anna@example.com").toString());
    HttpResponse<String> missing = client.send(null, mail("anna@example.com").toString());

    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body())
        .isEqualTo(
            "{\"errors\":[{\"message\":\"The provided authorization grant is invalid, expired,"
                + " or revoked\",\"field\":null,\"help\":null}]}");
    assertThat(missing.statusCode()).isEqualTo(401);
  }

  @Test
  void configuredKeyReplacesTheDefaultOne() {
    sandbox.close();
    sandbox = ProviderSandbox.start(SandboxSettings.builder().sendgridApiKey("SG.mine").build());
    client = new SendGridClient(sandbox);

    assertThat(send(mail("anna@example.com")).statusCode()).isEqualTo(401);
    assertThat(client.send("SG.mine", mail("anna@example.com").toString()).statusCode())
        .isEqualTo(202);
  }

  @Test
  void bodyThatIsNotAJsonObjectIs400() {
    assertThat(client.send(KEY, "not json").statusCode()).isEqualTo(400);
    HttpResponse<String> array = client.send(KEY, "[]");
    assertThat(array.statusCode()).isEqualTo(400);
    assertThat(json(array).at("/errors/0/message").asText()).isEqualTo("Bad Request");
  }

  @Test
  void missingRequiredPartsAreAllReportedWithTheirFields() {
    HttpResponse<String> response = client.send(KEY, "{}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("errors"))
        .extracting(e -> e.get("field").asText())
        .containsExactly("personalizations", "from.email", "subject", "content");
    assertThat(json(response).at("/errors/0/message").asText())
        .isEqualTo(
            "The personalizations field is required and must have at least one"
                + " personalization.");
    assertThat(json(response).at("/errors/0/help").asText()).startsWith("http://sendgrid.com/");
  }

  @Test
  void invalidAddressesAreNamedByPath() {
    ObjectNode mail = mail("not-an-address");
    ((ObjectNode) mail.at("/personalizations/0"))
        .putArray("cc")
        .addObject()
        .put("email", "ok@example.com");
    ((ObjectNode) mail.at("/personalizations/0")).putArray("bcc").addObject().put("email", "x@");
    ((ObjectNode) mail.get("from")).put("email", "alerts");

    HttpResponse<String> response = send(mail);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("errors"))
        .extracting(e -> e.get("field").asText() + ": " + e.get("message").asText())
        .containsExactly(
            "personalizations.0.to.0.email: Does not contain a valid address.",
            "personalizations.0.bcc.0.email: Does not contain a valid address.",
            "from.email: The from email does not contain a valid address.");
  }

  @Test
  void personalizationWithoutToIsRejected() {
    ObjectNode mail = mail("anna@example.com");
    ((ObjectNode) mail.at("/personalizations/0")).remove("to");

    assertThat(json(send(mail)).at("/errors/0/field").asText()).isEqualTo("personalizations.0.to");
  }

  @Test
  void subjectMayComeFromEveryPersonalization() {
    ObjectNode mail = mail("anna@example.com");
    mail.remove("subject");
    assertThat(send(mail).statusCode()).isEqualTo(400);

    ((ObjectNode) mail.at("/personalizations/0")).put("subject", "Per person");
    assertThat(send(mail).statusCode()).isEqualTo(202);
  }

  @Test
  void htmlBeforePlainTextIsRejected() {
    ObjectNode mail = mail("anna@example.com");
    var content = mail.putArray("content");
    content.addObject().put("type", "text/html").put("value", "<p>x</p>");
    content.addObject().put("type", "text/plain").put("value", "x");

    HttpResponse<String> response = send(mail);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).at("/errors/0/field").asText()).isEqualTo("content");
  }

  @Test
  void emptyContentValueIsRejected() {
    ObjectNode mail = mail("anna@example.com");
    ((ObjectNode) mail.at("/content/1")).put("value", "");

    assertThat(json(send(mail)).at("/errors/0/field").asText()).isEqualTo("content.1.value");
  }

  @Test
  void categoriesAndCustomArgsFollowSendGridsLimits() {
    ObjectNode mail = mail("anna@example.com");
    var categories = mail.putArray("categories");
    for (int i = 0; i < 11; i++) {
      categories.add("c" + i);
    }
    ((ObjectNode) mail.get("custom_args")).put("attempt", 2);

    HttpResponse<String> response = send(mail);

    assertThat(json(response).get("errors"))
        .extracting(e -> e.get("field").asText())
        .containsExactly("categories", "custom_args.attempt");
  }

  @Test
  void otherPathsAndMethodsAreNotServed() {
    HttpResponse<String> otherPath = client.get("/v3/templates", KEY);
    HttpResponse<String> get = client.get("/v3/mail/send", KEY);

    assertThat(otherPath.statusCode()).isEqualTo(404);
    assertThat(get.statusCode()).isEqualTo(405);
  }
}
