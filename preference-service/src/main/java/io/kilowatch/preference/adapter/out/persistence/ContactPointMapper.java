package io.kilowatch.preference.adapter.out.persistence;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Arg;
import org.apache.ibatis.annotations.ConstructorArgs;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

interface ContactPointMapper {
  String COLUMNS =
      "id::text AS id, customer_id, channel, address, verified, created_at, platform, verified_at";

  @Insert(
      "INSERT INTO preference.contact_point (id, customer_id, channel, address, verified,"
          + " created_at, platform, verified_at) VALUES (CAST(#{id} AS uuid), #{customerId},"
          + " #{channel}, #{address}, #{verified}, #{createdAt}, #{platform}, #{verifiedAt})")
  void insert(ContactPointRow row);

  // md5(address) lets the lookup use the unique index (see V2); the address itself decides
  @Select(
      "SELECT "
          + COLUMNS
          + " FROM preference.contact_point WHERE customer_id = #{customerId}"
          + " AND channel = #{channel} AND md5(address) = md5(#{address}) AND address = #{address}")
  @ConstructorArgs({
    @Arg(column = "id", javaType = String.class),
    @Arg(column = "customer_id", javaType = String.class),
    @Arg(column = "channel", javaType = String.class),
    @Arg(column = "address", javaType = String.class),
    @Arg(column = "verified", javaType = boolean.class),
    @Arg(column = "created_at", javaType = Instant.class),
    @Arg(column = "platform", javaType = String.class),
    @Arg(column = "verified_at", javaType = Instant.class)
  })
  ContactPointRow find(
      @Param("customerId") String customerId,
      @Param("channel") String channel,
      @Param("address") String address);

  @Select(
      "SELECT "
          + COLUMNS
          + " FROM preference.contact_point WHERE customer_id = #{customerId}"
          + " AND id = CAST(#{id} AS uuid)")
  @ConstructorArgs({
    @Arg(column = "id", javaType = String.class),
    @Arg(column = "customer_id", javaType = String.class),
    @Arg(column = "channel", javaType = String.class),
    @Arg(column = "address", javaType = String.class),
    @Arg(column = "verified", javaType = boolean.class),
    @Arg(column = "created_at", javaType = Instant.class),
    @Arg(column = "platform", javaType = String.class),
    @Arg(column = "verified_at", javaType = Instant.class)
  })
  ContactPointRow findById(@Param("customerId") String customerId, @Param("id") String id);

  @Select(
      "SELECT "
          + COLUMNS
          + " FROM preference.contact_point WHERE customer_id = #{customerId}"
          + " ORDER BY created_at, id")
  @ConstructorArgs({
    @Arg(column = "id", javaType = String.class),
    @Arg(column = "customer_id", javaType = String.class),
    @Arg(column = "channel", javaType = String.class),
    @Arg(column = "address", javaType = String.class),
    @Arg(column = "verified", javaType = boolean.class),
    @Arg(column = "created_at", javaType = Instant.class),
    @Arg(column = "platform", javaType = String.class),
    @Arg(column = "verified_at", javaType = Instant.class)
  })
  List<ContactPointRow> all(@Param("customerId") String customerId);

  @Select(
      "SELECT "
          + COLUMNS
          + " FROM preference.contact_point WHERE customer_id = #{customerId}"
          + " AND channel = #{channel} AND verified ORDER BY created_at, id")
  @ConstructorArgs({
    @Arg(column = "id", javaType = String.class),
    @Arg(column = "customer_id", javaType = String.class),
    @Arg(column = "channel", javaType = String.class),
    @Arg(column = "address", javaType = String.class),
    @Arg(column = "verified", javaType = boolean.class),
    @Arg(column = "created_at", javaType = Instant.class),
    @Arg(column = "platform", javaType = String.class),
    @Arg(column = "verified_at", javaType = Instant.class)
  })
  List<ContactPointRow> verified(
      @Param("customerId") String customerId, @Param("channel") String channel);

  @Select(
      "SELECT DISTINCT customer_id FROM preference.contact_point"
          + " WHERE channel = #{channel} AND address = #{address} AND verified")
  List<String> customersWithVerified(
      @Param("channel") String channel, @Param("address") String address);

  @Select("SELECT count(*) FROM preference.contact_point WHERE customer_id = #{customerId}")
  int count(@Param("customerId") String customerId);

  @Update(
      "UPDATE preference.contact_point SET verified = TRUE, verified_at = #{at}"
          + " WHERE id = CAST(#{id} AS uuid)")
  int markVerified(@Param("id") String id, @Param("at") Instant at);

  @Delete(
      "DELETE FROM preference.contact_point WHERE customer_id = #{customerId}"
          + " AND id = CAST(#{id} AS uuid)")
  int delete(@Param("customerId") String customerId, @Param("id") String id);

  /** A transaction-scoped advisory lock on a text key; released at commit or rollback. */
  @Select("SELECT pg_advisory_xact_lock(hashtextextended(#{key}, 0))")
  Object lock(@Param("key") String key);
}
