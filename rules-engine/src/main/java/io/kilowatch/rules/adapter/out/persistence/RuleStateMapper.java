package io.kilowatch.rules.adapter.out.persistence;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Arg;
import org.apache.ibatis.annotations.ConstructorArgs;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.ResultMap;
import org.apache.ibatis.annotations.Results;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/**
 * {@code rules.rule_state}. Rule ids go in as {@code String[]} and revisions as {@code Integer[]}
 * (MyBatis' array handler), cast to {@code uuid[]} and {@code integer[]}.
 */
interface RuleStateMapper {
  String IDS = "CAST(#{ids,typeHandler=org.apache.ibatis.type.ArrayTypeHandler} AS uuid[])";
  String CANDIDATES =
      "unnest("
          + IDS
          + ", CAST(#{revisions,typeHandler=org.apache.ibatis.type.ArrayTypeHandler}"
          + " AS integer[])) AS c(id, revision)";
  String FIRE_WHERE =
      " FROM rules.rule r, "
          + CANDIDATES
          + " WHERE r.id = c.id AND s.rule_id = c.id AND r.revision = c.revision AND r.active"
          + " AND r.kind = 'price-threshold'";
  String FIRED =
      " RETURNING s.rule_id::text AS rule_id, r.customer_id, r.cooldown, s.last_notified_at,"
          + " r.channels";

  @Insert(
      "INSERT INTO rules.rule_state (rule_id, updated_at) VALUES (CAST(#{ruleId} AS uuid),"
          + " #{now})")
  void insert(@Param("ruleId") String ruleId, @Param("now") Instant now);

  /** Both sides armed again: the rule's condition or state changed. */
  @Update(
      "UPDATE rules.rule_state SET above_fired = false, below_fired = false, updated_at = #{now}"
          + " WHERE rule_id = CAST(#{ruleId} AS uuid)")
  int rearmBoth(@Param("ruleId") String ruleId, @Param("now") Instant now);

  /**
   * Fires the above side of the candidates that are still active at the same revision and armed;
   * returns those it fired. The database decides, so a stale index or a concurrent instance can
   * never make a side fire twice.
   */
  @Select(
      "UPDATE rules.rule_state s SET above_fired = true, updated_at = #{now}"
          + FIRE_WHERE
          + " AND NOT s.above_fired"
          + FIRED)
  @Options(flushCache = Options.FlushCachePolicy.TRUE, useCache = false)
  @Results(id = "firedRow")
  @ConstructorArgs({
    @Arg(column = "rule_id", javaType = String.class),
    @Arg(column = "customer_id", javaType = String.class),
    @Arg(column = "cooldown", javaType = String.class),
    @Arg(column = "last_notified_at", javaType = Instant.class),
    @Arg(column = "channels", javaType = String.class)
  })
  List<FiredRow> fireAbove(
      @Param("ids") String[] ids,
      @Param("revisions") Integer[] revisions,
      @Param("now") Instant now);

  @Select(
      "UPDATE rules.rule_state s SET below_fired = true, updated_at = #{now}"
          + FIRE_WHERE
          + " AND NOT s.below_fired"
          + FIRED)
  @Options(flushCache = Options.FlushCachePolicy.TRUE, useCache = false)
  @ResultMap("firedRow")
  List<FiredRow> fireBelow(
      @Param("ids") String[] ids,
      @Param("revisions") Integer[] revisions,
      @Param("now") Instant now);

  @Select(
      "UPDATE rules.rule_state s SET above_fired = false, updated_at = #{now}"
          + FIRE_WHERE
          + " AND s.above_fired RETURNING s.rule_id::text")
  @Options(flushCache = Options.FlushCachePolicy.TRUE, useCache = false)
  List<String> rearmAbove(
      @Param("ids") String[] ids,
      @Param("revisions") Integer[] revisions,
      @Param("now") Instant now);

  @Select(
      "UPDATE rules.rule_state s SET below_fired = false, updated_at = #{now}"
          + FIRE_WHERE
          + " AND s.below_fired RETURNING s.rule_id::text")
  @Options(flushCache = Options.FlushCachePolicy.TRUE, useCache = false)
  List<String> rearmBelow(
      @Param("ids") String[] ids,
      @Param("revisions") Integer[] revisions,
      @Param("now") Instant now);

  /** Locks the rules' state rows (in id order, no deadlocks) and reads when each last notified. */
  @Select(
      "SELECT rule_id::text AS rule_id, last_notified_at FROM rules.rule_state"
          + " WHERE rule_id = ANY("
          + IDS
          + ") ORDER BY rule_id FOR UPDATE")
  @Options(flushCache = Options.FlushCachePolicy.TRUE, useCache = false)
  @ConstructorArgs({
    @Arg(column = "rule_id", javaType = String.class),
    @Arg(column = "last_notified_at", javaType = Instant.class)
  })
  List<LastNotifiedRow> lockLastNotified(@Param("ids") String[] ids);

  /** Records a notification; never moves the time back for a cause that came late. */
  @Update(
      "UPDATE rules.rule_state SET last_notified_at = GREATEST(COALESCE(last_notified_at, #{at}),"
          + " #{at}), updated_at = #{now} WHERE rule_id = ANY("
          + IDS
          + ")")
  int markNotified(@Param("ids") String[] ids, @Param("at") Instant at, @Param("now") Instant now);

  record FiredRow(
      String ruleId, String customerId, String cooldown, Instant lastNotifiedAt, String channels) {}

  record LastNotifiedRow(String ruleId, Instant lastNotifiedAt) {}
}
