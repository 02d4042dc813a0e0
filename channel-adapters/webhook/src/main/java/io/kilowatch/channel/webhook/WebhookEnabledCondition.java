package io.kilowatch.channel.webhook;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;
import java.util.Optional;

/**
 * The webhook sender is on when {@code kilowatch.channels.webhook.enabled} is {@code true}, or when
 * it is unset and a signing key is configured; {@code enabled: false} always turns it off.
 */
public final class WebhookEnabledCondition implements Condition {
  @Override
  public boolean matches(ConditionContext context) {
    Optional<Boolean> enabled =
        context.getProperty(WebhookSettings.ENABLED_PROPERTY, Boolean.class);
    if (enabled.isPresent()) {
      return enabled.get();
    }
    return context.containsProperties(WebhookSettings.SIGNING_KEYS_PROPERTY);
  }
}
