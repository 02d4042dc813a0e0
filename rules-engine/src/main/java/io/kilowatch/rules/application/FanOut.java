package io.kilowatch.rules.application;

import io.kilowatch.rules.application.port.out.RuleStore;
import io.kilowatch.rules.domain.Rule;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs one batch of a large fan-out in its own transaction, committed before the next batch starts,
 * so that the outbox relay publishes the first notifications while later ones are still being
 * prepared and no transaction grows with the number of customers.
 *
 * <p>The event's own transaction (with its inbox row) stays open around the batches and commits
 * last. If the process dies half way, the event is delivered again and the batches run again: every
 * batch is idempotent (hysteresis state or the notification ledger decide what is new).
 */
@Singleton
public class FanOut {
  private static final TransactionDefinition NEW =
      TransactionDefinition.of(TransactionDefinition.Propagation.REQUIRES_NEW);

  private final TransactionOperations<Connection> transactions;

  FanOut(TransactionOperations<Connection> transactions) {
    this.transactions = transactions;
  }

  public <T> T inNewTransaction(Supplier<T> batch) {
    return transactions.execute(NEW, status -> batch.get());
  }

  /**
   * Pages through rules in id order, one transaction per page: {@code page} reads the page after an
   * id, {@code handle} acts on it in the same transaction and says how many it notified. Returns
   * the total.
   */
  public int forEachPage(
      int pageSize, Function<UUID, List<Rule>> page, Function<List<Rule>, Integer> handle) {
    int total = 0;
    UUID after = RuleStore.FIRST;
    while (true) {
      UUID from = after;
      Page result =
          inNewTransaction(
              () -> {
                List<Rule> rules = page.apply(from);
                int n = rules.isEmpty() ? 0 : handle.apply(rules);
                return new Page(
                    rules.size(), rules.isEmpty() ? null : rules.get(rules.size() - 1).id(), n);
              });
      total += result.handled();
      if (result.size() < pageSize) {
        return total;
      }
      after = result.last();
    }
  }

  private record Page(int size, UUID last, int handled) {}
}
