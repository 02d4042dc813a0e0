package io.kilowatch.rules.adapter.out.persistence;

import io.kilowatch.rules.application.port.out.PriceRuleSource;
import io.kilowatch.rules.domain.price.PriceThresholdIndex;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;

/** Streams price rules on the current transaction's connection. Thread-safe. */
@Singleton
class PriceRuleSourceAdapter implements PriceRuleSource {
  private final TransactionOperations<Connection> transactions;

  // the mapper dependency orders start-up after the schema migrations
  PriceRuleSourceAdapter(TransactionOperations<Connection> transactions, RuleMapper migrated) {
    this.transactions = transactions;
  }

  @Override
  public int loadAll(PriceThresholdIndex.Rows sink) {
    try {
      return PriceRuleStream.loadAll(connection(), sink);
    } catch (SQLException e) {
      throw new IllegalStateException("could not load price rules", e);
    }
  }

  @Override
  public int loadFeed(String feedKey, PriceThresholdIndex.Rows sink) {
    try {
      return PriceRuleStream.loadFeed(connection(), feedKey, sink);
    } catch (SQLException e) {
      throw new IllegalStateException("could not load price feed " + feedKey, e);
    }
  }

  private Connection connection() {
    return transactions
        .findTransactionStatus()
        .map(status -> (Connection) status.getConnection())
        .orElseThrow(() -> new IllegalStateException("price rules are read in a transaction"));
  }
}
