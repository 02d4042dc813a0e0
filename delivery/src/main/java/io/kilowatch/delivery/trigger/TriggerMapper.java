package io.kilowatch.delivery.trigger;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** API keys and idempotency records of the trigger API (schema {@code delivery}). */
interface TriggerMapper {
  String KEY_COLUMNS =
      "id, name, prefix, categories, created_by, created_at, revoked_by, revoked_at";

  @Insert(
      "INSERT INTO delivery.api_key (id, name, prefix, key_hash, categories, created_by,"
          + " created_at) VALUES (#{id}, #{name}, #{prefix}, #{hash}, #{categories}, #{by},"
          + " #{now})")
  void insertKey(
      @Param("id") String id,
      @Param("name") String name,
      @Param("prefix") String prefix,
      @Param("hash") byte[] hash,
      @Param("categories") String categories,
      @Param("by") String by,
      @Param("now") Instant now);

  @Select("SELECT " + KEY_COLUMNS + " FROM delivery.api_key ORDER BY created_at, id")
  List<KeyRow> keys();

  @Select("SELECT " + KEY_COLUMNS + " FROM delivery.api_key WHERE id = #{id}")
  List<KeyRow> key(@Param("id") String id);

  @Select(
      "SELECT "
          + KEY_COLUMNS
          + " FROM delivery.api_key WHERE key_hash = #{hash} AND revoked_at IS NULL")
  List<KeyRow> activeKeyByHash(@Param("hash") byte[] hash);

  @Update(
      "UPDATE delivery.api_key SET revoked_by = #{by}, revoked_at = #{now}"
          + " WHERE id = #{id} AND revoked_at IS NULL")
  int revoke(@Param("id") String id, @Param("by") String by, @Param("now") Instant now);

  /**
   * Claims an idempotency key for a request: inserts, or takes over a record that has expired. A
   * concurrent request with the same key waits here until the first one's transaction ends.
   *
   * @return 1 if this request owns the key now, 0 if a live record exists
   */
  @Insert(
      "INSERT INTO delivery.trigger_idempotency (api_key_id, idempotency_key, request_hash,"
          + " response_status, response_body, created_at, expires_at) VALUES (#{apiKeyId},"
          + " #{key}, #{hash}, #{status}, #{body}, #{now}, #{expiresAt})"
          + " ON CONFLICT (api_key_id, idempotency_key) DO UPDATE SET"
          + " request_hash = EXCLUDED.request_hash, response_status = EXCLUDED.response_status,"
          + " response_body = EXCLUDED.response_body, created_at = EXCLUDED.created_at,"
          + " expires_at = EXCLUDED.expires_at"
          + " WHERE delivery.trigger_idempotency.expires_at <= #{now}")
  int claimIdempotencyKey(
      @Param("apiKeyId") String apiKeyId,
      @Param("key") String key,
      @Param("hash") byte[] hash,
      @Param("status") int status,
      @Param("body") String body,
      @Param("now") Instant now,
      @Param("expiresAt") Instant expiresAt);

  @Select(
      "SELECT request_hash, response_status, response_body, created_at, expires_at"
          + " FROM delivery.trigger_idempotency"
          + " WHERE api_key_id = #{apiKeyId} AND idempotency_key = #{key}")
  List<IdempotencyRow> idempotencyRecord(
      @Param("apiKeyId") String apiKeyId, @Param("key") String key);

  @org.apache.ibatis.annotations.Delete(
      "DELETE FROM delivery.trigger_idempotency WHERE expires_at <= #{now}")
  int purgeExpired(@Param("now") Instant now);

  /** A key as stored (never its hash). */
  record KeyRow(
      String id,
      String name,
      String prefix,
      String categories,
      String createdBy,
      Instant createdAt,
      String revokedBy,
      Instant revokedAt) {}

  /** A stored answer to an idempotent request. */
  record IdempotencyRow(
      byte[] requestHash,
      Integer responseStatus,
      String responseBody,
      Instant createdAt,
      Instant expiresAt) {}
}
