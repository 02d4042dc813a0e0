package io.kilowatch.rules.gdpr;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/**
 * The rules engine's SQL for data-subject requests: one customer's rules with their state and
 * history, the ownership projection, the billing-period projection and the daily totals of their
 * meters.
 */
interface RulesPersonalDataMapper {
  @Select(
      "SELECT meter_id FROM rules.meter_owner WHERE customer_id = #{customerId}"
          + " UNION SELECT meter_id FROM rules.rule WHERE customer_id = #{customerId}"
          + " AND meter_id IS NOT NULL")
  List<String> meters(@Param("customerId") String customerId);

  @Select(
      "SELECT to_jsonb(r)::text FROM rules.rule r WHERE r.customer_id = #{customerId}"
          + " ORDER BY r.created_at, r.id")
  List<String> rules(@Param("customerId") String customerId);

  @Select(
      "SELECT to_jsonb(s)::text FROM rules.rule_state s JOIN rules.rule r ON r.id = s.rule_id"
          + " WHERE r.customer_id = #{customerId}")
  List<String> ruleStates(@Param("customerId") String customerId);

  @Select(
      "SELECT to_jsonb(f)::text FROM rules.rule_firing f JOIN rules.rule r ON r.id = f.rule_id"
          + " WHERE r.customer_id = #{customerId} ORDER BY f.fired_at")
  List<String> firings(@Param("customerId") String customerId);

  @Select(
      "SELECT to_jsonb(n)::text FROM rules.rule_notification n JOIN rules.rule r"
          + " ON r.id = n.rule_id WHERE r.customer_id = #{customerId} ORDER BY n.caused_at")
  List<String> notifications(@Param("customerId") String customerId);

  @Select("SELECT to_jsonb(o)::text FROM rules.meter_owner o WHERE o.customer_id = #{customerId}")
  List<String> meterOwners(@Param("customerId") String customerId);

  @Select(
      "SELECT to_jsonb(b)::text FROM rules.billing_period b WHERE b.customer_id = #{customerId}")
  List<String> billingPeriods(@Param("customerId") String customerId);

  @Select(
      "SELECT to_jsonb(d)::text FROM rules.meter_day_usage d WHERE d.meter_id = #{meterId}"
          + " AND d.day_end > #{from} AND d.day_start < #{to} ORDER BY d.day_start")
  List<String> meterDays(
      @Param("meterId") String meterId, @Param("from") Instant from, @Param("to") Instant to);

  /** The price feeds ('region|tariff|timing') of the customer's price rules. */
  @Select(
      "SELECT DISTINCT region || '|' || COALESCE(tariff, '') || '|' || price_timing"
          + " FROM rules.rule WHERE customer_id = #{customerId} AND kind = 'price-threshold'")
  List<String> priceFeeds(@Param("customerId") String customerId);

  /** Counts a change to a feed so every instance's in-memory price index reloads it. */
  @Select(
      "INSERT INTO rules.price_feed (feed_key, version, updated_at) VALUES (#{feedKey}, 1,"
          + " #{now}) ON CONFLICT (feed_key) DO UPDATE SET version = rules.price_feed.version + 1,"
          + " updated_at = EXCLUDED.updated_at RETURNING version")
  long bumpFeed(@Param("feedKey") String feedKey, @Param("now") Instant now);

  @Delete(
      "DELETE FROM rules.rule_notification WHERE rule_id IN"
          + " (SELECT id FROM rules.rule WHERE customer_id = #{customerId})")
  int deleteNotifications(@Param("customerId") String customerId);

  @Delete(
      "DELETE FROM rules.rule_firing WHERE rule_id IN"
          + " (SELECT id FROM rules.rule WHERE customer_id = #{customerId})")
  int deleteFirings(@Param("customerId") String customerId);

  @Delete(
      "DELETE FROM rules.rule_state WHERE rule_id IN"
          + " (SELECT id FROM rules.rule WHERE customer_id = #{customerId})")
  int deleteStates(@Param("customerId") String customerId);

  @Delete("DELETE FROM rules.rule WHERE customer_id = #{customerId}")
  int deleteRules(@Param("customerId") String customerId);

  @Delete("DELETE FROM rules.meter_owner WHERE customer_id = #{customerId}")
  int deleteMeterOwners(@Param("customerId") String customerId);

  @Delete("DELETE FROM rules.billing_period WHERE customer_id = #{customerId}")
  int deleteBillingPeriods(@Param("customerId") String customerId);

  @Delete(
      "DELETE FROM rules.meter_day_usage WHERE meter_id = #{meterId}"
          + " AND day_end > #{from} AND day_start < #{to}")
  int deleteMeterDays(
      @Param("meterId") String meterId, @Param("from") Instant from, @Param("to") Instant to);

  /** Staff access entries about the person; staff identities withheld (Art. 15(4)). */
  @Select(
      "SELECT json_build_object('at', a.at, 'actor_roles', a.actor_roles, 'action', a.action,"
          + " 'summary', a.summary, 'reason', a.reason)::text"
          + " FROM rules.audit_log a WHERE a.customer_id = #{customerId} ORDER BY a.id")
  List<String> audit(@Param("customerId") String customerId);

  /** Declares this transaction an erasure, which the audit log's trigger lets anonymise. */
  @Select("SELECT set_config('kilowatch.rules_erasure', 'on', true)")
  String declareErasure();

  /** Anonymises the audit entries about the person: which staff member acted and when stays. */
  @org.apache.ibatis.annotations.Update(
      "UPDATE rules.audit_log SET customer_id = 'erased', summary = 'erased', reason = NULL"
          + " WHERE customer_id = #{customerId}")
  int anonymiseAudit(@Param("customerId") String customerId);
}
