package io.kilowatch.delivery.feed;

import java.time.Instant;

/**
 * One entry of a customer's in-app feed: a notification sent to them, rendered for reading.
 *
 * @param id the item's id in the feed (newer items have larger ids)
 * @param customerId whose feed
 * @param notificationId the notification it shows
 * @param category the notification's category
 * @param title one line
 * @param body the text
 * @param createdAt when it was added
 * @param readAt when the customer marked it read; null while unread
 */
public record FeedItem(
    long id,
    String customerId,
    String notificationId,
    String category,
    String title,
    String body,
    Instant createdAt,
    Instant readAt) {}
