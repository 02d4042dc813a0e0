package io.kilowatch.consent;

import java.util.Optional;

/**
 * One-click unsubscribe links (RFC 8058) for the messages delivery sends: {@code <base
 * URL>/api/v1/unsubscribe/<token>}, where the token names the customer, the purpose of the
 * message's category, the channel and the address, and is signed (HMAC-SHA256) with {@code
 * kilowatch.unsubscribe.secret}. Following it withdraws consent for that purpose on that channel
 * (evidence: source {@code email-unsubscribe}, the address, the time). Thread-safe.
 */
public interface UnsubscribeLinks {
  /**
   * The link for a message of the category to the address, to put in {@code List-Unsubscribe} (with
   * {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click}).
   *
   * @param category a {@code NotificationCategory} wire name
   * @param channel a {@code Channel} wire name
   * @return empty when no public base URL is configured ({@code kilowatch.unsubscribe.base-url})
   * @throws IllegalArgumentException for an unknown category or channel, or a null argument
   */
  Optional<String> url(String customerId, String category, String channel, String address);
}
