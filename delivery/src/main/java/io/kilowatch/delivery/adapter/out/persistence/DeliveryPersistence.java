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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

@Singleton
class DeliveryPersistence implements NotificationStore {
  private static final TransactionDefinition OWN_TRANSACTION =
      TransactionDefinition.of(TransactionDefinition.Propagation.REQUIRES_NEW);

  private final DeliveryMapper mapper;
  private final TransactionOperations<Connection> transactions;
  private final Queue<PendingClaim> pendingClaims = new ConcurrentLinkedQueue<>();
  private final ReentrantLock claimCombiner = new ReentrantLock();

  DeliveryPersistence(Mappers mappers, TransactionOperations<Connection> transactions) {
    this.mapper = mappers.of(DeliveryMapper.class);
    this.transactions = transactions;
  }

  @Override
  public boolean accept(NotificationRequested r, Instant now) {
    awaitWriter(r.notificationId());
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
  public void awaitWriter(String notificationId) {
    mapper.lock("delivery.notification:" + notificationId);
  }

  /**
   * Group commit: the claims of every delivery thread that arrives while a claim transaction is in
   * flight go into the next transaction together (one multi-row INSERT, one commit). Each caller
   * still returns only after the transaction holding its claim has committed (ADR 0005), and
   * exactly one claimant of a pair wins. Without concurrency this is one transaction per claim, as
   * before. See docs/adr/0014.
   */
  @Override
  public boolean claimDispatch(
      String idempotencyKey, String channel, String notificationId, Instant now) {
    PendingClaim claim =
        new PendingClaim(
            new DeliveryMapper.DispatchClaim(idempotencyKey, channel, notificationId, now));
    pendingClaims.add(claim);
    claimCombiner.lock();
    try {
      if (!claim.done) {
        claimPending();
      }
    } finally {
      claimCombiner.unlock();
    }
    if (claim.failure != null) {
      throw claim.failure;
    }
    return claim.won;
  }

  /** Claims everything queued so far; runs under {@link #claimCombiner}. */
  private void claimPending() {
    List<PendingClaim> batch = new ArrayList<>();
    for (PendingClaim c; batch.size() < MAX_CLAIM_BATCH && (c = pendingClaims.poll()) != null; ) {
      batch.add(c);
    }
    if (batch.isEmpty()) {
      return;
    }
    // one row per pair: a second claimant of the same pair in this batch loses
    Map<List<String>, PendingClaim> first = new TreeMap<>(PAIR_ORDER);
    for (PendingClaim c : batch) {
      first.putIfAbsent(List.of(c.row.idempotencyKey(), c.row.channel()), c);
    }
    List<DeliveryMapper.DispatchClaim> rows =
        first.values().stream().map(c -> c.row).collect(Collectors.toList());
    try {
      Set<List<String>> won = new HashSet<>();
      for (DeliveryMapper.ClaimedPair p :
          transactions.execute(OWN_TRANSACTION, status -> mapper.claimDispatches(rows))) {
        won.add(List.of(p.idempotencyKey(), p.channel()));
      }
      for (PendingClaim c : batch) {
        List<String> pair = List.of(c.row.idempotencyKey(), c.row.channel());
        c.complete(first.get(pair) == c && won.contains(pair), null);
      }
    } catch (RuntimeException e) {
      if (batch.size() == 1) {
        batch.get(0).complete(false, e);
        return;
      }
      // one bad claim must not fail the others: each alone, in its own transaction
      for (PendingClaim c : batch) {
        try {
          boolean alone =
              first.get(List.of(c.row.idempotencyKey(), c.row.channel())) == c
                  && transactions.execute(
                          OWN_TRANSACTION,
                          status ->
                              mapper.claimDispatch(
                                  c.row.idempotencyKey(),
                                  c.row.channel(),
                                  c.row.notificationId(),
                                  c.row.at()))
                      == 1;
          c.complete(alone, null);
        } catch (RuntimeException single) {
          c.complete(false, single);
        }
      }
    }
  }

  private static final int MAX_CLAIM_BATCH = 256;

  private static final Comparator<List<String>> PAIR_ORDER =
      Comparator.<List<String>, String>comparing(p -> p.get(0)).thenComparing(p -> p.get(1));

  /** A claim waiting for the group commit; fields written under the combiner's lock. */
  private static final class PendingClaim {
    final DeliveryMapper.DispatchClaim row;
    volatile boolean done;
    boolean won;
    RuntimeException failure;

    PendingClaim(DeliveryMapper.DispatchClaim row) {
      this.row = row;
    }

    void complete(boolean won, RuntimeException failure) {
      this.won = won;
      this.failure = failure;
      this.done = true;
    }
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
    List<AttemptRecord> attempts = new ArrayList<>(job.attempts().size());
    for (DeliveryJob.Attempt a : job.attempts()) {
      attempts.add(toRecord(channel, a));
    }
    mapper.finish(id, attempts, job.status().name(), job.reason(), channel, now);
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
