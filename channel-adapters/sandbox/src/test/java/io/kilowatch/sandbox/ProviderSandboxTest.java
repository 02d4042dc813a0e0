package io.kilowatch.sandbox;

import static io.kilowatch.sandbox.SandboxClient.json;
import static io.kilowatch.sandbox.SandboxClient.sms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox server itself: address, journal, control endpoints, concurrency. */
class ProviderSandboxTest {
  private ProviderSandbox sandbox;
  private SandboxClient client;

  @BeforeEach
  void start() {
    sandbox = ProviderSandbox.start(SandboxSettings.defaults());
    client = new SandboxClient(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void listensOnLoopbackOnAFreePort() {
    URI baseUrl = sandbox.baseUrl();

    assertThat(baseUrl.getScheme()).isEqualTo("http");
    assertThat(baseUrl.getHost()).isEqualTo("127.0.0.1");
    assertThat(baseUrl.getPort()).isPositive();
    assertThat(baseUrl.getPath()).isEmpty();
  }

  @Test
  void aTakenPortIsReported() {
    SandboxSettings samePort = SandboxSettings.builder().port(sandbox.baseUrl().getPort()).build();

    assertThatThrownBy(() -> ProviderSandbox.start(samePort))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(Integer.toString(sandbox.baseUrl().getPort()));
  }

  @Test
  void requestsEndpointListsRecordedRequestsAsJson() {
    client.createMessage(sms("+4915112345678", "first"));
    client.createMessage(sms("bad", "second"));

    HttpResponse<String> listing =
        client.send(
            HttpRequest.newBuilder(sandbox.baseUrl().resolve("/_sandbox/requests")).build());

    assertThat(listing.statusCode()).isEqualTo(200);
    JsonNode requests = json(listing);
    assertThat(requests).hasSize(2);
    JsonNode first = requests.get(0);
    assertThat(first.get("provider").asText()).isEqualTo("twilio");
    assertThat(first.get("method").asText()).isEqualTo("POST");
    assertThat(first.get("path").asText()).endsWith("/Messages.json");
    assertThat(first.get("form").get("Body").get(0).asText()).isEqualTo("first");
    assertThat(first.get("headers").get("content-type").get(0).asText())
        .isEqualTo("application/x-www-form-urlencoded");
    assertThat(first.get("receivedAt").asText()).isNotBlank();
    assertThat(first.get("responseStatus").asInt()).isEqualTo(201);
    assertThat(requests.get(1).get("responseStatus").asInt()).isEqualTo(400);
  }

  @Test
  void controlRequestsAreNotRecorded() {
    client.control("/_sandbox/twilio/reset", "");

    assertThat(sandbox.requests()).isEmpty();
  }

  @Test
  void deleteOnRequestsEndpointAndClearForgetRequests() {
    client.createMessage(sms("+4915112345678", "hi"));
    HttpResponse<String> deleted =
        client.send(
            HttpRequest.newBuilder(sandbox.baseUrl().resolve("/_sandbox/requests"))
                .DELETE()
                .build());
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(sandbox.requests()).isEmpty();

    client.createMessage(sms("+4915112345678", "hi"));
    sandbox.clear();
    assertThat(sandbox.requests()).isEmpty();
    assertThat(sandbox.requests("twilio")).isEmpty();
  }

  @Test
  void journalKeepsTheNewestRequestsUpToItsCapacity() {
    sandbox.close();
    sandbox = ProviderSandbox.start(SandboxSettings.builder().maxRecordedRequests(3).build());
    client = new SandboxClient(sandbox);

    IntStream.rangeClosed(1, 5).forEach(i -> client.createMessage(sms("+4915112345678", "m" + i)));

    assertThat(sandbox.requests())
        .extracting(r -> r.formParam("Body"))
        .containsExactly("m3", "m4", "m5");
  }

  @Test
  void unknownPathsAreNotFound() {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(sandbox.baseUrl().resolve("/no-such-provider/send")).build());

    assertThat(response.statusCode()).isEqualTo(404);
  }

  @Test
  void closeIsIdempotentAndFreesThePort() {
    int port = sandbox.baseUrl().getPort();
    sandbox.close();
    sandbox.close();

    sandbox = ProviderSandbox.start(SandboxSettings.builder().port(port).build());
    assertThat(sandbox.baseUrl().getPort()).isEqualTo(port);
  }

  @Test
  void servesConcurrentClientsAndRecordsEveryRequest() throws Exception {
    int threads = 16;
    int perThread = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<String>>> batches = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        batches.add(
            pool.submit(
                () -> {
                  List<String> sids = new ArrayList<>();
                  for (int i = 0; i < perThread; i++) {
                    HttpResponse<String> response =
                        client.createMessage(sms("+4915112345678", "n" + i));
                    assertThat(response.statusCode()).isEqualTo(201);
                    sids.add(json(response).get("sid").asText());
                  }
                  return sids;
                }));
      }
      Set<String> sids = new HashSet<>();
      for (Future<List<String>> batch : batches) {
        sids.addAll(batch.get(1, TimeUnit.MINUTES));
      }
      assertThat(sids).hasSize(threads * perThread);
      assertThat(sandbox.requests()).hasSize(threads * perThread);
    } finally {
      pool.shutdownNow();
    }
  }
}
