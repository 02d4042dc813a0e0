package io.kilowatch.preference.gdpr;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kilowatch.platform.gdpr.DataSubject;
import io.kilowatch.platform.gdpr.PersonalDataContributor;
import io.kilowatch.platform.gdpr.PersonalDataRows;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Preference-service's part of data-subject requests: contact points (phone numbers, email
 * addresses, push tokens, webhook URLs, which it reports as identifiers), pending verifications,
 * preferences (channels per category, quiet hours, caps, locale), the send log behind the caps and
 * the audit entries about the person. Erasure deletes all of it except the audit entries, which are
 * anonymised: the staff member's action and time stay for accountability, the person, addresses and
 * values go.
 */
@Singleton
public class PreferencePersonalData implements PersonalDataContributor {
  private final PreferencePersonalDataMapper mapper;
  private final ObjectMapper json;

  PreferencePersonalData(PreferencePersonalDataMapper mapper, ObjectMapper json) {
    this.mapper = mapper;
    this.json = json;
  }

  @Override
  public String module() {
    return "preference";
  }

  @Override
  @Transactional
  public Map<String, Set<String>> identifiers(String customerId) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    for (PreferencePersonalDataMapper.ContactAddressRow row : mapper.addresses(customerId)) {
      String kind = kind(row.channel());
      out.computeIfAbsent(kind, k -> new LinkedHashSet<>()).add(row.address());
    }
    return out;
  }

  @Override
  @Transactional
  public Map<String, Object> export(DataSubject subject) {
    String id = subject.customerId();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("contact_points", PersonalDataRows.parse(json, mapper.contactPoints(id)));
    out.put("pending_verifications", PersonalDataRows.parse(json, mapper.verifications(id)));
    out.put("preferences", PersonalDataRows.parse(json, mapper.preferences(id)));
    out.put("send_log", PersonalDataRows.parse(json, mapper.sendLog(id)));
    out.put("audit_entries", PersonalDataRows.parse(json, mapper.audit(id)));
    return out;
  }

  @Override
  @Transactional
  public Map<String, Long> erase(DataSubject subject) {
    String id = subject.customerId();
    Map<String, Long> out = new LinkedHashMap<>();
    out.put("pending_verifications", (long) mapper.deleteVerifications(id));
    out.put("contact_points", (long) mapper.deleteContactPoints(id));
    out.put("preferences", (long) mapper.deletePreferences(id));
    out.put("send_log", (long) mapper.deleteSendLog(id));
    mapper.declareErasure();
    out.put("audit_entries_anonymised", (long) mapper.anonymiseAudit(id));
    return out;
  }

  static String kind(String channel) {
    switch (channel.toUpperCase(Locale.ROOT)) {
      case "SMS":
        return DataSubject.PHONE;
      case "EMAIL":
        return DataSubject.EMAIL;
      case "PUSH":
        return DataSubject.PUSH_TOKEN;
      case "WEBHOOK":
        return DataSubject.WEBHOOK_URL;
      default:
        return channel.toLowerCase(Locale.ROOT);
    }
  }
}
