package io.kilowatch.consent.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes the export archive: {@code <module>.json} per module, {@code manifest.json} (the files
 * with their SHA-256 and record counts) and {@code summary.txt} for a human. Not thread-safe: one
 * per export.
 */
final class ExportArchive {
  static final String FORMAT = "kilowatch-export/v1";

  private final ObjectMapper json;
  private final String customerId;
  private final Instant generatedAt;
  private final Map<String, Set<String>> identifiers;
  private final Map<String, byte[]> files = new LinkedHashMap<>();
  private final List<Map<String, Object>> manifest = new ArrayList<>();
  private final StringBuilder contents = new StringBuilder();

  ExportArchive(
      ObjectMapper json,
      String customerId,
      Instant generatedAt,
      Map<String, Set<String>> identifiers) {
    this.json =
        json.copy()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    this.customerId = customerId;
    this.generatedAt = generatedAt;
    this.identifiers = identifiers;
  }

  /** Adds one module's datasets as {@code <module>.json}. */
  void module(String module, Map<String, Object> datasets) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("format", FORMAT);
    document.put("module", module);
    document.put("customerId", customerId);
    document.put("exportedAt", generatedAt.toString());
    document.put("datasets", datasets);
    byte[] bytes;
    try {
      bytes = json.writeValueAsBytes(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "module " + module + " exported data that is not JSON-serialisable", e);
    }
    String name = module + ".json";
    files.put(name, bytes);
    Map<String, Long> counts = new LinkedHashMap<>();
    datasets.forEach((dataset, value) -> counts.put(dataset, records(value)));
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("file", name);
    entry.put("module", module);
    entry.put("sha256", sha256(bytes));
    entry.put("bytes", bytes.length);
    entry.put("records", counts);
    manifest.add(entry);
    contents.append(String.format("  %-22s %s\n", name, describe(counts)));
  }

  /** The finished archive. */
  byte[] zip() {
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("format", FORMAT);
    index.put("customerId", customerId);
    index.put("generatedAt", generatedAt.toString());
    index.put("identifiers", identifiers);
    index.put("files", manifest);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
      put(zip, "summary.txt", summary().getBytes(StandardCharsets.UTF_8));
      put(zip, "manifest.json", json.writeValueAsBytes(index));
      for (var file : files.entrySet()) {
        put(zip, file.getKey(), file.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private String summary() {
    StringBuilder s = new StringBuilder();
    s.append("Kilowatch: your personal data\n");
    s.append("=============================\n\n");
    s.append("Customer: ").append(customerId).append('\n');
    s.append("Generated: ").append(generatedAt).append(" (UTC)\n\n");
    s.append("This archive holds everything Kilowatch stores about you (GDPR Art. 15 and 20):\n");
    s.append("one JSON file per part of the system, in a form other software can read.\n");
    s.append("Times are ISO-8601 in UTC.\n\n");
    s.append("Files:\n");
    s.append(contents);
    s.append(String.format("  %-22s %s\n", "manifest.json", "index of the files with SHA-256"));
    s.append(String.format("  %-22s %s\n\n", "summary.txt", "this text"));
    if (!identifiers.isEmpty()) {
      s.append("Identifiers we hold for you:\n");
      identifiers.forEach(
          (kind, values) ->
              s.append("  ")
                  .append(kind)
                  .append(": ")
                  .append(String.join(", ", values))
                  .append('\n'));
      s.append('\n');
    }
    s.append("Why we send you messages:\n");
    s.append(
        "  service alerts you set up (usage, cost, price) and bills: your contract with us;\n");
    s.append("  outage notices: our legitimate interest in keeping you informed;\n");
    s.append("  marketing and open/click tracking: only with your consent.\n");
    s.append("You can withdraw consent or object at any time; consent.json shows the history.\n");
    return s.toString();
  }

  private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    zip.putNextEntry(entry);
    zip.write(bytes);
    zip.closeEntry();
  }

  private static long records(Object value) {
    if (value instanceof Collection<?> c) {
      return c.size();
    }
    return value == null ? 0 : 1;
  }

  private static String describe(Map<String, Long> counts) {
    if (counts.isEmpty()) {
      return "no data";
    }
    List<String> parts = new ArrayList<>();
    counts.forEach((dataset, n) -> parts.add(dataset + " (" + n + ")"));
    return String.join(", ", parts);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
