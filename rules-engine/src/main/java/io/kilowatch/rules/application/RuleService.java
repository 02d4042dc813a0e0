package io.kilowatch.rules.application;

import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import io.kilowatch.platform.web.NotFoundException;
import io.kilowatch.rules.application.port.in.CreateRuleCommand;
import io.kilowatch.rules.application.port.in.RuleParameters;
import io.kilowatch.rules.application.port.in.UpdateRuleCommand;
import io.kilowatch.rules.application.port.out.MeterOwners;
import io.kilowatch.rules.application.port.out.PriceFeeds;
import io.kilowatch.rules.application.port.out.RuleStore;
import io.kilowatch.rules.domain.MeterOwner;
import io.kilowatch.rules.domain.PriceThreshold;
import io.kilowatch.rules.domain.Rule;
import io.kilowatch.rules.domain.RuleCondition;
import io.kilowatch.rules.domain.price.PriceRuleEntry;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Customers' rules: create, read, change, delete, always within one customer's own rules. A rule id
 * of another customer behaves as a rule that does not exist. Price rules are mirrored into this
 * instance's {@link PriceRuleIndex} once their transaction has committed. Thread-safe.
 */
@Singleton
public class RuleService {
  private final RuleStore rules;
  private final MeterOwners owners;
  private final PriceFeeds feeds;
  private final PriceRuleIndex index;
  private final RulesSettings settings;
  private final Clock clock;
  private final TransactionOperations<Connection> transactions;

  RuleService(
      RuleStore rules,
      MeterOwners owners,
      PriceFeeds feeds,
      PriceRuleIndex index,
      RulesSettings settings,
      Clock clock,
      TransactionOperations<Connection> transactions) {
    this.rules = rules;
    this.owners = owners;
    this.feeds = feeds;
    this.index = index;
    this.settings = settings;
    this.clock = clock;
    this.transactions = transactions;
  }

  /** A committed change to a price feed, applied to the index afterwards. */
  private record Committed(Rule rule, String feedKey, long version, PriceRuleEntry entry) {
    static Committed of(Rule rule) {
      return new Committed(rule, null, 0, null);
    }
  }

  /**
   * Creates an active rule.
   *
   * @throws InvalidInputException 400 on {@code meterId} when the meter is not the customer's, on
   *     {@code region} when it is unknown (or cannot be taken from the customer's meters); 422 when
   *     the customer already has the maximum number of rules
   */
  public Rule create(CreateRuleCommand command) {
    Committed done = transactions.executeWrite(status -> createInTransaction(command));
    applyToIndex(done, null);
    return done.rule();
  }

  private Committed createInTransaction(CreateRuleCommand command) {
    String customerId = command.customerId();
    MeterOwner meter = null;
    if (command.meterId() != null) {
      meter =
          owners
              .find(command.meterId())
              .filter(o -> o.customerId().equals(customerId))
              // the same answer for a meter of someone else and for a meter nobody has
              .orElseThrow(() -> InvalidInputException.of("meterId", "is not one of your meters"));
    }
    String region = command.needsRegion() ? resolveRegion(command, meter) : null;
    RuleCondition condition = command.condition(region);
    // counting and inserting under the customer's lock keeps concurrent creates within the limit
    rules.lockCustomer(customerId);
    int max = settings.getMaxRulesPerCustomer();
    if (rules.countByCustomer(customerId) >= max) {
      throw new InvalidInputException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          List.of(
              new FieldError(
                  "rules", "you already have the maximum of " + max + " rules; delete one first")));
    }
    Instant now = now();
    Rule rule =
        Rule.create(
            UUID.randomUUID(),
            customerId,
            command.meterId(),
            condition,
            command.channels(),
            command.cooldown(),
            now);
    rules.insert(rule);
    if (condition instanceof PriceThreshold price) {
      long version = feeds.bump(price.feedKey(), now);
      return new Committed(
          rule, price.feedKey(), version, PriceRuleEntry.armed(rule.id(), rule.revision(), price));
    }
    return Committed.of(rule);
  }

  /**
   * The region a new rule watches: the one named (which must be known), the region of the rule's
   * meter, or the region of all the customer's meters.
   */
  private String resolveRegion(CreateRuleCommand command, MeterOwner meter) {
    String named = command.region();
    if (meter != null) {
      if (named != null && !named.equals(meter.region())) {
        throw InvalidInputException.of(
            RuleParameters.REGION, "is not the region of meter " + meter.meterId());
      }
      return meter.region();
    }
    if (named != null) {
      if (!settings.getRegions().contains(named) && !owners.regionExists(named)) {
        throw InvalidInputException.of(RuleParameters.REGION, "is not a region we know");
      }
      return named;
    }
    List<String> regions =
        owners.findByCustomer(command.customerId()).stream()
            .map(MeterOwner::region)
            .distinct()
            .toList();
    if (regions.size() == 1) {
      return regions.get(0);
    }
    throw InvalidInputException.of(
        RuleParameters.REGION,
        regions.isEmpty()
            ? "is required: we know no meter of yours to take it from"
            : "is required: your meters are in several regions " + regions);
  }

  public List<Rule> list(String customerId) {
    return transactions.executeRead(status -> rules.findByCustomer(customerId));
  }

  /**
   * @throws NotFoundException when the rule does not exist or is another customer's
   */
  public Rule get(String customerId, UUID ruleId) {
    return transactions.executeRead(
        status -> rules.find(customerId, ruleId).orElseThrow(RuleService::notFound));
  }

  /**
   * Applies the change. A new condition, or switching the rule off or on, arms it afresh (a new
   * revision): a usage rule does not fire again for a window it already fired for, a price rule
   * fires on the next crossing.
   *
   * @throws NotFoundException when the rule does not exist or is another customer's
   * @throws InvalidInputException for fields its kind does not take or cannot change
   */
  public Rule update(String customerId, UUID ruleId, UpdateRuleCommand command) {
    Committed done =
        transactions.executeWrite(
            status -> {
              rules.lockCustomer(customerId);
              Rule rule = rules.find(customerId, ruleId).orElseThrow(RuleService::notFound);
              Rule changed =
                  rule.changed(
                      command.active(),
                      command.condition(rule.condition()),
                      command.channels(),
                      command.cooldown(),
                      now());
              boolean rearm = changed.revision() != rule.revision();
              if (!rules.update(changed, rearm)) {
                throw notFound();
              }
              if (rearm && changed.condition() instanceof PriceThreshold price) {
                long version = feeds.bump(price.feedKey(), changed.updatedAt());
                PriceRuleEntry entry =
                    changed.active()
                        ? PriceRuleEntry.armed(changed.id(), changed.revision(), price)
                        : null;
                return new Committed(changed, price.feedKey(), version, entry);
              }
              return Committed.of(changed);
            });
    applyToIndex(done, ruleId);
    return done.rule();
  }

  /**
   * @throws NotFoundException when the rule does not exist or is another customer's
   */
  public void delete(String customerId, UUID ruleId) {
    Committed done =
        transactions.executeWrite(
            status -> {
              Optional<Rule> rule = rules.find(customerId, ruleId);
              if (rule.isEmpty() || !rules.delete(customerId, ruleId)) {
                throw notFound();
              }
              if (rule.get().condition() instanceof PriceThreshold price) {
                return new Committed(
                    rule.get(), price.feedKey(), feeds.bump(price.feedKey(), now()), null);
              }
              return Committed.of(rule.get());
            });
    applyToIndex(done, ruleId);
  }

  /** After the commit: mirrors a price rule change into this instance's index. */
  private void applyToIndex(Committed done, UUID removed) {
    if (done.feedKey() == null) {
      return;
    }
    index.commit(
        done.feedKey(),
        done.version(),
        changes -> {
          if (removed != null) {
            changes.remove(removed);
          }
          if (done.entry() != null) {
            changes.put(done.entry());
          }
        });
  }

  private static NotFoundException notFound() {
    return new NotFoundException("rule");
  }

  /** PostgreSQL keeps microseconds: what we return and publish must equal what we read back. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
