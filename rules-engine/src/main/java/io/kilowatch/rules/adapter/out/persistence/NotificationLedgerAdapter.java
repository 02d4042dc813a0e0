package io.kilowatch.rules.adapter.out.persistence;

import io.kilowatch.rules.application.port.out.NotificationLedger;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The ledger in {@code rules.rule_notification}; its primary key makes recording atomic across
 * threads and instances. Thread-safe.
 */
@Singleton
class NotificationLedgerAdapter implements NotificationLedger {
  /** Rows per INSERT: 4 parameters each, well below PostgreSQL's 65535 bind parameters. */
  private static final int CHUNK = 2000;

  private final LedgerMapper mapper;

  NotificationLedgerAdapter(LedgerMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public Set<String> recordFirst(List<Entry> entries) {
    Set<String> recorded = new HashSet<>();
    for (int from = 0; from < entries.size(); from += CHUNK) {
      List<LedgerMapper.LedgerEntry> rows =
          entries.subList(from, Math.min(entries.size(), from + CHUNK)).stream()
              .map(
                  e ->
                      new LedgerMapper.LedgerEntry(
                          e.ruleId().toString(),
                          e.cause(),
                          e.causedAt(),
                          e.notificationId() == null ? null : e.notificationId().toString()))
              .toList();
      for (var key : mapper.recordFirst(rows)) {
        recorded.add(Entry.key(UUID.fromString(key.ruleId()), key.cause()));
      }
    }
    return recorded;
  }

  @Override
  public void clearDailyFiring(UUID ruleId, Instant windowStart) {
    mapper.clearFiringNotification(ruleId.toString(), windowStart);
  }
}
