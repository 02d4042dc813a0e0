package io.kilowatch.templates.application.port.out;

import io.kilowatch.templates.domain.TemplateKey;
import java.util.function.Consumer;

/**
 * Tells every instance that a key's published templates changed, so that each drops what it has
 * cached. Best effort: the cache's time-to-live bounds staleness when a message is lost.
 */
public interface PublicationBroadcast {
  void announce(TemplateKey key);

  /**
   * Calls {@code listener} for every announcement of another instance; this instance invalidates
   * its own cache before it announces.
   */
  void subscribe(Consumer<TemplateKey> listener);
}
