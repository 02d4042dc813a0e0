package io.kilowatch.rules.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/** Builders for rules and meter owners in the situations the tests name. */
final class RuleTestData {
  static final Instant CREATED = Instant.parse("2026-07-01T08:00:00Z");

  private RuleTestData() {}

  /** An active rule of customer C-1 on all their meters, 10 kWh a day. */
  static RuleBuilder dailyRule() {
    return new RuleBuilder();
  }

  /** MTR-1 belongs to C-1 in London since the first of July. */
  static MeterOwner londonOwnerOf(String meterId) {
    return new MeterOwner(meterId, "C-1", "GB-LON", ZoneId.of("Europe/London"), CREATED);
  }

  static final class RuleBuilder {
    private UUID id = UUID.randomUUID();
    private String customerId = "C-1";
    private String meterId;
    private RuleCondition condition = new DailyUsageAbove(10_000);
    private Cooldown cooldown = Cooldown.ONCE_PER_WINDOW;
    private boolean active = true;

    RuleBuilder withId(UUID value) {
      this.id = value;
      return this;
    }

    RuleBuilder ofCustomer(String value) {
      this.customerId = value;
      return this;
    }

    RuleBuilder forMeter(String value) {
      this.meterId = value;
      return this;
    }

    RuleBuilder withThresholdWh(long value) {
      this.condition = new DailyUsageAbove(value);
      return this;
    }

    RuleBuilder withCondition(RuleCondition value) {
      this.condition = value;
      return this;
    }

    RuleBuilder withCooldown(Cooldown value) {
      this.cooldown = value;
      return this;
    }

    RuleBuilder inactive() {
      this.active = false;
      return this;
    }

    Rule build() {
      return new Rule(
          id, customerId, meterId, condition, List.of(), cooldown, active, 1, CREATED, CREATED);
    }
  }
}
