package io.kilowatch.channel.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.json.JsonHttpContent;
import com.google.api.client.json.gson.GsonFactory;
import io.kilowatch.channel.Channel;
import io.kilowatch.channel.OutboundMessage;
import io.kilowatch.channel.SendResult;
import io.kilowatch.sandbox.ProviderSandbox;
import io.kilowatch.sandbox.RecordedRequest;
import io.kilowatch.sandbox.SandboxSettings;
import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transport under the SDK: base URL, refusal of other hosts, the Retry-After hand-over. */
class FcmTransportTest {
  private ProviderSandbox sandbox;
  private FcmTransport transport;

  @BeforeEach
  void start() {
    sandbox = ProviderSandbox.start(SandboxSettings.defaults());
    transport = new FcmTransport(sandbox.baseUrl(), Duration.ofSeconds(2), "test");
  }

  @AfterEach
  void stop() {
    transport.shutdown();
    sandbox.close();
  }

  @Test
  void fcmRequestsGoToTheBaseUrlWithPathAndQuery() throws IOException {
    assertThat(transport.target("https://fcm.googleapis.com/v1/projects/p/messages:send?x=1"))
        .isEqualTo(URI.create(sandbox.baseUrl() + "/v1/projects/p/messages:send?x=1"));
    assertThat(
            new FcmTransport(null, Duration.ofSeconds(1), "prod")
                .target("https://fcm.googleapis.com/v1/projects/p/messages:send"))
        .isEqualTo(URI.create("https://fcm.googleapis.com/v1/projects/p/messages:send"));
  }

  @Test
  void withABaseUrlNothingElseIsReachable() {
    for (String url :
        List.of(
            "https://oauth2.googleapis.com/token",
            "https://fcm.googleapis.com.evil.example/v1/x",
            "http://fcm.googleapis.com/v1/projects/p/messages:send",
            "https://iid.googleapis.com/iid/v1:batchAdd")) {
      assertThatThrownBy(() -> transport.target(url)).as(url).isInstanceOf(IOException.class);
    }
  }

  @Test
  void retryableAnswersHideTheirRetryAfterFromTheSdkButKeepIt() throws IOException {
    sandbox.fcm().failNext(1, 503, "UNAVAILABLE", "busy", Duration.ofSeconds(4));

    HttpResponse response = post();

    assertThat(response.getStatusCode()).isEqualTo(503);
    assertThat(response.getHeaders().getRetryAfter()).isEqualTo(FcmTransport.DECLINE_RETRY_AFTER);
    assertThat(response.getHeaders().getFirstHeaderStringValue(FcmTransport.PROVIDER_RETRY_AFTER))
        .isEqualTo("4");
  }

  @Test
  void otherAnswersPassThroughUnchanged() throws IOException {
    HttpResponse response = post();

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getHeaders().getRetryAfter()).isNull();
    assertThat(response.getContentType()).startsWith("application/json");
    assertThat(response.parseAsString()).startsWith("{\"name\":\"projects/p/messages/");
    RecordedRequest request = sandbox.requests().get(0);
    assertThat(request.header("Content-Type")).startsWith("application/json");
    assertThat(request.body()).isEqualTo("{\"message\":{\"token\":\"dAbC123:APA91bH-device\"}}");
  }

  @Test
  void sandboxPathMakesNoConnectionOutsideLoopback() {
    List<URI> connections = new CopyOnWriteArrayList<>();
    ProxySelector original = ProxySelector.getDefault();
    ProxySelector.setDefault(
        new ProxySelector() {
          @Override
          public List<Proxy> select(URI uri) {
            connections.add(uri);
            return List.of(Proxy.NO_PROXY);
          }

          @Override
          public void connectFailed(URI uri, SocketAddress address, IOException e) {}
        });
    try (FcmPushSender sender = new FcmPushSender(FcmPushSenderTest.sandboxSettings(sandbox))) {
      OutboundMessage push =
          new OutboundMessage("ntf-1", Channel.PUSH, FcmPushSenderTest.DEVICE, "t", "b", Map.of());
      sandbox.fcm().failNext(1, "UNAVAILABLE");
      assertThat(sender.send(push)).isInstanceOf(SendResult.RetryableFailure.class);
      assertThat(sender.send(push)).isInstanceOf(SendResult.Accepted.class);
      sandbox.fcm().failNext(1, 401, null);
      assertThat(sender.send(push)).isInstanceOf(SendResult.PermanentFailure.class);
    } finally {
      ProxySelector.setDefault(original);
    }

    assertThat(connections)
        .as("every connection the JVM made while sending")
        .isNotEmpty()
        .allSatisfy(uri -> assertThat(uri.getHost()).isEqualTo("127.0.0.1"));
  }

  private HttpResponse post() throws IOException {
    HttpRequest request =
        transport
            .createRequestFactory()
            .buildPostRequest(
                new GenericUrl("https://fcm.googleapis.com/v1/projects/p/messages:send"),
                new JsonHttpContent(
                    GsonFactory.getDefaultInstance(),
                    Map.of("message", Map.of("token", "dAbC123:APA91bH-device"))));
    request.getHeaders().setAuthorization("Bearer " + SandboxSettings.DEFAULT_FCM_ACCESS_TOKEN);
    request.setThrowExceptionOnExecuteError(false);
    request.setNumberOfRetries(0);
    return request.execute();
  }
}
