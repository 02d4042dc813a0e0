package io.kilowatch.delivery.statusout;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** The retailer's status webhook endpoints (schema {@code delivery}). */
interface StatusWebhookMapper {
  String COLUMNS = "id, url, key_id, secret, created_by, created_at, revoked_by, revoked_at";

  @Insert(
      "INSERT INTO delivery.status_webhook (id, url, key_id, secret, created_by, created_at)"
          + " VALUES (#{id}, #{url}, #{keyId}, #{secret}, #{by}, #{now})")
  void insert(
      @Param("id") String id,
      @Param("url") String url,
      @Param("keyId") String keyId,
      @Param("secret") String secret,
      @Param("by") String by,
      @Param("now") Instant now);

  @Select("SELECT " + COLUMNS + " FROM delivery.status_webhook ORDER BY created_at, id")
  List<Row> all();

  @Select(
      "SELECT "
          + COLUMNS
          + " FROM delivery.status_webhook WHERE revoked_at IS NULL ORDER BY created_at, id")
  List<Row> active();

  @Select("SELECT " + COLUMNS + " FROM delivery.status_webhook WHERE id = #{id}")
  List<Row> one(@Param("id") String id);

  @Update(
      "UPDATE delivery.status_webhook SET revoked_by = #{by}, revoked_at = #{now}"
          + " WHERE id = #{id} AND revoked_at IS NULL")
  int revoke(@Param("id") String id, @Param("by") String by, @Param("now") Instant now);

  /** A stored endpoint; {@code secret} never leaves this package except to sign. */
  record Row(
      String id,
      String url,
      String keyId,
      String secret,
      String createdBy,
      Instant createdAt,
      String revokedBy,
      Instant revokedAt) {}
}
