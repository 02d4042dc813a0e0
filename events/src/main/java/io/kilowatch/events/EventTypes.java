package io.kilowatch.events;

import io.kilowatch.events.billing.MeterAssigned;
import io.kilowatch.events.metering.UsageWindowUpdated;
import io.kilowatch.events.notification.NotificationRequested;
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
      new EventType<>("notification.requested.v1", NotificationRequested.class);

  public static final List<EventType<?>> ALL =
      List.of(USAGE_WINDOW_UPDATED, METER_ASSIGNED, NOTIFICATION_REQUESTED);

  private static final Map<String, EventType<?>> BY_NAME =
      ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));

  private EventTypes() {}

  public static Optional<EventType<?>> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }
}
