package io.kilowatch.delivery.feed;

import io.kilowatch.platform.security.Roles;
import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import io.kilowatch.platform.web.NotFoundException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.util.ArrayList;
import java.util.List;

/**
 * A customer's own in-app feed: the list (all or unread, newest first, paged by {@code before}),
 * the unread count, and marking items read. Another customer's item is answered 404, as if it did
 * not exist.
 */
@Controller("/api/v1/feed")
@Secured(Roles.CUSTOMER)
class FeedController {
  private static final int MAX_LIMIT = 100;

  private final FeedService feed;

  FeedController(FeedService feed) {
    this.feed = feed;
  }

  @Get("{?unread,limit,before}")
  @Secured(Roles.CUSTOMER)
  FeedView.Page list(
      Authentication who,
      @Nullable @QueryValue String unread,
      @Nullable @QueryValue String limit,
      @Nullable @QueryValue String before) {
    List<FieldError> errors = new ArrayList<>();
    boolean unreadOnly = false;
    if (unread != null && !unread.equals("true") && !unread.equals("false")) {
      errors.add(new FieldError("unread", "must be true or false"));
    } else {
      unreadOnly = "true".equals(unread);
    }
    int size = 20;
    if (limit != null) {
      try {
        size = Integer.parseInt(limit);
        if (size < 1 || size > MAX_LIMIT) {
          errors.add(new FieldError("limit", "must be between 1 and " + MAX_LIMIT));
        }
      } catch (NumberFormatException e) {
        errors.add(new FieldError("limit", "must be a whole number"));
      }
    }
    Long cursor = null;
    if (before != null) {
      try {
        cursor = Long.parseLong(before);
        if (cursor < 1) {
          errors.add(new FieldError("before", "must be an item id (1 or more)"));
        }
      } catch (NumberFormatException e) {
        errors.add(new FieldError("before", "must be an item id"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    String customerId = who.getName();
    List<FeedItem> items = feed.page(customerId, unreadOnly, cursor, size + 1);
    boolean more = items.size() > size;
    List<FeedItem> shown = more ? items.subList(0, size) : items;
    return new FeedView.Page(
        shown.stream().map(FeedView.Item::of).toList(),
        feed.unread(customerId),
        more ? shown.get(shown.size() - 1).id() : null);
  }

  @Get("/unread-count")
  @Secured(Roles.CUSTOMER)
  FeedView.Unread unreadCount(Authentication who) {
    return new FeedView.Unread(feed.unread(who.getName()));
  }

  @Post("/{id}/read")
  @Secured(Roles.CUSTOMER)
  FeedView.Item markRead(Authentication who, @PathVariable String id) {
    long itemId;
    try {
      itemId = Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw InvalidInputException.of("id", "must be an item id");
    }
    return feed.markRead(who.getName(), itemId)
        .map(FeedView.Item::of)
        .orElseThrow(() -> new NotFoundException("feed item"));
  }

  @Post("/read-all")
  @Secured(Roles.CUSTOMER)
  FeedView.Marked markAllRead(Authentication who) {
    int marked = feed.markAllRead(who.getName());
    return new FeedView.Marked(marked, feed.unread(who.getName()));
  }
}
