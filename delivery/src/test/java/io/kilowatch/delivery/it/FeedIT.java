package io.kilowatch.delivery.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kilowatch.delivery.route.NotificationDispatcher;
import io.kilowatch.platform.security.Roles;
import io.kilowatch.sandbox.ProviderSandbox;
import io.kilowatch.sandbox.SandboxSettings;
import io.kilowatch.testing.TestInfrastructure;
import io.micronaut.transaction.TransactionOperations;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The in-app feed on two instances sharing PostgreSQL and a Hazelcast cluster: a notification sent
 * on instance A appears on the customer's socket held by instance B (a real WebSocket client,
 * authenticated with the customer's bearer token) and in their REST feed; unread filter, paging,
 * mark-read and read-all; a customer never sees or marks another's items.
 */
class FeedIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static ProviderSandbox sandbox;
  static DeliveryInstance a;
  static DeliveryInstance b;

  @BeforeAll
  static void start() {
    sandbox = ProviderSandbox.start(SandboxSettings.defaults());
    Map<String, Object> shared = new HashMap<>(TestInfrastructure.properties());
    DeliveryInstance.twilio(shared, sandbox);
    int portA = DeliveryInstance.freePort();
    int portB = DeliveryInstance.freePort();
    shared.put("kilowatch.hazelcast.port-auto-increment", "false");
    shared.put("kilowatch.hazelcast.members", "127.0.0.1:" + portA + ",127.0.0.1:" + portB);
    Map<String, Object> propsA = new HashMap<>(shared);
    propsA.put("kilowatch.hazelcast.port", portA);
    propsA.put("kilowatch.messaging.delete-on-shutdown", "false");
    Map<String, Object> propsB = new HashMap<>(shared);
    propsB.put("kilowatch.hazelcast.port", portB);
    a = DeliveryInstance.start(propsA);
    b = DeliveryInstance.start(propsB);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                a.context()
                        .getBean(com.hazelcast.core.HazelcastInstance.class)
                        .getCluster()
                        .getMembers()
                        .size()
                    == 2);
  }

  @AfterAll
  static void stop() {
    if (b != null) {
      b.close();
    }
    if (a != null) {
      a.close();
    }
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Test
  void notificationSentOnOneInstanceReachesTheCustomersSocketOnTheOther() throws Exception {
    a.addContact("C-ws", "sms", "+447700900601");
    a.addContact("C-ws-other", "sms", "+447700900602");
    List<String> frames = new CopyOnWriteArrayList<>();
    WebSocket socket = connect(b, b.tokens.customer("C-ws"), frames);
    try {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> frames.stream().anyMatch(f -> f.contains("\"unread\"")));

      String other = sendOn(a, "C-ws-other");
      String mine = sendOn(a, "C-ws");

      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> frames.stream().anyMatch(f -> f.contains(mine)));
      JsonNode frame =
          JSON.readTree(frames.stream().filter(f -> f.contains(mine)).findFirst().orElseThrow());
      assertThat(frame.get("type").asText()).isEqualTo("feed-item");
      assertThat(frame.at("/item/notificationId").asText()).isEqualTo(mine);
      assertThat(frame.at("/item/category").asText()).isEqualTo("usage");
      assertThat(frame.at("/item/title").asText()).isNotBlank();
      assertThat(frame.at("/item/body").asText()).contains("11");
      assertThat(frame.at("/item/read").asBoolean()).isFalse();
      // only the customer's own items reach their socket
      await()
          .during(Duration.ofMillis(500))
          .atMost(Duration.ofSeconds(3))
          .until(() -> frames.stream().noneMatch(f -> f.contains(other)));
    } finally {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void socketWithoutACustomerTokenIsRefused() {
    assertThat(handshakeStatus(null)).isEqualTo(401);
    assertThat(handshakeStatus("not-a-token")).isEqualTo(401);
    String support = b.tokens.token("agent", Roles.SUPPORT);
    assertThat(handshakeStatus(support)).isEqualTo(403);
  }

  @Test
  void feedListsUnreadPagesAndMarksReadOwnItemsOnly() {
    a.addContact("C-feed", "sms", "+447700900611");
    a.addContact("C-feed-other", "sms", "+447700900612");
    String first = sendOn(a, "C-feed");
    String second = sendOn(b, "C-feed");
    String third = sendOn(a, "C-feed");
    String foreign = sendOn(a, "C-feed-other");
    String token = a.tokens.customer("C-feed");

    var all = b.api.get("/api/v1/feed", token);
    assertThat(all.status()).isEqualTo(200);
    assertThat(ids(all.body())).containsExactly(third, second, first);
    assertThat(all.body().get("unread").asLong()).isEqualTo(3);
    assertThat(all.body().hasNonNull("next")).isFalse();

    // paging, newest first
    var page1 = a.api.get("/api/v1/feed?limit=2", token);
    assertThat(ids(page1.body())).containsExactly(third, second);
    long next = page1.body().get("next").asLong();
    var page2 = a.api.get("/api/v1/feed?limit=2&before=" + next, token);
    assertThat(ids(page2.body())).containsExactly(first);

    // mark one read: the unread list and count follow
    long secondItem = itemId(all.body(), second);
    var marked = a.api.post("/api/v1/feed/" + secondItem + "/read", token, null);
    assertThat(marked.status()).isEqualTo(200);
    assertThat(marked.body().get("read").asBoolean()).isTrue();
    assertThat(ids(a.api.get("/api/v1/feed?unread=true", token).body()))
        .containsExactly(third, first);
    assertThat(a.api.get("/api/v1/feed/unread-count", token).body().get("unread").asLong())
        .isEqualTo(2);

    // someone else's item: 404 to read or mark, and it stays unread for its owner
    String otherToken = a.tokens.customer("C-feed-other");
    long foreignItem = itemId(a.api.get("/api/v1/feed", otherToken).body(), foreign);
    assertThat(a.api.post("/api/v1/feed/" + foreignItem + "/read", token, null).status())
        .isEqualTo(404);
    assertThat(ids(a.api.get("/api/v1/feed", token).body())).doesNotContain(foreign);
    assertThat(a.api.get("/api/v1/feed/unread-count", otherToken).body().get("unread").asLong())
        .isEqualTo(1);

    // read-all marks only the caller's items
    var readAll = a.api.post("/api/v1/feed/read-all", token, null);
    assertThat(readAll.body().get("marked").asInt()).isEqualTo(2);
    assertThat(readAll.body().get("unread").asLong()).isZero();
    assertThat(a.api.get("/api/v1/feed/unread-count", otherToken).body().get("unread").asLong())
        .isEqualTo(1);

    // bad input names the field; no token is 401; staff roles are not customers
    var bad = a.api.get("/api/v1/feed?limit=abc&unread=maybe", token);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().toString()).contains("\"limit\"").contains("\"unread\"");
    assertThat(a.api.post("/api/v1/feed/x1/read", token, null).status()).isEqualTo(400);
    assertThat(a.api.get("/api/v1/feed", "not-a-token").status()).isEqualTo(401);
    assertThat(a.api.get("/api/v1/feed", a.tokens.token("agent", Roles.SUPPORT)).status())
        .isEqualTo(403);
  }

  /** Runs a usage notification through the instance's delivery route, as its consumer does. */
  @SuppressWarnings("unchecked")
  private static String sendOn(DeliveryInstance instance, String customerId) {
    String id = UUID.randomUUID().toString();
    var request = DeliveryInstance.request(id, customerId, "test:" + id).data();
    TransactionOperations<java.sql.Connection> tx =
        instance.context().getBean(TransactionOperations.class);
    var job =
        tx.executeWrite(
            status -> instance.context().getBean(NotificationDispatcher.class).dispatch(request));
    assertThat(job.status().wireName()).isEqualTo("sent");
    return id;
  }

  /** The HTTP status a refused handshake was answered with. */
  private static int handshakeStatus(String token) {
    Throwable failure = catchThrowable(() -> connect(b, token, new CopyOnWriteArrayList<>()));
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof WebSocketHandshakeException refused) {
        return refused.getResponse().statusCode();
      }
    }
    throw new AssertionError("handshake not refused", failure);
  }

  private static List<String> ids(JsonNode page) {
    return page.get("items").findValuesAsText("notificationId");
  }

  private static long itemId(JsonNode page, String notificationId) {
    for (JsonNode item : page.get("items")) {
      if (item.get("notificationId").asText().equals(notificationId)) {
        return item.get("id").asLong();
      }
    }
    throw new AssertionError("no item for " + notificationId + " in " + page);
  }

  private static WebSocket connect(DeliveryInstance instance, String token, List<String> frames)
      throws Exception {
    var builder = HttpClient.newHttpClient().newWebSocketBuilder();
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder
        .buildAsync(
            URI.create("ws://127.0.0.1:" + instance.server.getPort() + "/api/v1/feed/ws"),
            new WebSocket.Listener() {
              private final StringBuilder partial = new StringBuilder();

              @Override
              public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                  frames.add(partial.toString());
                  partial.setLength(0);
                }
                ws.request(1);
                return CompletableFuture.completedFuture(null);
              }
            })
        .get(10, TimeUnit.SECONDS);
  }
}
