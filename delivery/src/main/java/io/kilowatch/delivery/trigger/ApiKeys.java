package io.kilowatch.delivery.trigger;

import io.kilowatch.events.notification.NotificationCategory;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * API keys of the retailer's other systems: created by an admin (the key is returned once), kept
 * only as a SHA-256 hash, scoped to notification categories, revocable. Thread-safe.
 *
 * <p>A key is {@code kw_live_} followed by 43 base64url characters of 32 random bytes (256 bits). A
 * fast hash is enough for such a key: nobody can search 2^256 candidates, and it lets every call
 * find its key by an indexed hash lookup. (Slow hashes such as bcrypt protect low-entropy
 * passwords; they would add ~100 ms to every trigger call here and no security.)
 */
@Singleton
public class ApiKeys {
  /** What every key starts with, so secret scanners and people recognise it. */
  public static final String KEY_PREFIX = "kw_live_";

  /** Characters of the key shown as its prefix in lists. */
  static final int SHOWN_PREFIX_LENGTH = KEY_PREFIX.length() + 6;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final TriggerMapper mapper;
  private final Clock clock;

  ApiKeys(TriggerMapper mapper, Clock clock) {
    this.mapper = mapper;
    this.clock = clock;
  }

  /** A new key: its metadata and the key itself, which is not kept and cannot be shown again. */
  public record CreatedKey(ApiKey apiKey, String key) {}

  @Transactional
  public CreatedKey create(String name, Set<NotificationCategory> categories, String createdBy) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String key = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    String id = UUID.randomUUID().toString();
    String prefix = key.substring(0, SHOWN_PREFIX_LENGTH);
    mapper.insertKey(id, name, prefix, hash(key), wire(categories), createdBy, clock.instant());
    return new CreatedKey(find(id).orElseThrow(), key);
  }

  @Transactional
  public List<ApiKey> list() {
    return mapper.keys().stream().map(ApiKeys::toKey).toList();
  }

  @Transactional
  public Optional<ApiKey> find(String id) {
    return mapper.key(id).stream().findFirst().map(ApiKeys::toKey);
  }

  /**
   * Revokes a key at once: its next call answers 401.
   *
   * @return the key, or empty if there is none with this id
   */
  @Transactional
  public Optional<ApiKey> revoke(String id, String revokedBy) {
    mapper.revoke(id, revokedBy, clock.instant());
    return find(id);
  }

  /** The active key this presented key is, or empty (unknown, revoked, malformed). */
  @Transactional(readOnly = true)
  public Optional<ApiKey> authenticate(String presented) {
    if (presented == null
        || !presented.startsWith(KEY_PREFIX)
        || presented.length() > 200
        || !presented.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      return Optional.empty();
    }
    return mapper.activeKeyByHash(hash(presented)).stream().findFirst().map(ApiKeys::toKey);
  }

  static byte[] hash(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static String wire(Set<NotificationCategory> categories) {
    return categories.stream()
        .sorted()
        .map(NotificationCategory::wireName)
        .collect(Collectors.joining(","));
  }

  private static ApiKey toKey(TriggerMapper.KeyRow row) {
    Set<NotificationCategory> categories = EnumSet.noneOf(NotificationCategory.class);
    Arrays.stream(row.categories().split(","))
        .map(NotificationCategory::fromWire)
        .forEach(categories::add);
    return new ApiKey(
        row.id(),
        row.name(),
        row.prefix(),
        java.util.Collections.unmodifiableSet(categories),
        row.createdBy(),
        row.createdAt(),
        row.revokedBy(),
        row.revokedAt());
  }
}
