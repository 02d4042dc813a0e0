package io.kilowatch.rules.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowatch.events.EventCodec;
import io.kilowatch.events.EventTypes;
import io.kilowatch.events.notification.NotificationCategory;
import io.kilowatch.events.notification.NotificationPriority;
import io.kilowatch.rules.domain.Channel;
import io.kilowatch.rules.domain.ThresholdCrossed;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The notification a crossed daily threshold requests, as it goes on the wire. */
class NotificationRequestTest {

  @Test
  void crossedDailyThresholdRequestsAUsageNotification() {
    UUID ruleId = UUID.fromString("00000000-0000-4000-8000-000000000001");
    UUID notificationId = UUID.fromString("00000000-0000-4000-8000-000000000002");
    Instant asOf = Instant.parse("2026-07-15T09:15:00Z");
    var crossed =
        new ThresholdCrossed(
            notificationId,
            ruleId,
            "C-1",
            "MTR-1",
            Instant.parse("2026-07-14T23:00:00Z"),
            LocalDate.of(2026, 7, 15),
            10_000,
            10_250,
            asOf);

    var envelope =
        UsageRuleEvaluation.notificationRequested(crossed, List.of(Channel.EMAIL, Channel.SMS));
    var decoded = EventCodec.decode(EventCodec.encode(envelope), EventTypes.NOTIFICATION_REQUESTED);

    assertThat(decoded.source()).isEqualTo("/kilowatch/rules-engine");
    assertThat(decoded.subject()).isEqualTo("customer/C-1");
    assertThat(decoded.time()).isEqualTo(asOf);
    var n = decoded.data();
    assertThat(n.notificationId()).isEqualTo(notificationId.toString());
    assertThat(n.customerId()).isEqualTo("C-1");
    assertThat(n.category()).isEqualTo(NotificationCategory.USAGE);
    assertThat(n.priority()).isEqualTo(NotificationPriority.NORMAL);
    assertThat(n.templateKey()).isEqualTo("usage.daily-threshold-crossed");
    assertThat(n.idempotencyKey()).isEqualTo("rule:" + ruleId + ":2026-07-14T23:00:00Z");
    assertThat(n.data())
        .isEqualTo(
            Map.of(
                "thresholdKwh",
                "10",
                "usageKwh",
                "10.25",
                "meterId",
                "MTR-1",
                "day",
                "2026-07-15"));
    assertThat(n.requestedAt()).isEqualTo(asOf);
    assertThat(n.channels()).containsExactly("email", "sms");
    assertThat(new String(EventCodec.encode(envelope), java.nio.charset.StandardCharsets.UTF_8))
        .contains("\"channels\":[\"email\",\"sms\"]");
  }

  @Test
  void aRuleOnTheCustomersPreferencesNamesNoChannel() {
    var crossed =
        new ThresholdCrossed(
            UUID.randomUUID(),
            UUID.randomUUID(),
            "C-1",
            "MTR-1",
            Instant.parse("2026-07-14T23:00:00Z"),
            LocalDate.of(2026, 7, 15),
            10_000,
            10_250,
            Instant.parse("2026-07-15T09:15:00Z"));
    var envelope = UsageRuleEvaluation.notificationRequested(crossed, List.of());
    var decoded = EventCodec.decode(EventCodec.encode(envelope), EventTypes.NOTIFICATION_REQUESTED);
    assertThat(decoded.data().channels()).isEmpty();
  }
}
