package io.kilowatch.events;

import io.kilowatch.events.billing.BillIssued;
import io.kilowatch.events.billing.BillProjected;
import io.kilowatch.events.billing.MeterAssigned;
import io.kilowatch.events.billing.PaymentDue;
import io.kilowatch.events.billing.PaymentOverdue;
import io.kilowatch.events.metering.OutageCleared;
import io.kilowatch.events.metering.OutageSuspected;
import io.kilowatch.events.metering.UsageWindowUpdated;
import io.kilowatch.events.notification.DeliveryStatusChanged;
import io.kilowatch.events.notification.NotificationRequested;
import io.kilowatch.events.pricing.DayAheadPricesPublished;
import io.kilowatch.events.pricing.PriceChanged;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every event contract Kilowatch publishes. The single place a new event type is registered. */
public final class EventTypes {
  public static final EventType<UsageWindowUpdated> USAGE_WINDOW_UPDATED =
      new EventType<>("metering.usage-window-updated.v1", UsageWindowUpdated.class);
  public static final EventType<MeterAssigned> METER_ASSIGNED =
      new EventType<>("billing.meter-assigned.v1", MeterAssigned.class);
  public static final EventType<NotificationRequested> NOTIFICATION_REQUESTED =
      new EventType<>(
          "notification.requested.v1", NotificationRequested.class, Map.of("channels", List.of()));
  public static final EventType<DeliveryStatusChanged> DELIVERY_STATUS_CHANGED =
      new EventType<>("notification.delivery-status-changed.v1", DeliveryStatusChanged.class);

  public static final EventType<PriceChanged> PRICE_CHANGED =
      new EventType<>("pricing.price-changed.v1", PriceChanged.class);
  public static final EventType<DayAheadPricesPublished> DAY_AHEAD_PRICES_PUBLISHED =
      new EventType<>("pricing.day-ahead-prices-published.v1", DayAheadPricesPublished.class);
  public static final EventType<BillProjected> BILL_PROJECTED =
      new EventType<>("billing.bill-projected.v1", BillProjected.class);
  public static final EventType<BillIssued> BILL_ISSUED =
      new EventType<>("billing.bill-issued.v1", BillIssued.class);
  public static final EventType<PaymentDue> PAYMENT_DUE =
      new EventType<>("billing.payment-due.v1", PaymentDue.class);
  public static final EventType<PaymentOverdue> PAYMENT_OVERDUE =
      new EventType<>("billing.payment-overdue.v1", PaymentOverdue.class);
  public static final EventType<OutageSuspected> OUTAGE_SUSPECTED =
      new EventType<>("metering.outage-suspected.v1", OutageSuspected.class);
  public static final EventType<OutageCleared> OUTAGE_CLEARED =
      new EventType<>("metering.outage-cleared.v1", OutageCleared.class);

  public static final List<EventType<?>> ALL =
      List.of(
          USAGE_WINDOW_UPDATED,
          METER_ASSIGNED,
          NOTIFICATION_REQUESTED,
          DELIVERY_STATUS_CHANGED,
          PRICE_CHANGED,
          DAY_AHEAD_PRICES_PUBLISHED,
          BILL_PROJECTED,
          BILL_ISSUED,
          PAYMENT_DUE,
          PAYMENT_OVERDUE,
          OUTAGE_SUSPECTED,
          OUTAGE_CLEARED);

  private static final Map<String, EventType<?>> BY_NAME =
      ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));

  private EventTypes() {}

  public static Optional<EventType<?>> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }
}
