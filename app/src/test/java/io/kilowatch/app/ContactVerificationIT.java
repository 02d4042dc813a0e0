package io.kilowatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kilowatch.platform.security.Roles;
import io.kilowatch.sandbox.RecordedRequest;
import io.kilowatch.testing.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Double opt-in end to end: a customer adds a phone number, the verification code reaches that
 * number through delivery and the Twilio SDK (and nothing else does), the customer sends the code
 * back and the number is verified; a code for a number that is verified by then sends nothing.
 */
class ContactVerificationIT {
  static final Pattern CODE = Pattern.compile("verification code is ([0-9]{6})");
  static SandboxedApp app;
  static ApiClient api;
  static TestTokens tokens;

  @BeforeAll
  static void start() {
    app = SandboxedApp.start(Map.of());
    api = app.api;
    tokens = app.tokens;
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void theCodeReachesTheNewNumberAndVerifiesIt() {
    String customer = tokens.customer("C-verify-4410");
    String phone = "+447700900441";
    var added =
        api.post("/api/v1/contact-points", customer, Map.of("channel", "sms", "address", phone));
    assertThat(added.status()).as(added.body().toString()).isEqualTo(201);
    String id = added.body().get("id").asText();
    assertThat(added.body().get("verified").asBoolean()).isFalse();

    String code =
        await().atMost(Duration.ofSeconds(30)).until(() -> codeSentTo(phone), c -> c != null);
    assertThat(smsTo(phone)).hasSize(1);

    var wrong =
        api.post(
            "/api/v1/contact-points/" + id + "/verify",
            customer,
            Map.of("code", code.equals("000000") ? "111111" : "000000"));
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.body().toString()).contains("\"code\"");
    var verified =
        api.post("/api/v1/contact-points/" + id + "/verify", customer, Map.of("code", code));
    assertThat(verified.status()).as(verified.body().toString()).isEqualTo(200);
    var listed = api.get("/api/v1/contact-points", customer);
    assertThat(listed.body().path("contactPoints").get(0).get("verified").asBoolean()).isTrue();

    // the delivery record: category account, sent to that number only
    var timeline =
        api.get(
            "/api/v1/customers/C-verify-4410/notifications", tokens.token("agent", Roles.SUPPORT));
    assertThat(timeline.body()).hasSize(1);
    assertThat(timeline.body().get(0).get("category").asText()).isEqualTo("account");
    assertThat(timeline.body().get(0).get("templateKey").asText())
        .isEqualTo("account.verification-code");
  }

  @Test
  void aCodeForANumberVerifiedMeanwhileIsNotSent() {
    String admin = tokens.token("ops-admin", Roles.ADMIN);
    String phone = "+447700900442";
    // an admin's verified point: no code at all
    var added =
        api.post(
            "/api/v1/customers/C-verify-4420/contact-points",
            admin,
            Map.of("channel", "sms", "address", phone, "verified", true));
    assertThat(added.status()).as(added.body().toString()).isEqualTo(201);
    String customer = tokens.customer("C-verify-4420");
    var resend =
        api.post(
            "/api/v1/contact-points/" + added.body().get("id").asText() + "/resend-code",
            customer,
            Map.of());
    assertThat(resend.status()).isEqualTo(409);
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> smsTo(phone).isEmpty());
  }

  private static String codeSentTo(String phone) {
    for (RecordedRequest r : smsTo(phone)) {
      Matcher m = CODE.matcher(r.formParam("Body"));
      if (m.find()) {
        return m.group(1);
      }
    }
    return null;
  }

  private static List<RecordedRequest> smsTo(String phone) {
    return app.smsTo(phone);
  }
}
