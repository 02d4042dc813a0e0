package io.kilowatch.rules.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowatch.events.metering.OutageCleared;
import io.kilowatch.events.metering.OutageSuspected;
import io.kilowatch.events.notification.NotificationCategory;
import io.kilowatch.events.notification.NotificationPriority;
import io.kilowatch.events.notification.NotificationRequested;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Outage rules from metering's outage events to the notifications in the outbox. */
class OutageAlertsTest {
  static final Instant SINCE = Instant.parse("2026-07-15T09:05:00Z");
  static final Instant CLEARED = Instant.parse("2026-07-15T10:40:00Z");

  RulesEngineFixture engine = new RulesEngineFixture();

  @BeforeEach
  void meters() {
    engine.assign("C-1", "MTR-1", "GB-LON", "Europe/London");
    engine.assign("C-2", "MTR-2", "GB-LON", "Europe/London");
    engine.assign("C-3", "MTR-3", "GB-MAN", "Europe/London");
    engine.create("C-1", "kind", "outage"); // the region of C-1's meter
    engine.create("C-2", "kind", "outage", "meterId", "MTR-2"); // one meter, in GB-LON
    engine.create("C-3", "kind", "outage");
  }

  @Test
  void aRegionalOutageNotifiesEveryOutageRuleOfTheRegionCritically() {
    engine.outages.onOutageSuspected(new OutageSuspected("OUT-1", "GB-LON", null, SINCE));
    engine.outages.onOutageSuspected(new OutageSuspected("OUT-1", "GB-LON", null, SINCE));

    assertThat(engine.sent())
        .extracting(NotificationRequested::customerId)
        .containsExactlyInAnyOrder("C-1", "C-2");
    NotificationRequested n = engine.sentTo("C-1").get(0);
    assertThat(n.category()).isEqualTo(NotificationCategory.OUTAGE);
    assertThat(n.priority()).isEqualTo(NotificationPriority.CRITICAL);
    assertThat(n.templateKey()).isEqualTo("outage.suspected");
    assertThat(n.data()).containsEntry("region", "GB-LON").containsEntry("since", SINCE.toString());
    assertThat(n.idempotencyKey()).endsWith(":outage-suspected:OUT-1");
  }

  @Test
  void anOutageAtOneMeterNotifiesItsOwnersRulesForIt() {
    engine.outages.onOutageSuspected(new OutageSuspected("OUT-2", null, "MTR-2", SINCE));
    engine.outages.onOutageSuspected(new OutageSuspected("OUT-3", null, "MTR-nobody", SINCE));

    assertThat(engine.sent()).extracting(NotificationRequested::customerId).containsExactly("C-2");
    assertThat(engine.sent().get(0).data())
        .containsEntry("region", "GB-LON")
        .containsEntry("meterId", "MTR-2");
  }

  @Test
  void aClearedOutageNotifiesExactlyThoseToldOfTheSuspicion() {
    engine.outages.onOutageSuspected(new OutageSuspected("OUT-1", "GB-LON", null, SINCE));
    engine.assign("C-4", "MTR-4", "GB-LON", "Europe/London");
    engine.create("C-4", "kind", "outage"); // came too late to hear of the suspicion
    engine.clearSent();

    engine.outages.onOutageCleared(new OutageCleared("OUT-1", "GB-LON", null, CLEARED));
    engine.outages.onOutageCleared(new OutageCleared("OUT-1", "GB-LON", null, CLEARED));

    assertThat(engine.sent())
        .extracting(NotificationRequested::customerId)
        .containsExactlyInAnyOrder("C-1", "C-2");
    NotificationRequested n = engine.sent().get(0);
    assertThat(n.templateKey()).isEqualTo("outage.cleared");
    assertThat(n.priority()).isEqualTo(NotificationPriority.NORMAL);
    assertThat(n.data()).containsEntry("clearedAt", CLEARED.toString());
  }

  @Test
  void aCooldownHoldsBackASecondOutageSoonAfterButNeverTheClearanceOfOneTheCustomerWasToldOf() {
    engine.assign("C-5", "MTR-5", "GB-BRI", "Europe/London");
    engine.create("C-5", "kind", "outage", "cooldown", "PT6H");

    engine.outages.onOutageSuspected(new OutageSuspected("OUT-A", "GB-BRI", null, SINCE));
    engine.outages.onOutageCleared(new OutageCleared("OUT-A", "GB-BRI", null, CLEARED));
    Instant again = CLEARED.plusSeconds(3600); // 2 h 35 min after the first notification
    engine.outages.onOutageSuspected(new OutageSuspected("OUT-B", "GB-BRI", null, again));
    engine.outages.onOutageCleared(
        new OutageCleared("OUT-B", "GB-BRI", null, again.plusSeconds(600)));
    engine.outages.onOutageSuspected(new OutageSuspected("OUT-B", "GB-BRI", null, again)); // replay
    Instant later = CLEARED.plusSeconds(6 * 3600); // 6 h after the last notification
    engine.outages.onOutageSuspected(new OutageSuspected("OUT-C", "GB-BRI", null, later));

    assertThat(engine.sentTo("C-5"))
        .extracting(NotificationRequested::idempotencyKey)
        .extracting(k -> k.substring(k.lastIndexOf(':', k.lastIndexOf(':') - 1) + 1))
        .containsExactly(
            "outage-suspected:OUT-A", "outage-cleared:OUT-A", "outage-suspected:OUT-C");
  }

  @Test
  void aLargeRegionIsPagedThroughAndEveryoneIsNotifiedOnce() {
    for (int i = 10; i < 20; i++) {
      engine.assign("C-" + i, "MTR-" + i, "GB-LON", "Europe/London");
      engine.create("C-" + i, "kind", "outage");
    }
    int notified =
        engine.outages.onOutageSuspected(new OutageSuspected("OUT-9", "GB-LON", null, SINCE));
    assertThat(notified).isEqualTo(12);
    assertThat(engine.sent()).extracting(NotificationRequested::customerId).doesNotHaveDuplicates();
  }
}
