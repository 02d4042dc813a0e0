package io.kilowatch.delivery.feed;

import io.kilowatch.channel.Channel;
import io.kilowatch.channel.OutboundMessage;
import io.kilowatch.delivery.domain.DeliveryJob;
import io.kilowatch.platform.persistence.Mappers;
import io.kilowatch.templates.RenderedMessage;
import io.kilowatch.templates.TemplateRenderException;
import io.kilowatch.templates.TemplateRenderer;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The customers' in-app feeds: every notification sent to a customer becomes an item (rendered like
 * a push notification: title and body, in the customer's language), announced to their open sockets
 * on every instance once the transaction that recorded it commits. Thread-safe.
 */
@Singleton
public class FeedService {
  private static final Logger LOG = LoggerFactory.getLogger(FeedService.class);

  private final FeedMapper mapper;
  private final TemplateRenderer templates;
  private final FeedTopic topic;
  private final TransactionOperations<Connection> transactions;
  private final Clock clock;
  private final boolean enabled;

  FeedService(
      Mappers mappers,
      TemplateRenderer templates,
      FeedTopic topic,
      TransactionOperations<Connection> transactions,
      Clock clock,
      @Value("${kilowatch.delivery.feed.enabled:true}") boolean enabled) {
    this.enabled = enabled;
    this.mapper = mappers.of(FeedMapper.class);
    this.templates = templates;
    this.topic = topic;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** Adds the sent notification of a job to its customer's feed (once per notification). */
  @Transactional
  public void add(DeliveryJob job) {
    if (!enabled) {
      return;
    }
    var request = job.request();
    String title;
    String body;
    try {
      RenderedMessage m =
          templates.render(request.templateKey(), Channel.PUSH, job.locale(), request.data());
      title = m.subject();
      body = m.text();
    } catch (TemplateRenderException | IllegalArgumentException e) {
      // no push text for this key: show what was sent
      OutboundMessage sent = job.message();
      if (sent == null) {
        LOG.warn("notification {} has no text for the feed", request.notificationId());
        return;
      }
      title = sent.subject() == null ? request.category().wireName() : sent.subject();
      body = sent.body();
    }
    List<FeedItem> added =
        mapper.insert(
            request.customerId(),
            request.notificationId(),
            request.category().wireName(),
            title == null ? "" : title,
            body,
            clock.instant());
    added.forEach(this::announceAfterCommit);
  }

  @Transactional
  public List<FeedItem> page(String customerId, boolean unreadOnly, Long before, int limit) {
    return mapper.page(customerId, unreadOnly, before, limit);
  }

  @Transactional
  public long unread(String customerId) {
    return mapper.unread(customerId);
  }

  /** Marks the customer's own item read; empty when they have no item with that id. */
  @Transactional
  public Optional<FeedItem> markRead(String customerId, long id) {
    return mapper.markRead(customerId, id, clock.instant()).stream().findFirst();
  }

  /** Marks all the customer's items read; returns how many were unread. */
  @Transactional
  public int markAllRead(String customerId) {
    return mapper.markAllRead(customerId, clock.instant());
  }

  private void announceAfterCommit(FeedItem item) {
    var status = transactions.findTransactionStatus();
    if (status.isEmpty()) {
      topic.publish(item);
      return;
    }
    status
        .get()
        .registerSynchronization(
            new TransactionSynchronization() {
              @Override
              public void afterCommit() {
                topic.publish(item);
              }
            });
  }
}
