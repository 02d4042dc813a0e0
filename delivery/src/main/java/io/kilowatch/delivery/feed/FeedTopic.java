package io.kilowatch.delivery.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import io.micronaut.websocket.WebSocketSession;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * New feed items across instances: an item recorded on any instance is published on the Hazelcast
 * topic {@code delivery.feed}; every instance (this one included) passes it to the sockets its
 * customer has open there. Thread-safe.
 */
@Singleton
public class FeedTopic {
  static final String TOPIC = "delivery.feed";
  private static final Logger LOG = LoggerFactory.getLogger(FeedTopic.class);

  private final ITopic<String> topic;
  private final UUID registration;
  private final ObjectMapper json;
  private final Map<String, Set<WebSocketSession>> sessions = new ConcurrentHashMap<>();

  FeedTopic(HazelcastInstance hazelcast, ObjectMapper json) {
    this.json = json;
    this.topic = hazelcast.getTopic(TOPIC);
    this.registration = topic.addMessageListener(m -> deliverLocally(m.getMessageObject()));
  }

  /** Announces an item to its customer's sockets on every instance. */
  void publish(FeedItem item) {
    try {
      topic.publish(item.customerId() + "\n" + json.writeValueAsString(FeedView.Item.of(item)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("feed item not serialisable", e);
    } catch (RuntimeException e) {
      // the item is stored; a client that missed the announcement sees it through the REST API
      LOG.warn("feed item {} not announced: {}", item.id(), e.toString());
    }
  }

  void open(String customerId, WebSocketSession session) {
    sessions.computeIfAbsent(customerId, c -> ConcurrentHashMap.newKeySet()).add(session);
  }

  void close(String customerId, WebSocketSession session) {
    sessions.computeIfPresent(
        customerId,
        (c, set) -> {
          set.remove(session);
          return set.isEmpty() ? null : set;
        });
  }

  private void deliverLocally(String message) {
    int newline = message.indexOf('\n');
    if (newline < 0) {
      return;
    }
    Set<WebSocketSession> open = sessions.get(message.substring(0, newline));
    if (open == null) {
      return;
    }
    String frame = "{\"type\":\"feed-item\",\"item\":" + message.substring(newline + 1) + "}";
    for (WebSocketSession session : open) {
      if (session.isOpen()) {
        session.sendAsync(frame);
      }
    }
  }

  @PreDestroy
  void stop() {
    try {
      topic.removeMessageListener(registration);
    } catch (RuntimeException e) {
      LOG.debug("feed topic listener not removed: {}", e.toString());
    }
  }
}
