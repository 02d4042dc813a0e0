package io.kilowatch.delivery.digest;

import io.kilowatch.events.notification.NotificationCategory;
import io.kilowatch.events.notification.NotificationPriority;
import io.kilowatch.events.notification.NotificationRequested;
import jakarta.inject.Singleton;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which categories are collected into digests, and their windows. A configuration naming an unknown
 * category or an unreadable window stops the start-up, naming the property. Immutable.
 */
@Singleton
public class DigestPolicy {
  /** The template key suffix of a category's digest: {@code price.digest}. */
  public static final String DIGEST_SUFFIX = ".digest";

  private final Map<NotificationCategory, DigestWindow> windows;

  DigestPolicy(List<DigestSettings> settings) {
    Map<NotificationCategory, DigestWindow> map = new EnumMap<>(NotificationCategory.class);
    for (DigestSettings s : settings) {
      String property = "kilowatch.delivery.digest." + s.getCategory() + ".window";
      NotificationCategory category;
      try {
        category = NotificationCategory.fromWire(s.getCategory());
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(property + ": unknown notification category", e);
      }
      if (s.getWindow() == null || s.getWindow().isBlank()) {
        throw new IllegalStateException(property + ": is required");
      }
      try {
        map.put(category, DigestWindow.parse(s.getWindow()));
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(property + ": " + e.getMessage(), e);
      }
    }
    this.windows = Collections.unmodifiableMap(map);
  }

  /** The template key of a category's digest message. */
  public static String digestTemplate(NotificationCategory category) {
    return category.wireName() + DIGEST_SUFFIX;
  }

  /**
   * The window a request is collected in; empty when it goes out on its own: its category is not a
   * digest category, it is critical, or it is a digest itself.
   */
  public Optional<DigestWindow> windowFor(NotificationRequested request) {
    if (request.priority() == NotificationPriority.CRITICAL
        || request.templateKey().equals(digestTemplate(request.category()))) {
      return Optional.empty();
    }
    return Optional.ofNullable(windows.get(request.category()));
  }

  public Map<NotificationCategory, DigestWindow> windows() {
    return windows;
  }
}
