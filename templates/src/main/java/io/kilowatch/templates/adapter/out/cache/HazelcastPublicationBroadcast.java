package io.kilowatch.templates.adapter.out.cache;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import io.kilowatch.templates.application.port.out.PublicationBroadcast;
import io.kilowatch.templates.domain.TemplateKey;
import jakarta.inject.Singleton;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announcements over a Hazelcast topic to the other members of the cluster; this member's own
 * announcements are skipped, as the change was applied here before it was announced. A topic does
 * not keep messages for members that join later or miss one; those rely on the cache's
 * time-to-live.
 */
@Singleton
class HazelcastPublicationBroadcast implements PublicationBroadcast {
  static final String TOPIC = "kilowatch.templates.published";
  private static final Logger LOG = LoggerFactory.getLogger(HazelcastPublicationBroadcast.class);

  private final HazelcastInstance hazelcast;
  private final ITopic<String> topic;

  HazelcastPublicationBroadcast(HazelcastInstance hazelcast) {
    this.hazelcast = hazelcast;
    this.topic = hazelcast.getTopic(TOPIC);
  }

  @Override
  public void announce(TemplateKey key) {
    try {
      topic.publish(key.value());
    } catch (RuntimeException e) {
      // the change is committed; other instances catch up when their cache entry expires
      LOG.warn("could not announce the change of template key {}: {}", key, e.toString());
    }
  }

  @Override
  public void subscribe(Consumer<TemplateKey> listener) {
    topic.addMessageListener(
        message -> {
          if (hazelcast.getCluster().getLocalMember().equals(message.getPublishingMember())) {
            return;
          }
          try {
            listener.accept(new TemplateKey(message.getMessageObject()));
          } catch (RuntimeException e) {
            LOG.warn("template change announcement not handled: {}", e.toString());
          }
        });
  }
}
