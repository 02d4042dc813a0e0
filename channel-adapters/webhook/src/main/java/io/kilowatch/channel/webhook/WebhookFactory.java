package io.kilowatch.channel.webhook;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Registers the {@link EndpointGuard} always (preference-service validates endpoints with it even
 * where this process sends no webhooks; its defaults are the production policy), and the {@link
 * WebhookSender} as a {@link io.kilowatch.channel.ChannelSender} bean when the channel is on (see
 * {@link WebhookEnabledCondition}).
 */
@Factory
class WebhookFactory {

  @Singleton
  EndpointGuard endpointGuard(WebhookSettings settings) {
    return new EndpointGuard(settings);
  }

  @Singleton
  @Requires(condition = WebhookEnabledCondition.class)
  WebhookSender webhookSender(
      WebhookSettings settings, EndpointGuard guard, @Nullable Clock clock) {
    // The platform's Clock bean in the application; the system clock where there is none.
    return new WebhookSender(settings, guard, clock != null ? clock : Clock.systemUTC());
  }
}
