package io.kilowatch.delivery.feed;

import java.time.Instant;
import java.util.List;

/** The feed as the API and the socket show it. */
final class FeedView {
  private FeedView() {}

  /** One item. */
  record Item(
      long id,
      String notificationId,
      String category,
      String title,
      String body,
      Instant createdAt,
      Instant readAt,
      boolean read) {
    static Item of(FeedItem i) {
      return new Item(
          i.id(),
          i.notificationId(),
          i.category(),
          i.title(),
          i.body(),
          i.createdAt(),
          i.readAt(),
          i.readAt() != null);
    }
  }

  /**
   * One page, newest first.
   *
   * @param next the {@code before} value of the next (older) page; null on the last page
   */
  record Page(List<Item> items, long unread, Long next) {}

  record Unread(long unread) {}

  record Marked(int marked, long unread) {}
}
