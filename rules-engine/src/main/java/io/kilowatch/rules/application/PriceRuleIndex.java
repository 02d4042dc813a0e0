package io.kilowatch.rules.application;

import io.kilowatch.rules.application.port.out.PriceFeeds;
import io.kilowatch.rules.application.port.out.PriceRuleSource;
import io.kilowatch.rules.domain.price.PriceCrossings;
import io.kilowatch.rules.domain.price.PriceMove;
import io.kilowatch.rules.domain.price.PriceThresholdIndex;
import io.micronaut.context.annotation.Context;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's in-memory index of active price rules (see {@link PriceThresholdIndex}), built
 * from PostgreSQL at start-up, before any price event is consumed, and kept in step with the
 * database by feed versions: changes made here are applied after they commit; changes made by other
 * instances are noticed when a price move for the feed arrives, and the feed is reloaded.
 * Thread-safe.
 */
@Context
public class PriceRuleIndex {
  private static final Logger LOG = LoggerFactory.getLogger(PriceRuleIndex.class);

  private final PriceRuleSource source;
  private final PriceFeeds feeds;
  private final PriceThresholdIndex index;

  PriceRuleIndex(
      PriceRuleSource source, PriceFeeds feeds, TransactionOperations<Connection> transactions) {
    this.source = source;
    this.feeds = feeds;
    long start = System.nanoTime();
    this.index =
        transactions.executeRead(
            status -> {
              Map<String, Long> versions = feeds.versions();
              PriceThresholdIndex.Rows rows = new PriceThresholdIndex.Rows();
              source.loadAll(rows);
              return PriceThresholdIndex.build(rows, versions);
            });
    LOG.info(
        "price index built from the database: {} rules in {} feeds in {} ms",
        index.size(),
        index.feedCount(),
        (System.nanoTime() - start) / 1_000_000);
  }

  /**
   * Reloads the feed from the database when the database's version is not the index's (another
   * instance changed it, or the index missed a change). Call in the transaction that holds the
   * feed's lock ({@link PriceFeeds#lock}), before matching.
   *
   * @return true when the feed was reloaded
   */
  public boolean ensureCurrent(String feedKey) {
    long stored = feeds.version(feedKey);
    long known = index.version(feedKey);
    if (stored == known) {
      return false;
    }
    long start = System.nanoTime();
    PriceThresholdIndex.Rows rows = new PriceThresholdIndex.Rows();
    int n = source.loadFeed(feedKey, rows);
    index.replaceFeed(feedKey, stored, rows);
    LOG.info(
        "price feed {} reloaded at version {} (index had {}): {} rules in {} ms",
        feedKey,
        stored,
        known,
        n,
        (System.nanoTime() - start) / 1_000_000);
    return true;
  }

  public PriceCrossings match(String feedKey, PriceMove move) {
    return index.match(feedKey, move);
  }

  /** See {@link PriceThresholdIndex#commit}; call after the change's transaction committed. */
  public boolean commit(
      String feedKey, long newVersion, Consumer<PriceThresholdIndex.FeedChanges> change) {
    boolean applied = index.commit(feedKey, newVersion, change);
    if (!applied) {
      LOG.debug("price feed {} will reload: version {} came out of order", feedKey, newVersion);
    }
    return applied;
  }

  /** The index itself, for diagnostics and tests. */
  public PriceThresholdIndex index() {
    return index;
  }
}
