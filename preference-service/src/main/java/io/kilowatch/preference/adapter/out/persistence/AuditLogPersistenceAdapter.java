package io.kilowatch.preference.adapter.out.persistence;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kilowatch.preference.application.port.out.AuditLog;
import io.kilowatch.preference.domain.AuditEntry;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * The audit log in {@code preference.audit_log}; a trigger refuses updates, deletes and truncation.
 * Thread-safe.
 */
@Singleton
class AuditLogPersistenceAdapter implements AuditLog {
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private final AuditMapper mapper;
  private final ObjectMapper json;

  AuditLogPersistenceAdapter(AuditMapper mapper, ObjectMapper json) {
    this.mapper = mapper;
    // nulls carry meaning in these documents; the platform's mapper would leave them out
    this.json =
        json.copy()
            .setDefaultPropertyInclusion(
                JsonInclude.Value.construct(
                    JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS));
  }

  @Override
  public void append(AuditEntry e) {
    mapper.insert(
        new AuditRow(
            null,
            e.at(),
            e.actor(),
            e.actorRoles(),
            e.customerId(),
            e.action(),
            e.target(),
            write(e.before()),
            write(e.after()),
            e.summary(),
            e.reason()));
  }

  @Override
  public List<AuditEntry> list(String customerId, Long beforeId, int limit) {
    return mapper.list(customerId, beforeId, limit).stream()
        .map(
            r ->
                new AuditEntry(
                    r.id(),
                    r.at(),
                    r.actor(),
                    r.actorRoles(),
                    r.customerId(),
                    r.action(),
                    r.target(),
                    read(r.before()),
                    read(r.after()),
                    r.summary(),
                    r.reason()))
        .toList();
  }

  private String write(Map<String, Object> value) {
    if (value == null) {
      return null;
    }
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("audit data cannot be written as JSON", e);
    }
  }

  private Map<String, Object> read(String text) {
    if (text == null) {
      return null;
    }
    try {
      return json.readValue(text, OBJECT);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored audit data is not JSON", e);
    }
  }
}
