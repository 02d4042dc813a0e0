package io.kilowatch.consent.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What one erasure did, kept as proof without personal data: the person only as their keyed subject
 * hash, per module and dataset how many rows were deleted or anonymised, who ran it and why (with
 * the person's identifiers redacted), when it started and finished, and the SHA-256 of all that in
 * its {@linkplain #canonicalText canonical text}, so that anyone can check the receipt was not
 * altered. Immutable.
 *
 * @param counts module → dataset → rows erased, as the modules answered
 * @param contentHash lower-case hex SHA-256 of {@link #canonicalText}
 */
public record ErasureReceipt(
    UUID id,
    String subjectHash,
    String actor,
    String actorRole,
    String reason,
    Map<String, Map<String, Long>> counts,
    Instant startedAt,
    Instant finishedAt,
    String contentHash) {
  /** First line of the canonical text; a new layout gets a new version. */
  public static final String FORMAT = "kilowatch-erasure-receipt/v1";

  public ErasureReceipt {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(subjectHash, "subjectHash");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(actorRole, "actorRole");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(contentHash, "contentHash");
    counts = sortedCopy(counts);
  }

  /** A receipt whose hash is computed from its content. */
  public static ErasureReceipt issue(
      UUID id,
      String subjectHash,
      String actor,
      String actorRole,
      String reason,
      Map<String, Map<String, Long>> counts,
      Instant startedAt,
      Instant finishedAt) {
    String text =
        canonicalText(id, subjectHash, actor, actorRole, reason, counts, startedAt, finishedAt);
    return new ErasureReceipt(
        id, subjectHash, actor, actorRole, reason, counts, startedAt, finishedAt, sha256(text));
  }

  /** The text the hash is taken of (UTF-8). */
  public String canonicalText() {
    return canonicalText(id, subjectHash, actor, actorRole, reason, counts, startedAt, finishedAt);
  }

  /** True when the stored hash matches the content. */
  public boolean isIntact() {
    return sha256(canonicalText()).equals(contentHash);
  }

  /** Rows erased over all modules and datasets. */
  public long total() {
    return counts.values().stream()
        .flatMap(m -> m.values().stream())
        .mapToLong(Long::longValue)
        .sum();
  }

  /**
   * One {@code key=value} line per field, in a fixed order, then one {@code
   * count=<module>/<dataset>=<n>} line per dataset sorted by module and dataset; every line ends
   * with {@code \n}. Instants are ISO-8601 UTC; backslash, line breaks, {@code /} and {@code =} in
   * values are escaped with a backslash ({@code \\}, {@code \n}, {@code \r}, {@code \/}, {@code
   * \=}).
   */
  static String canonicalText(
      UUID id,
      String subjectHash,
      String actor,
      String actorRole,
      String reason,
      Map<String, Map<String, Long>> counts,
      Instant startedAt,
      Instant finishedAt) {
    StringBuilder text = new StringBuilder(FORMAT).append('\n');
    line(text, "id", id.toString());
    line(text, "subject", subjectHash);
    line(text, "actor", actor);
    line(text, "actorRole", actorRole);
    line(text, "reason", reason);
    line(text, "startedAt", startedAt.toString());
    line(text, "finishedAt", finishedAt.toString());
    sortedCopy(counts)
        .forEach(
            (module, datasets) ->
                datasets.forEach(
                    (dataset, n) ->
                        text.append("count=")
                            .append(escape(module))
                            .append('/')
                            .append(escape(dataset))
                            .append('=')
                            .append(n)
                            .append('\n')));
    return text.toString();
  }

  private static void line(StringBuilder text, String key, String value) {
    text.append(key).append('=').append(escape(value)).append('\n');
  }

  private static String escape(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '/' -> out.append("\\/");
        case '=' -> out.append("\\=");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static Map<String, Map<String, Long>> sortedCopy(Map<String, Map<String, Long>> counts) {
    Map<String, Map<String, Long>> sorted = new TreeMap<>();
    if (counts != null) {
      counts.forEach(
          (module, datasets) ->
              sorted.put(
                  Objects.requireNonNull(module, "module"),
                  datasets == null
                      ? Map.of()
                      : java.util.Collections.unmodifiableMap(new TreeMap<>(datasets))));
    }
    return java.util.Collections.unmodifiableMap(sorted);
  }

  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
