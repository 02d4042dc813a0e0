package io.kilowatch.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import io.kilowatch.sandbox.ProviderSandbox;
import io.kilowatch.sandbox.RecordedRequest;
import io.kilowatch.sandbox.SandboxSettings;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rewrite of SDK requests onto a base URL, for request shapes other than a form POST. */
class TwilioHttpClientTest {
  private ProviderSandbox sandbox;
  private TwilioHttpClient http;
  private TwilioRestClient client;

  @BeforeEach
  void start() {
    sandbox = ProviderSandbox.start(SandboxSettings.defaults());
    http =
        TwilioHttpClient.create(
            sandbox.baseUrl(),
            4,
            4,
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(1));
    client =
        new TwilioRestClient.Builder(
                SandboxSettings.DEFAULT_TWILIO_ACCOUNT_SID,
                SandboxSettings.DEFAULT_TWILIO_AUTH_TOKEN)
            .httpClient(http)
            .build();
  }

  @AfterEach
  void stop() {
    http.close();
    sandbox.close();
  }

  @Test
  void getWithQueryParametersKeepsPathQueryAndCredentials() {
    // The sandbox does not implement listing messages; the recorded request is what matters.
    assertThatThrownBy(
            () ->
                Message.reader()
                    .setTo(new PhoneNumber("+4915112345678"))
                    .setPageSize(5L)
                    .firstPage(client))
        .isInstanceOf(ApiException.class);

    RecordedRequest request = sandbox.requests().get(0);
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.path())
        .isEqualTo(
            "/2010-04-01/Accounts/"
                + SandboxSettings.DEFAULT_TWILIO_ACCOUNT_SID
                + "/Messages.json");
    assertThat(request.query()).contains("To=%2B4915112345678").contains("PageSize=5");
    assertThat(request.header("Authorization")).startsWith("Basic ");
    assertThat(request.responseStatus()).isEqualTo(404);
  }

  @Test
  void recordsTheAnswerForTheCallingThreadOnly() throws Exception {
    sandbox.twilio().rateLimit(0, Duration.ofSeconds(4));
    http.forgetLastAnswer();

    assertThatThrownBy(
            () ->
                Message.creator(
                        new PhoneNumber("+4915112345678"), new PhoneNumber("+15017122661"), "hi")
                    .create(client))
        .isInstanceOf(ApiException.class);

    AtomicReference<TwilioHttpClient.Answer> seenByOtherThread =
        new AtomicReference<>(new TwilioHttpClient.Answer(0, "not run"));
    Thread other = new Thread(() -> seenByOtherThread.set(http.takeLastAnswer()));
    other.start();
    other.join();
    assertThat(seenByOtherThread.get()).isNull();
    assertThat(http.takeLastAnswer()).isEqualTo(new TwilioHttpClient.Answer(429, "4"));
    assertThat(http.takeLastAnswer()).as("taken once").isNull();
  }
}
