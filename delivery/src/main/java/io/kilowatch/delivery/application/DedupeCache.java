package io.kilowatch.delivery.application;

/**
 * The fast, cluster-wide front of dedupe: answers "has anyone already taken this key?" without a
 * database round trip. The durable claim in {@link NotificationStore#claimDispatch} stays the
 * authority; the cache keeps a key after a database rollback, so a redelivery cannot send twice.
 */
public interface DedupeCache {
  /** True if this call took the key; false if another notification holds it. */
  boolean claim(String dedupeKey, String notificationId);

  /** Gives the key back if this notification holds it (after no provider accepted it). */
  void release(String dedupeKey, String notificationId);
}
