package io.kilowatch.rules.application;

import io.kilowatch.events.metering.OutageCleared;
import io.kilowatch.events.metering.OutageSuspected;
import io.kilowatch.rules.application.port.out.MeterOwners;
import io.kilowatch.rules.application.port.out.RuleStore;
import io.kilowatch.rules.domain.MeterOwner;
import io.kilowatch.rules.domain.OutageAlert;
import io.kilowatch.rules.domain.Rule;
import io.kilowatch.rules.domain.RuleKind;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outage rules on metering's outage events. A suspected outage of one meter notifies its owner's
 * outage rules that cover the meter, in the event's transaction; a regional one notifies every
 * outage rule of the region, page by page in transactions of their own ({@link FanOut}). A cleared
 * outage notifies exactly the rules that were told about its suspicion. Suspicions are critical,
 * clearances normal. Once per rule and outage. Thread-safe.
 */
@Singleton
public class OutageEvaluation {
  static final String SUSPECTED = "outage-suspected:";
  static final String CLEARED = "outage-cleared:";

  private static final Logger LOG = LoggerFactory.getLogger(OutageEvaluation.class);

  private final RuleStore rules;
  private final MeterOwners owners;
  private final AlertDispatcher dispatcher;
  private final FanOut fanOut;
  private final RulesSettings settings;

  OutageEvaluation(
      RuleStore rules,
      MeterOwners owners,
      AlertDispatcher dispatcher,
      FanOut fanOut,
      RulesSettings settings) {
    this.rules = rules;
    this.owners = owners;
    this.dispatcher = dispatcher;
    this.fanOut = fanOut;
    this.settings = settings;
  }

  /** Returns how many notifications were requested. Runs in the event's transaction. */
  @Transactional
  public int onOutageSuspected(OutageSuspected outage) {
    String cause = SUSPECTED + outage.outageId();
    Function<Rule, PendingAlert> alert =
        rule -> {
          Map<String, String> data = new HashMap<>();
          data.put("region", regionOf(rule, outage.region()));
          data.put("since", outage.since().toString());
          if (outage.meterId() != null) {
            data.put("meterId", outage.meterId());
          }
          return PendingAlert.of(rule, cause, outage.since(), Templates.OUTAGE_SUSPECTED, data)
              .critical();
        };
    int notified;
    if (outage.meterId() != null) {
      Optional<MeterOwner> owner = owners.find(outage.meterId());
      if (owner.isEmpty()) {
        LOG.debug("outage {} at meter {} without known owner", outage.outageId(), outage.meterId());
        return 0;
      }
      List<PendingAlert> alerts = new ArrayList<>();
      for (Rule rule : rules.findByCustomer(owner.get().customerId())) {
        if (rule.active() && rule.kind() == RuleKind.OUTAGE && rule.covers(outage.meterId())) {
          alerts.add(alert.apply(rule));
        }
      }
      notified = notified(dispatcher.dispatch(alerts));
    } else {
      notified =
          pages(
              after ->
                  rules.pageByRegion(
                      RuleKind.OUTAGE, outage.region(), null, after, settings.getFanOutBatchSize()),
              alert);
    }
    LOG.info("outage {} suspected: {} notifications", outage.outageId(), notified);
    return notified;
  }

  /** Returns how many notifications were requested. Runs in the event's transaction. */
  @Transactional
  public int onOutageCleared(OutageCleared cleared) {
    String cause = CLEARED + cleared.outageId();
    int notified =
        pages(
            after ->
                rules.pageNotifiedFor(
                    SUSPECTED + cleared.outageId(),
                    RuleKind.OUTAGE,
                    after,
                    settings.getFanOutBatchSize()),
            rule -> {
              Map<String, String> data = new HashMap<>();
              data.put("region", regionOf(rule, cleared.region()));
              data.put("clearedAt", cleared.clearedAt().toString());
              if (cleared.meterId() != null) {
                data.put("meterId", cleared.meterId());
              }
              // told of the power cut, so told it is over, whatever the cooldown
              return PendingAlert.of(
                      rule, cause, cleared.clearedAt(), Templates.OUTAGE_CLEARED, data)
                  .asFollowUp();
            });
    LOG.info("outage {} cleared: {} notifications", cleared.outageId(), notified);
    return notified;
  }

  /** Pages through rules, one transaction per page; replays are skipped by the ledger. */
  private int pages(Function<UUID, List<Rule>> page, Function<Rule, PendingAlert> alert) {
    return fanOut.forEachPage(
        settings.getFanOutBatchSize(),
        page,
        rules -> notified(dispatcher.dispatch(rules.stream().map(alert).toList())));
  }

  private static int notified(List<AlertDispatcher.Outcome> outcomes) {
    return (int)
        outcomes.stream().filter(o -> o.status() == AlertDispatcher.Status.NOTIFIED).count();
  }

  private static String regionOf(Rule rule, String eventRegion) {
    return eventRegion != null ? eventRegion : ((OutageAlert) rule.condition()).region();
  }
}
