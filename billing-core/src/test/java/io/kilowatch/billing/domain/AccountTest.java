package io.kilowatch.billing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountTest {
  static final Instant NOW = Instant.parse("2026-11-22T09:15:00Z");

  final Account account =
      Account.open("C-1", "Ada", "GB-LON", "Europe/London", List.of("M-1", "M-2"), NOW, NOW);

  @Test
  void openAssignsEveryMeterFromNow() {
    assertThat(account.meters())
        .containsExactly(
            new MeterAssignment("M-1", NOW, null), new MeterAssignment("M-2", NOW, null));
    assertThat(account.currentMeterIds()).containsExactly("M-1", "M-2");
  }

  @Test
  void sameDataInAnyMeterOrderDiffersInNothing() {
    assertThat(account.differingFields("Ada", "GB-LON", "Europe/London", List.of("M-2", "M-1")))
        .isEmpty();
  }

  @Test
  void differencesAreNamedByField() {
    assertThat(account.differingFields("Bob", "GB-MAN", "Europe/Paris", List.of("M-1")))
        .containsExactly("name", "region", "timeZone", "meters");
  }

  @Test
  void pastAssignmentsAreNotCurrentMeters() {
    var moved =
        new Account(
            "C-1",
            "Ada",
            "GB-LON",
            "Europe/London",
            List.of(
                new MeterAssignment("M-old", NOW.minusSeconds(3600), NOW),
                new MeterAssignment("M-1", NOW, null)),
            NOW);
    assertThat(moved.currentMeterIds()).containsExactly("M-1");
  }
}
