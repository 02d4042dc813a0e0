package io.kilowatch.channel.sms;

import static io.kilowatch.channel.ProviderStatus.DELIVERED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kilowatch.channel.ChannelSender;
import io.kilowatch.channel.OutboundMessage;
import io.kilowatch.channel.ProviderStatusUpdate;
import io.kilowatch.channel.SendResult;
import io.kilowatch.sandbox.ProviderSandbox;
import io.kilowatch.sandbox.RecordedRequest;
import io.kilowatch.sandbox.SandboxSettings;
import io.kilowatch.sandbox.TwilioCallback;
import io.kilowatch.testing.TestInfrastructure;
import io.micronaut.core.io.socket.SocketUtils;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A primary and a backup Twilio account side by side against a sandbox that knows both: an outage
 * of the primary account leaves the backup sending, and the backup's status callbacks are signed
 * with its own auth token and verified with it (and refused when signed with the primary's).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwilioWebhookBackupTest implements TestPropertyProvider {
  private static final String PRIMARY = SandboxSettings.DEFAULT_TWILIO_ACCOUNT_SID;
  private static final String PRIMARY_TOKEN = SandboxSettings.DEFAULT_TWILIO_AUTH_TOKEN;
  private static final String BACKUP = SandboxSettings.DEFAULT_TWILIO_BACKUP_ACCOUNT_SID;
  private static final String BACKUP_TOKEN = SandboxSettings.DEFAULT_TWILIO_BACKUP_AUTH_TOKEN;
  private static final String CUSTOMER = "+4915112345678";

  private final ProviderSandbox sandbox =
      ProviderSandbox.start(SandboxSettings.builder().withTwilioBackupAccount().build());
  private final int port = SocketUtils.findAvailableTcpPort();
  private final String statusUrl = "http://127.0.0.1:" + port + TwilioWebhookController.STATUS_PATH;
  private final WebhookPoster poster = new WebhookPoster();

  @Inject
  @Named("twilio")
  ChannelSender primary;

  @Inject
  @Named("twilio-backup")
  ChannelSender backup;

  @Inject RecordingStatusListener statuses;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> p = new HashMap<>();
    p.put("spec.name", "TwilioWebhookBackupTest");
    p.put("micronaut.server.port", Integer.toString(port));
    p.put(
        "micronaut.security.token.jwt.signatures.secret.generator.secret",
        TestInfrastructure.jwtSecret());
    for (String prefix :
        List.of("kilowatch.channels.sms.twilio.", "kilowatch.channels.sms.twilio-backup.")) {
      boolean isBackup = prefix.contains("backup");
      p.put(prefix + "account-sid", isBackup ? BACKUP : PRIMARY);
      p.put(prefix + "auth-token", isBackup ? BACKUP_TOKEN : PRIMARY_TOKEN);
      p.put(prefix + "from-number", isBackup ? "+15017122662" : "+15017122661");
      p.put(prefix + "base-url", sandbox.baseUrl().toString());
      p.put(prefix + "status-callback-url", statusUrl);
    }
    return p;
  }

  @BeforeEach
  void reset() {
    statuses.clear();
    sandbox.twilio().reset().clearCallbacks();
    sandbox.clear();
  }

  @AfterAll
  void stopSandbox() {
    sandbox.close();
  }

  @Test
  void primaryAccountDownBackupSendsAndItsCallbacksAreVerifiedWithItsOwnToken() {
    sandbox.twilio().account(PRIMARY).outage(Duration.ofMinutes(5));

    SendResult down = primary.send(OutboundMessage.sms("n-failover", CUSTOMER, "hi"));
    SendResult sent = backup.send(OutboundMessage.sms("n-failover", CUSTOMER, "hi"));

    assertThat(down)
        .isInstanceOfSatisfying(
            SendResult.RetryableFailure.class, f -> assertThat(f.errorCode()).isEqualTo("20503"));
    assertThat(sent).isInstanceOf(SendResult.Accepted.class);
    String sid = ((SendResult.Accepted) sent).providerMessageId();
    List<RecordedRequest> calls = sandbox.requests("twilio");
    assertThat(calls)
        .as("one HTTP call per send, no SDK retries")
        .extracting(RecordedRequest::path)
        .containsExactly(
            "/2010-04-01/Accounts/" + PRIMARY + "/Messages.json",
            "/2010-04-01/Accounts/" + BACKUP + "/Messages.json");
    assertThat(calls.get(1).form()).containsEntry("From", List.of("+15017122662"));

    await().atMost(10, TimeUnit.SECONDS).until(() -> statuses.of(sid).size() == 3);
    ProviderStatusUpdate last = statuses.of(sid).get(2);
    assertThat(last.status()).isEqualTo(DELIVERED);
    assertThat(last.provider()).isEqualTo("twilio-backup");
    assertThat(last.notificationId()).isEqualTo("n-failover");
    await().until(() -> sandbox.twilio().callbacks().size() == 3);
    assertThat(sandbox.twilio().callbacks())
        .allSatisfy(
            c -> {
              assertThat(c.accountSid()).isEqualTo(BACKUP);
              assertThat(c.responseStatus()).isEqualTo(204);
            })
        .extracting(TwilioCallback::messageStatus)
        .containsExactly("queued", "sent", "delivered");
  }

  @Test
  void backupCallbackSignedWithThePrimarysTokenIsRefused() {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("MessageSid", "SM00000000000000000000000000000099");
    form.put("MessageStatus", "delivered");
    form.put("AccountSid", BACKUP);
    form.put("To", CUSTOMER);
    String url = statusUrl + "?notificationId=n-forged";

    assertThat(poster.postSigned(url, url, PRIMARY_TOKEN, form).statusCode()).isEqualTo(403);
    assertThat(poster.postSigned(url, url, BACKUP_TOKEN, form).statusCode()).isEqualTo(204);
    assertThat(statuses.updates())
        .singleElement()
        .satisfies(u -> assertThat(u.provider()).isEqualTo("twilio-backup"));
  }
}
