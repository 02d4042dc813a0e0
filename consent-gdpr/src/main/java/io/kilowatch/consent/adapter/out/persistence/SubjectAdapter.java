package io.kilowatch.consent.adapter.out.persistence;

import io.kilowatch.consent.application.port.out.SubjectKeyStore;
import io.kilowatch.consent.application.port.out.SuppressionList;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Instant;

/** The suppression list and the stored subject-hash key. Thread-safe. */
@Singleton
class SubjectAdapter implements SuppressionList, SubjectKeyStore {
  private final SubjectMapper mapper;
  private final TransactionOperations<Connection> transactions;

  SubjectAdapter(SubjectMapper mapper, TransactionOperations<Connection> transactions) {
    this.mapper = mapper;
    this.transactions = transactions;
  }

  @Override
  public boolean contains(String subjectHash) {
    return mapper.suppressed(subjectHash);
  }

  @Override
  public boolean add(String subjectHash, Instant at) {
    return mapper.suppress(subjectHash, at) == 1;
  }

  @Override
  public String loadOrCreate(String candidate, Instant now) {
    return transactions.execute(
        TransactionDefinition.of(TransactionDefinition.Propagation.REQUIRES_NEW),
        status -> {
          mapper.insertKey(candidate, now);
          return mapper.key();
        });
  }
}
