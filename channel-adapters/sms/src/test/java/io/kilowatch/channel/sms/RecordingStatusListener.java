package io.kilowatch.channel.sms;

import io.kilowatch.channel.ProviderStatusListener;
import io.kilowatch.channel.ProviderStatusUpdate;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** Test bean: keeps every status update; can be told to fail once. */
@Singleton
@Requires(property = "spec.name", pattern = "TwilioWebhook.*")
class RecordingStatusListener implements ProviderStatusListener {
  private final List<ProviderStatusUpdate> updates = new CopyOnWriteArrayList<>();
  private final AtomicBoolean failNext = new AtomicBoolean();

  @Override
  public void onStatus(ProviderStatusUpdate update) {
    if (failNext.getAndSet(false)) {
      throw new IllegalStateException("status store unavailable");
    }
    updates.add(update);
  }

  List<ProviderStatusUpdate> updates() {
    return List.copyOf(updates);
  }

  List<ProviderStatusUpdate> of(String providerMessageId) {
    return updates.stream().filter(u -> providerMessageId.equals(u.providerMessageId())).toList();
  }

  void failNext() {
    failNext.set(true);
  }

  void clear() {
    updates.clear();
    failNext.set(false);
  }
}
