package io.kilowatch.rules.adapter.out.persistence;

import io.kilowatch.rules.application.port.out.RuleStates;
import io.kilowatch.rules.domain.price.Direction;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Rule state in {@code rules.rule_state}. Thread-safe. */
@Singleton
class RuleStatesAdapter implements RuleStates {
  private final RuleStateMapper mapper;

  RuleStatesAdapter(RuleStateMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public List<Fired> fire(Direction side, List<Candidate> candidates, Instant now) {
    if (candidates.isEmpty()) {
      return List.of();
    }
    String[] ids = ids(candidates);
    Integer[] revisions = revisions(candidates);
    var rows =
        side == Direction.ABOVE
            ? mapper.fireAbove(ids, revisions, now)
            : mapper.fireBelow(ids, revisions, now);
    return rows.stream()
        .map(
            r ->
                new Fired(
                    UUID.fromString(r.ruleId()),
                    r.customerId(),
                    r.cooldown(),
                    r.lastNotifiedAt(),
                    RulePersistenceAdapter.channels(r.channels())))
        .toList();
  }

  @Override
  public List<UUID> rearm(Direction side, List<Candidate> candidates, Instant now) {
    if (candidates.isEmpty()) {
      return List.of();
    }
    String[] ids = ids(candidates);
    Integer[] revisions = revisions(candidates);
    var rows =
        side == Direction.ABOVE
            ? mapper.rearmAbove(ids, revisions, now)
            : mapper.rearmBelow(ids, revisions, now);
    return rows.stream().map(UUID::fromString).toList();
  }

  @Override
  public Map<UUID, Instant> lockLastNotified(Collection<UUID> ruleIds) {
    Map<UUID, Instant> last = new HashMap<>();
    if (ruleIds.isEmpty()) {
      return last;
    }
    for (var row : mapper.lockLastNotified(text(ruleIds))) {
      if (row.lastNotifiedAt() != null) {
        last.put(UUID.fromString(row.ruleId()), row.lastNotifiedAt());
      }
    }
    return last;
  }

  @Override
  public void markNotified(Collection<UUID> ruleIds, Instant at) {
    if (!ruleIds.isEmpty()) {
      mapper.markNotified(text(ruleIds), at, at);
    }
  }

  private static String[] text(Collection<UUID> ids) {
    return ids.stream().map(UUID::toString).toArray(String[]::new);
  }

  private static String[] ids(List<Candidate> candidates) {
    return candidates.stream().map(c -> c.ruleId().toString()).toArray(String[]::new);
  }

  private static Integer[] revisions(List<Candidate> candidates) {
    return candidates.stream().map(Candidate::revision).toArray(Integer[]::new);
  }
}
