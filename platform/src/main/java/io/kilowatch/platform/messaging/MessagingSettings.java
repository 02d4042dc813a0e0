package io.kilowatch.platform.messaging;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * Names and limits of Kilowatch's messaging topology ({@code kilowatch.messaging.*}).
 *
 * <p>{@code namespace} prefixes every exchange and queue: the default {@code kilowatch} gives the
 * topic exchange {@code kilowatch.events}; tests use a unique namespace so that they share a broker
 * without sharing queues.
 */
@ConfigurationProperties("kilowatch.messaging")
public class MessagingSettings {
  private String namespace = "kilowatch";
  private int maxAttempts = 5;
  private Duration retryDelay = Duration.ofMillis(200);
  private Duration outboxPollInterval = Duration.ofSeconds(1);
  private int outboxBatchSize = 500;
  private boolean deleteOnShutdown = false;
  private boolean startConsumers = true;

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  public String eventsExchange() {
    return namespace + ".events";
  }

  public String deadLetterExchange() {
    return namespace + ".dead-letter";
  }

  public String deadLetterQueue() {
    return namespace + ".dead-letter";
  }

  public String queueName(String subscription) {
    return namespace + "." + subscription;
  }

  public int getMaxAttempts() {
    return maxAttempts;
  }

  public void setMaxAttempts(int maxAttempts) {
    this.maxAttempts = maxAttempts;
  }

  public Duration getRetryDelay() {
    return retryDelay;
  }

  public void setRetryDelay(Duration retryDelay) {
    this.retryDelay = retryDelay;
  }

  public Duration getOutboxPollInterval() {
    return outboxPollInterval;
  }

  public void setOutboxPollInterval(Duration outboxPollInterval) {
    this.outboxPollInterval = outboxPollInterval;
  }

  public int getOutboxBatchSize() {
    return outboxBatchSize;
  }

  public void setOutboxBatchSize(int outboxBatchSize) {
    this.outboxBatchSize = outboxBatchSize;
  }

  public boolean isDeleteOnShutdown() {
    return deleteOnShutdown;
  }

  public void setDeleteOnShutdown(boolean deleteOnShutdown) {
    this.deleteOnShutdown = deleteOnShutdown;
  }

  public boolean isStartConsumers() {
    return startConsumers;
  }

  public void setStartConsumers(boolean startConsumers) {
    this.startConsumers = startConsumers;
  }
}
