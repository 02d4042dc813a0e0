package io.kilowatch.delivery.feed;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** The in-app feed ({@code delivery.feed_item}). Every query is scoped to one customer. */
interface FeedMapper {
  String COLUMNS = "id, customer_id, notification_id, category, title, body, created_at, read_at";

  /** Adds an item; empty when the notification already has one (a redelivery). */
  @Select(
      "INSERT INTO delivery.feed_item (customer_id, notification_id, category, title, body,"
          + " created_at) VALUES (#{customerId}, #{notificationId}, #{category}, #{title}, #{body},"
          + " #{now}) ON CONFLICT (notification_id) DO NOTHING RETURNING "
          + COLUMNS)
  List<FeedItem> insert(
      @Param("customerId") String customerId,
      @Param("notificationId") String notificationId,
      @Param("category") String category,
      @Param("title") String title,
      @Param("body") String body,
      @Param("now") Instant now);

  @Select(
      "<script>SELECT "
          + COLUMNS
          + " FROM delivery.feed_item WHERE customer_id = #{customerId}"
          + "<if test='unreadOnly'> AND read_at IS NULL</if>"
          + "<if test='before != null'> AND id &lt; #{before}</if>"
          + " ORDER BY id DESC LIMIT #{limit}</script>")
  List<FeedItem> page(
      @Param("customerId") String customerId,
      @Param("unreadOnly") boolean unreadOnly,
      @Param("before") Long before,
      @Param("limit") int limit);

  @Select(
      "SELECT count(*) FROM delivery.feed_item WHERE customer_id = #{customerId}"
          + " AND read_at IS NULL")
  long unread(@Param("customerId") String customerId);

  /**
   * Marks the customer's own item read (once: the first reading time stays); empty if not theirs.
   */
  @Select(
      "UPDATE delivery.feed_item SET read_at = COALESCE(read_at, #{now}) WHERE id = #{id}"
          + " AND customer_id = #{customerId} RETURNING "
          + COLUMNS)
  List<FeedItem> markRead(
      @Param("customerId") String customerId, @Param("id") long id, @Param("now") Instant now);

  @Update(
      "UPDATE delivery.feed_item SET read_at = #{now} WHERE customer_id = #{customerId}"
          + " AND read_at IS NULL")
  int markAllRead(@Param("customerId") String customerId, @Param("now") Instant now);

  @Select(
      "SELECT "
          + COLUMNS
          + " FROM delivery.feed_item WHERE customer_id = #{customerId} ORDER BY id")
  List<FeedItem> all(@Param("customerId") String customerId);

  @Delete("DELETE FROM delivery.feed_item WHERE customer_id = #{customerId}")
  int erase(@Param("customerId") String customerId);
}
