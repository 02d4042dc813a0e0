package io.kilowatch.delivery.feed;

import io.kilowatch.platform.security.Roles;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import java.util.Optional;

/**
 * {@code /api/v1/feed/ws}: a customer's feed in real time. The handshake is an HTTP request
 * authenticated like the REST API (bearer token; the security filter refuses it without the
 * customer role); the socket then receives {@code {"type":"feed-item","item":{...}}} for each new
 * item of that customer, whichever instance recorded it. On open it receives {@code
 * {"type":"unread","unread":n}}. Messages from the client are ignored.
 */
@ServerWebSocket("/api/v1/feed/ws")
@Secured(Roles.CUSTOMER)
class FeedSocket {
  private static final String CUSTOMER = "kilowatch.customerId";

  private final FeedTopic topic;
  private final FeedService feed;

  FeedSocket(FeedTopic topic, FeedService feed) {
    this.topic = topic;
    this.feed = feed;
  }

  @OnOpen
  void open(WebSocketSession session, HttpRequest<?> request) {
    Optional<Authentication> who = request.getUserPrincipal(Authentication.class);
    if (who.isEmpty() || !who.get().getRoles().contains(Roles.CUSTOMER)) {
      session.close(CloseReason.POLICY_VIOLATION);
      return;
    }
    String customerId = who.get().getName();
    session.getAttributes().put(CUSTOMER, customerId);
    topic.open(customerId, session);
    session.sendAsync("{\"type\":\"unread\",\"unread\":" + feed.unread(customerId) + "}");
  }

  @OnMessage
  void message(String message, WebSocketSession session) {
    // the feed is one-way; clients mark items read through the REST API
  }

  @OnClose
  void close(WebSocketSession session) {
    session
        .getAttributes()
        .get(CUSTOMER, String.class)
        .ifPresent(customerId -> topic.close(customerId, session));
  }
}
