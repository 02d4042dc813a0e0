package io.kilowatch.platform.messaging;

import java.util.List;
import java.util.Objects;

/**
 * One module's durable queue on the events exchange and the handler that consumes it. Modules
 * register subscriptions as beans; the platform declares the queue, binds it and consumes it.
 *
 * @param name queue name inside the namespace, e.g. {@code rules.usage-windows}; also the inbox
 *     consumer name
 * @param bindingKeys topic binding keys, usually event type names
 * @param handler runs once per event id, inside a transaction
 * @param concurrency parallel consumers (channels) on the queue
 * @param prefetch unacknowledged messages per consumer
 */
public record EventSubscription(
    String name, List<String> bindingKeys, EventHandler handler, int concurrency, int prefetch) {
  public EventSubscription {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(handler, "handler");
    bindingKeys = List.copyOf(bindingKeys);
    if (bindingKeys.isEmpty()) {
      throw new IllegalArgumentException("a subscription needs at least one binding key");
    }
    if (concurrency < 1 || prefetch < 1) {
      throw new IllegalArgumentException("concurrency and prefetch must be positive");
    }
  }

  public static EventSubscription of(String name, String bindingKey, EventHandler handler) {
    return new EventSubscription(name, List.of(bindingKey), handler, 1, 50);
  }

  public EventSubscription withConcurrency(int concurrency, int prefetch) {
    return new EventSubscription(name, bindingKeys, handler, concurrency, prefetch);
  }
}
