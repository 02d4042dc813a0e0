package io.kilowatch.rules.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A ledger in memory with the same contract as the database one: first firing per key wins. */
final class InMemoryFiringLedger implements FiringLedger {
  private final Map<String, RuleFiring> firings = new ConcurrentHashMap<>();

  @Override
  public boolean recordFirst(RuleFiring firing) {
    return firings.putIfAbsent(firing.ruleId() + "@" + firing.windowStart(), firing) == null;
  }

  List<RuleFiring> recorded() {
    return new ArrayList<>(firings.values());
  }
}
