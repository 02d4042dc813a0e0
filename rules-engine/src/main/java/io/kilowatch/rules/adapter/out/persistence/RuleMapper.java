package io.kilowatch.rules.adapter.out.persistence;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Arg;
import org.apache.ibatis.annotations.ConstructorArgs;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.ResultMap;
import org.apache.ibatis.annotations.Results;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

interface RuleMapper {
  String COLUMNS =
      "r.id::text AS id, r.customer_id, r.kind, r.meter_id, r.threshold_wh, r.percent, r.amount,"
          + " r.currency, r.region, r.tariff, r.price_timing, r.above_micros,"
          + " r.above_reset_micros, r.below_micros, r.below_reset_micros, r.channels, r.cooldown,"
          + " r.active, r.revision, r.created_at, r.updated_at";

  /** A transaction-scoped advisory lock on a text key; released at commit or rollback. */
  @Select("SELECT pg_advisory_xact_lock(hashtextextended(#{key}, 0))")
  @Options(flushCache = Options.FlushCachePolicy.TRUE, useCache = false)
  Object lock(@Param("key") String key);

  @Select("SELECT count(*) FROM rules.rule WHERE customer_id = #{customerId}")
  @Options(flushCache = Options.FlushCachePolicy.TRUE, useCache = false)
  int countByCustomer(@Param("customerId") String customerId);

  @Select(
      "SELECT "
          + COLUMNS
          + " FROM rules.rule r WHERE r.customer_id = #{customerId} ORDER BY r.created_at, r.id")
  @Options(flushCache = Options.FlushCachePolicy.TRUE, useCache = false)
  @Results(id = "ruleRow")
  @ConstructorArgs({
    @Arg(column = "id", javaType = String.class),
    @Arg(column = "customer_id", javaType = String.class),
    @Arg(column = "kind", javaType = String.class),
    @Arg(column = "meter_id", javaType = String.class),
    @Arg(column = "threshold_wh", javaType = Long.class),
    @Arg(column = "percent", javaType = Integer.class),
    @Arg(column = "amount", javaType = BigDecimal.class),
    @Arg(column = "currency", javaType = String.class),
    @Arg(column = "region", javaType = String.class),
    @Arg(column = "tariff", javaType = String.class),
    @Arg(column = "price_timing", javaType = String.class),
    @Arg(column = "above_micros", javaType = Long.class),
    @Arg(column = "above_reset_micros", javaType = Long.class),
    @Arg(column = "below_micros", javaType = Long.class),
    @Arg(column = "below_reset_micros", javaType = Long.class),
    @Arg(column = "channels", javaType = String.class),
    @Arg(column = "cooldown", javaType = String.class),
    @Arg(column = "active", javaType = boolean.class),
    @Arg(column = "revision", javaType = int.class),
    @Arg(column = "created_at", javaType = Instant.class),
    @Arg(column = "updated_at", javaType = Instant.class)
  })
  List<RuleRow> findByCustomer(@Param("customerId") String customerId);

  @Select(
      "SELECT "
          + COLUMNS
          + " FROM rules.rule r WHERE r.id = CAST(#{id} AS uuid) AND r.customer_id = #{customerId}")
  @Options(flushCache = Options.FlushCachePolicy.TRUE, useCache = false)
  @ResultMap("ruleRow")
  RuleRow find(@Param("customerId") String customerId, @Param("id") String id);

  /**
   * Active rules of a kind in a region (and tariff, '' for none) after {@code afterId}, in id
   * order: one page of a fan-out, by the partial index {@code rule_kind_region}.
   */
  @Select(
      "SELECT "
          + COLUMNS
          + " FROM rules.rule r WHERE r.kind = #{kind} AND r.region = #{region}"
          + " AND COALESCE(r.tariff, '') = #{tariff} AND r.active"
          + " AND r.id > CAST(#{afterId} AS uuid) ORDER BY r.id LIMIT #{limit}")
  @Options(flushCache = Options.FlushCachePolicy.TRUE, useCache = false)
  @ResultMap("ruleRow")
  List<RuleRow> pageByRegion(
      @Param("kind") String kind,
      @Param("region") String region,
      @Param("tariff") String tariff,
      @Param("afterId") String afterId,
      @Param("limit") int limit);

  /** Active rules of a kind that were notified (not held back) for a cause, in id order. */
  @Select(
      "SELECT "
          + COLUMNS
          + " FROM rules.rule_notification n JOIN rules.rule r ON r.id = n.rule_id"
          + " WHERE n.cause = #{cause} AND n.notification_id IS NOT NULL AND r.kind = #{kind}"
          + " AND r.active AND n.rule_id > CAST(#{afterId} AS uuid) ORDER BY n.rule_id"
          + " LIMIT #{limit}")
  @Options(flushCache = Options.FlushCachePolicy.TRUE, useCache = false)
  @ResultMap("ruleRow")
  List<RuleRow> pageNotifiedFor(
      @Param("cause") String cause,
      @Param("kind") String kind,
      @Param("afterId") String afterId,
      @Param("limit") int limit);

  @Insert(
      "INSERT INTO rules.rule (id, customer_id, kind, meter_id, threshold_wh, percent, amount,"
          + " currency, region, tariff, price_timing, above_micros, above_reset_micros,"
          + " below_micros, below_reset_micros, channels, cooldown, active, revision, created_at,"
          + " updated_at) VALUES (CAST(#{id} AS uuid), #{customerId}, #{kind}, #{meterId},"
          + " #{thresholdWh}, #{percent}, #{amount}, #{currency}, #{region}, #{tariff},"
          + " #{priceTiming}, #{aboveMicros}, #{aboveResetMicros}, #{belowMicros},"
          + " #{belowResetMicros}, #{channels}, #{cooldown}, #{active}, #{revision},"
          + " #{createdAt}, #{updatedAt})")
  void insert(RuleRow row);

  /** Stores the row's changeable columns; callers hold the customer's lock. */
  @Update(
      "UPDATE rules.rule SET threshold_wh = #{thresholdWh}, percent = #{percent},"
          + " amount = #{amount}, currency = #{currency}, above_micros = #{aboveMicros},"
          + " above_reset_micros = #{aboveResetMicros}, below_micros = #{belowMicros},"
          + " below_reset_micros = #{belowResetMicros}, channels = #{channels},"
          + " cooldown = #{cooldown}, active = #{active}, revision = #{revision},"
          + " updated_at = #{updatedAt}"
          + " WHERE id = CAST(#{id} AS uuid) AND customer_id = #{customerId}")
  int update(RuleRow row);

  @Delete("DELETE FROM rules.rule WHERE id = CAST(#{id} AS uuid) AND customer_id = #{customerId}")
  int delete(@Param("customerId") String customerId, @Param("id") String id);
}
