package io.kilowatch.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowatch.testing.TestInfrastructure;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which URL a webhook's signature is checked against: Twilio signs the URL it called, which behind
 * a proxy is not the URL the server sees.
 */
class TwilioWebhookUrlTest {
  private static final String SID = "AC00000000000000000000000000000001";
  private static final String TOKEN = "url-test-token";
  private static final String STATUS = TwilioWebhookController.STATUS_PATH;

  private final WebhookPoster poster = new WebhookPoster();

  private static Map<String, Object> properties(Map<String, Object> extra) {
    Map<String, Object> p = new HashMap<>();
    p.put("spec.name", "TwilioWebhookUrlTest");
    p.put("micronaut.server.port", -1);
    p.put(
        "micronaut.security.token.jwt.signatures.secret.generator.secret",
        TestInfrastructure.jwtSecret());
    p.put("kilowatch.channels.sms.twilio.account-sid", SID);
    p.put("kilowatch.channels.sms.twilio.auth-token", TOKEN);
    p.put("kilowatch.channels.sms.twilio.from-number", "+15017122661");
    p.putAll(extra);
    return p;
  }

  @Test
  void behindAProxyThePublicBaseUrlIsWhatTwilioSigned() {
    Map<String, Object> props =
        properties(
            Map.of("kilowatch.channels.sms.twilio.public-base-url", "https://kw.example/edge/"));
    try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props)) {
      String local = "http://127.0.0.1:" + server.getPort() + STATUS + "?notificationId=n-1";
      String publicUrl = "https://kw.example/edge" + STATUS + "?notificationId=n-1";

      assertThat(poster.postSigned(local, publicUrl, TOKEN, form()).statusCode()).isEqualTo(204);
      assertThat(poster.postSigned(local, local, TOKEN, form()).statusCode()).isEqualTo(403);
      assertThat(server.getApplicationContext().getBean(RecordingStatusListener.class).updates())
          .singleElement()
          .satisfies(u -> assertThat(u.notificationId()).isEqualTo("n-1"));
    }
  }

  @Test
  void withoutPublicOrCallbackUrlTheRequestsHostIsUsed() {
    try (EmbeddedServer server =
        ApplicationContext.run(EmbeddedServer.class, properties(Map.of()))) {
      String local = "http://127.0.0.1:" + server.getPort() + STATUS;

      assertThat(poster.postSigned(local, local, TOKEN, form()).statusCode()).isEqualTo(204);
      assertThat(
              poster.postSigned(local, "https://kw.example" + STATUS, TOKEN, form()).statusCode())
          .isEqualTo(403);
    }
  }

  @Test
  void withoutATwilioAccountThereAreNoTwilioEndpoints() {
    Map<String, Object> props = properties(Map.of());
    props.remove("kilowatch.channels.sms.twilio.account-sid");
    try (ApplicationContext context = ApplicationContext.run(props)) {
      assertThat(context.containsBean(TwilioWebhookController.class)).isFalse();
      assertThat(context.containsBean(TwilioWebhookAccounts.class)).isFalse();
    }
  }

  private static Map<String, String> form() {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("MessageSid", "SM0123456789abcdef0123456789abcdef");
    form.put("MessageStatus", "delivered");
    form.put("AccountSid", SID);
    form.put("To", "+4915112345678");
    return form;
  }
}
