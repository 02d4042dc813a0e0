package io.kilowatch.consent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The receipt's content hash: what it covers, and that it catches changes. */
class ErasureReceiptTest {
  static final UUID ID = UUID.fromString("0b8f3c6e-2f55-4d7a-9a57-2d0c7d1e9e11");
  static final String SUBJECT = "5f".repeat(32);
  static final Instant STARTED = Instant.parse("2026-07-01T10:15:00.123456Z");
  static final Instant FINISHED = Instant.parse("2026-07-01T10:15:01Z");

  static Map<String, Map<String, Long>> counts() {
    Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
    counts.put("preference", Map.of("contact_point", 2L));
    counts.put("consent", Map.of("consent_event", 3L, "audit_log", 1L));
    return counts;
  }

  static ErasureReceipt receipt(String reason, Map<String, Map<String, Long>> counts) {
    return ErasureReceipt.issue(
        ID, SUBJECT, "officer-1", "compliance", reason, counts, STARTED, FINISHED);
  }

  @Test
  void theHashIsTheSha256OfTheDocumentedCanonicalText() throws Exception {
    ErasureReceipt r = receipt("Art. 17 request by letter", counts());

    String expected =
        "kilowatch-erasure-receipt/v1\n"
            + "id=0b8f3c6e-2f55-4d7a-9a57-2d0c7d1e9e11\n"
            + "subject="
            + SUBJECT
            + "\n"
            + "actor=officer-1\n"
            + "actorRole=compliance\n"
            + "reason=Art. 17 request by letter\n"
            + "startedAt=2026-07-01T10:15:00.123456Z\n"
            + "finishedAt=2026-07-01T10:15:01Z\n"
            + "count=consent/audit_log=1\n"
            + "count=consent/consent_event=3\n"
            + "count=preference/contact_point=2\n";
    assertThat(r.canonicalText()).isEqualTo(expected);
    String sha =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(expected.getBytes(StandardCharsets.UTF_8)));
    assertThat(r.contentHash()).isEqualTo(sha).hasSize(64);
    assertThat(r.isIntact()).isTrue();
    assertThat(r.total()).isEqualTo(6);
  }

  @Test
  void theOrderModulesAnsweredInDoesNotChangeTheHash() {
    Map<String, Map<String, Long>> reversed = new LinkedHashMap<>();
    reversed.put("consent", Map.of("audit_log", 1L, "consent_event", 3L));
    reversed.put("preference", Map.of("contact_point", 2L));
    assertThat(receipt("why", reversed).contentHash())
        .isEqualTo(receipt("why", counts()).contentHash());
  }

  @Test
  void everyFieldIsCoveredByTheHash() {
    String base = receipt("why", counts()).contentHash();
    Map<String, Map<String, Long>> moreRows = new LinkedHashMap<>(counts());
    moreRows.put("preference", Map.of("contact_point", 3L));

    assertThat(receipt("why not", counts()).contentHash()).isNotEqualTo(base);
    assertThat(receipt("why", moreRows).contentHash()).isNotEqualTo(base);
    assertThat(
            ErasureReceipt.issue(
                    ID, SUBJECT, "officer-2", "compliance", "why", counts(), STARTED, FINISHED)
                .contentHash())
        .isNotEqualTo(base);
    assertThat(
            ErasureReceipt.issue(
                    ID,
                    SUBJECT,
                    "officer-1",
                    "compliance",
                    "why",
                    counts(),
                    STARTED,
                    FINISHED.plusNanos(1000))
                .contentHash())
        .isNotEqualTo(base);
    assertThat(
            ErasureReceipt.issue(
                    UUID.randomUUID(),
                    SUBJECT,
                    "officer-1",
                    "compliance",
                    "why",
                    counts(),
                    STARTED,
                    FINISHED)
                .contentHash())
        .isNotEqualTo(base);
  }

  @Test
  void aTamperedReceiptIsNoLongerIntact() {
    ErasureReceipt r = receipt("why", counts());
    ErasureReceipt tampered =
        new ErasureReceipt(
            r.id(),
            r.subjectHash(),
            r.actor(),
            r.actorRole(),
            "another reason",
            r.counts(),
            r.startedAt(),
            r.finishedAt(),
            r.contentHash());
    assertThat(tampered.isIntact()).isFalse();
  }

  @Test
  void aReasonCannotForgeCountLines() {
    // without escaping, this reason would produce the same text as a receipt with one more count
    String forged = "why\ncount=billing/account=1";
    ErasureReceipt sneaky = receipt(forged, counts());
    assertThat(sneaky.canonicalText()).contains("reason=why\\ncount\\=billing\\/account\\=1\n");
    Map<String, Map<String, Long>> withBilling = new LinkedHashMap<>(counts());
    withBilling.put("billing", Map.of("account", 1L));
    assertThat(sneaky.contentHash()).isNotEqualTo(receipt("why", withBilling).contentHash());
  }
}
