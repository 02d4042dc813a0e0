package io.kilowatch.delivery.digest;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/**
 * Digest windows and their items ({@code delivery.digest_window}, {@code delivery.digest_item}).
 */
interface DigestMapper {
  @Insert(
      "INSERT INTO delivery.digest_window (customer_id, category, closes_at, opened_at)"
          + " VALUES (#{customerId}, #{category}, #{closesAt}, #{now}) ON CONFLICT DO NOTHING")
  int openWindow(
      @Param("customerId") String customerId,
      @Param("category") String category,
      @Param("closesAt") Instant closesAt,
      @Param("now") Instant now);

  /**
   * Whether the window is closed, holding it (FOR SHARE) so the closer cannot take it meanwhile.
   */
  @Select(
      "SELECT closed_at IS NOT NULL FROM delivery.digest_window WHERE customer_id = #{customerId}"
          + " AND category = #{category} AND closes_at = #{closesAt} FOR SHARE")
  List<Boolean> holdWindow(
      @Param("customerId") String customerId,
      @Param("category") String category,
      @Param("closesAt") Instant closesAt);

  @Insert(
      "INSERT INTO delivery.digest_item (notification_id, customer_id, category, closes_at,"
          + " template_key, title, body, requested_at, created_at) VALUES (#{i.notificationId},"
          + " #{i.customerId}, #{i.category}, #{i.closesAt}, #{i.templateKey}, #{i.title},"
          + " #{i.body}, #{i.requestedAt}, #{i.createdAt}) ON CONFLICT (notification_id) DO NOTHING")
  int insertItem(@Param("i") ItemRow item);

  /** Due windows not yet closed, locked for this transaction; windows others hold are skipped. */
  @Select(
      "SELECT customer_id, category, closes_at FROM delivery.digest_window WHERE closed_at IS NULL"
          + " AND closes_at <= #{now} ORDER BY closes_at LIMIT #{limit} FOR UPDATE SKIP LOCKED")
  List<WindowRow> dueWindows(@Param("now") Instant now, @Param("limit") int limit);

  @Select(
      "SELECT notification_id, customer_id, category, closes_at, template_key, title, body,"
          + " requested_at, created_at FROM delivery.digest_item WHERE customer_id = #{customerId}"
          + " AND category = #{category} AND closes_at = #{closesAt}"
          + " ORDER BY requested_at, notification_id")
  List<ItemRow> items(
      @Param("customerId") String customerId,
      @Param("category") String category,
      @Param("closesAt") Instant closesAt);

  @Update(
      "UPDATE delivery.digest_window SET closed_at = #{now} WHERE customer_id = #{customerId}"
          + " AND category = #{category} AND closes_at = #{closesAt}")
  int closeWindow(
      @Param("customerId") String customerId,
      @Param("category") String category,
      @Param("closesAt") Instant closesAt,
      @Param("now") Instant now);

  @Delete(
      "DELETE FROM delivery.digest_item WHERE customer_id = #{customerId}"
          + " AND category = #{category} AND closes_at = #{closesAt}")
  int deleteItems(
      @Param("customerId") String customerId,
      @Param("category") String category,
      @Param("closesAt") Instant closesAt);

  /** Forgets closed windows (tombstones) closed before {@code before}. */
  @Delete("DELETE FROM delivery.digest_window WHERE closed_at < #{before}")
  int purgeClosed(@Param("before") Instant before);

  /** Items waiting for a customer (data-subject export and erasure). */
  @Select(
      "SELECT notification_id, customer_id, category, closes_at, template_key, title, body,"
          + " requested_at, created_at FROM delivery.digest_item WHERE customer_id = #{customerId}"
          + " ORDER BY requested_at")
  List<ItemRow> itemsOf(@Param("customerId") String customerId);

  @Delete("DELETE FROM delivery.digest_window WHERE customer_id = #{customerId}")
  int eraseWindows(@Param("customerId") String customerId);

  /** Column order matches the constructor: MyBatis maps by position. */
  record WindowRow(String customerId, String category, Instant closesAt) {}

  /** Column order matches the constructor: MyBatis maps by position. */
  record ItemRow(
      String notificationId,
      String customerId,
      String category,
      Instant closesAt,
      String templateKey,
      String title,
      String body,
      Instant requestedAt,
      Instant createdAt) {}
}
