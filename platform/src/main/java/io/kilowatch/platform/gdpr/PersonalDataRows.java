package io.kilowatch.platform.gdpr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Helpers for contributors that export rows as PostgreSQL renders them ({@code SELECT to_jsonb(t)
 * ::text FROM schema.table t WHERE ...}): every column by its own name, without a row class per
 * table, so a column added later is exported without a code change.
 */
public final class PersonalDataRows {
  private PersonalDataRows() {}

  /** Parses rows of JSON text into JSON trees, in order. */
  public static List<JsonNode> parse(ObjectMapper json, List<String> rows) {
    List<JsonNode> out = new ArrayList<>(rows.size());
    for (String row : rows) {
      try {
        out.add(json.readTree(row));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("PostgreSQL returned a row that is not JSON", e);
      }
    }
    return out;
  }
}
