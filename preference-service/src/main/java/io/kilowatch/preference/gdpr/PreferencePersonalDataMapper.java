package io.kilowatch.preference.gdpr;

import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** Preference's SQL for data-subject requests: everything it keeps about one customer. */
interface PreferencePersonalDataMapper {
  @Select(
      "SELECT channel, address FROM preference.contact_point WHERE customer_id = #{customerId}"
          + " ORDER BY created_at, id")
  List<ContactAddressRow> addresses(@Param("customerId") String customerId);

  @Select(
      "SELECT to_jsonb(c)::text FROM preference.contact_point c"
          + " WHERE c.customer_id = #{customerId} ORDER BY c.created_at, c.id")
  List<String> contactPoints(@Param("customerId") String customerId);

  /** Pending verifications: when issued and expiring, attempts (the code's hash is left out). */
  @Select(
      "SELECT json_build_object('contact_point_id', v.contact_point_id, 'issued_at', v.issued_at,"
          + " 'expires_at', v.expires_at, 'attempts', v.attempts)::text"
          + " FROM preference.verification_code v JOIN preference.contact_point c"
          + " ON c.id = v.contact_point_id WHERE c.customer_id = #{customerId}")
  List<String> verifications(@Param("customerId") String customerId);

  @Select(
      "SELECT to_jsonb(p)::text FROM preference.customer_preferences p"
          + " WHERE p.customer_id = #{customerId}")
  List<String> preferences(@Param("customerId") String customerId);

  @Select(
      "SELECT to_jsonb(s)::text FROM preference.send_log s WHERE s.customer_id = #{customerId}"
          + " ORDER BY s.sent_at, s.id")
  List<String> sendLog(@Param("customerId") String customerId);

  /** Audit entries about the person; staff identities withheld (Art. 15(4)). */
  @Select(
      "SELECT json_build_object('at', a.at, 'actor_roles', a.actor_roles, 'action', a.action,"
          + " 'target', a.target, 'before', a.before, 'after', a.after, 'summary', a.summary,"
          + " 'reason', a.reason, 'by_the_person', a.actor = a.customer_id)::text"
          + " FROM preference.audit_log a WHERE a.customer_id = #{customerId} ORDER BY a.id")
  List<String> audit(@Param("customerId") String customerId);

  @Delete(
      "DELETE FROM preference.verification_code WHERE contact_point_id IN"
          + " (SELECT id FROM preference.contact_point WHERE customer_id = #{customerId})")
  int deleteVerifications(@Param("customerId") String customerId);

  @Delete("DELETE FROM preference.contact_point WHERE customer_id = #{customerId}")
  int deleteContactPoints(@Param("customerId") String customerId);

  @Delete("DELETE FROM preference.customer_preferences WHERE customer_id = #{customerId}")
  int deletePreferences(@Param("customerId") String customerId);

  @Delete("DELETE FROM preference.send_log WHERE customer_id = #{customerId}")
  int deleteSendLog(@Param("customerId") String customerId);

  /** Declares this transaction an erasure, which the audit log's trigger lets anonymise. */
  @Select("SELECT set_config('kilowatch.preference_erasure', 'on', true)")
  String declareErasure();

  /**
   * Anonymises the audit entries about the person: who (staff) did what and when stays, the person,
   * the addresses and the before/after values go.
   */
  @Update(
      "UPDATE preference.audit_log SET customer_id = 'erased',"
          + " actor = CASE WHEN actor = customer_id THEN 'data-subject' ELSE actor END,"
          + " target = NULL, before = NULL, after = NULL, summary = 'erased', reason = NULL"
          + " WHERE customer_id = #{customerId}")
  int anonymiseAudit(@Param("customerId") String customerId);

  /** One contact point's channel and address. */
  record ContactAddressRow(String channel, String address) {}
}
