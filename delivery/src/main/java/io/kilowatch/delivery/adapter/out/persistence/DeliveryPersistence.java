package io.kilowatch.delivery.adapter.out.persistence;

import io.kilowatch.channel.SendResult;
import io.kilowatch.delivery.application.NotificationStore;
import io.kilowatch.delivery.domain.DeliveryJob;
import io.kilowatch.delivery.domain.DeliveryStatus;
import io.kilowatch.events.notification.NotificationRequested;
import io.kilowatch.platform.persistence.Mappers;
import io.kilowatch.platform.persistence.SchemaMigration;
import io.micronaut.context.annotation.Factory;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@Singleton
class DeliveryPersistence implements NotificationStore {
  private static final TransactionDefinition OWN_TRANSACTION =
      TransactionDefinition.of(TransactionDefinition.Propagation.REQUIRES_NEW);

  private final DeliveryMapper mapper;
  private final TransactionOperations<Connection> transactions;

  DeliveryPersistence(Mappers mappers, TransactionOperations<Connection> transactions) {
    this.mapper = mappers.of(DeliveryMapper.class);
    this.transactions = transactions;
  }

  @Override
  public boolean accept(NotificationRequested r, Instant now) {
    return mapper.insertNotification(
            r.notificationId(),
            r.customerId(),
            r.category().wireName(),
            r.priority().wireName(),
            r.templateKey(),
            r.idempotencyKey(),
            r.requestedAt(),
            now)
        == 1;
  }

  @Override
  public boolean claimDispatch(
      String idempotencyKey, String channel, String notificationId, Instant now) {
    return transactions.execute(
            OWN_TRANSACTION,
            status -> mapper.claimDispatch(idempotencyKey, channel, notificationId, now))
        == 1;
  }

  @Override
  public void releaseDispatch(String idempotencyKey, String channel, String notificationId) {
    mapper.releaseDispatch(idempotencyKey, channel, notificationId);
  }

  @Override
  public void defer(String notificationId, Instant releaseAt, byte[] event) {
    mapper.defer(notificationId, releaseAt, event);
  }

  @Override
  public List<byte[]> takeDue(Instant now, int limit) {
    List<DeliveryMapper.DeferredRow> due = mapper.due(now, limit);
    if (!due.isEmpty()) {
      mapper.deleteDeferred(due.stream().map(DeliveryMapper.DeferredRow::notificationId).toList());
    }
    return due.stream().map(DeliveryMapper.DeferredRow::event).toList();
  }

  @Override
  public void storeDeadLetter(DeadLetterRecord deadLetter) {
    mapper.insertDeadLetter(deadLetter);
  }

  @Override
  public List<DeadLetterRecord> deadLetters(String kind, int limit) {
    return mapper.deadLetters(kind, limit);
  }

  @Override
  public Optional<DeadLetterRecord> deadLetter(long id) {
    return mapper.deadLetter(id).stream().findFirst();
  }

  @Override
  public void markReplayed(long id, Instant now) {
    mapper.markReplayed(id, now);
  }

  @Override
  public Optional<String> notificationOf(String provider, String providerMessageId) {
    return mapper.notificationOf(provider, providerMessageId).stream().findFirst();
  }

  @Override
  public boolean recordStatusEvent(
      String notificationId,
      String provider,
      String providerMessageId,
      String status,
      String errorCode,
      String detail,
      Instant occurredAt,
      Instant now) {
    return mapper.insertStatusEvent(
            notificationId, provider, providerMessageId, status, errorCode, detail, occurredAt, now)
        == 1;
  }

  @Override
  public void updateStatus(
      String notificationId, DeliveryStatus status, String reason, Instant now) {
    NotificationRecord current = find(notificationId).orElse(null);
    if (current != null) {
      mapper.updateStatus(notificationId, status.name(), reason, current.channel(), now);
    }
  }

  @Override
  public void finish(DeliveryJob job, Instant now) {
    String id = job.request().notificationId();
    String channel = job.channel() == null ? null : job.channel().wireName();
    for (DeliveryJob.Attempt a : job.attempts()) {
      mapper.insertAttempt(id, toRecord(channel, a));
    }
    mapper.updateStatus(id, job.status().name(), job.reason(), channel, now);
  }

  @Override
  public Optional<NotificationRecord> find(String notificationId) {
    return mapper.find(notificationId).stream().findFirst().map(DeliveryPersistence::toRecord);
  }

  @Override
  public List<NotificationRecord> forCustomer(String customerId, int limit) {
    return mapper.forCustomer(customerId, limit).stream()
        .map(DeliveryPersistence::toRecord)
        .toList();
  }

  @Override
  public List<AttemptRecord> attempts(String notificationId) {
    return mapper.attempts(notificationId);
  }

  private static AttemptRecord toRecord(String channel, DeliveryJob.Attempt a) {
    SendResult r = a.result();
    String messageId = null;
    String code = null;
    String message = null;
    String outcome;
    if (r instanceof SendResult.Accepted accepted) {
      outcome = "accepted";
      messageId = accepted.providerMessageId();
    } else if (r instanceof SendResult.RetryableFailure f) {
      outcome = "retryable-failure";
      code = f.errorCode();
      message = f.message();
    } else {
      SendResult.PermanentFailure f = (SendResult.PermanentFailure) r;
      outcome = "permanent-failure";
      code = f.errorCode();
      message = f.message();
    }
    return new AttemptRecord(
        channel, a.provider(), outcome, messageId, code, message, a.latencyMillis(), a.at());
  }

  private static NotificationRecord toRecord(DeliveryMapper.NotificationRow row) {
    return new NotificationRecord(
        row.notificationId(),
        row.customerId(),
        row.category(),
        row.templateKey(),
        row.idempotencyKey(),
        DeliveryStatus.valueOf(row.status()),
        row.statusReason(),
        row.channel(),
        row.requestedAt(),
        row.updatedAt());
  }

  @Factory
  static class Schema {
    @Singleton
    SchemaMigration deliverySchema() {
      return new SchemaMigration("delivery", "classpath:db/delivery");
    }
  }
}
