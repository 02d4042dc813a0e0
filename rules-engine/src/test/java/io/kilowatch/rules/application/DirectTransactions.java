package io.kilowatch.rules.application;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import java.sql.Connection;
import java.util.Optional;

/**
 * Runs transaction callbacks directly, for services tested on {@link InMemoryDatabase}. Counts the
 * transactions that asked for a new one, so tests can see fan-outs commit in batches.
 */
final class DirectTransactions implements TransactionOperations<Connection> {
  int newTransactions;

  @Override
  public Connection getConnection() {
    throw new UnsupportedOperationException("no database in this test");
  }

  @Override
  public boolean hasConnection() {
    return false;
  }

  @Override
  public Optional<? extends TransactionStatus<?>> findTransactionStatus() {
    return Optional.empty();
  }

  @Override
  public <R> R execute(
      TransactionDefinition definition,
      io.micronaut.transaction.TransactionCallback<Connection, R> callback) {
    if (definition.getPropagationBehavior() == TransactionDefinition.Propagation.REQUIRES_NEW) {
      newTransactions++;
    }
    try {
      return callback.call(null);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
