package io.kilowatch.consent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactionTest {
  @Test
  void knownIdentifiersAreReplacedIgnoringCase() {
    String text = "C-1001 called from +447700900123 (447700900123), mail Ann.Lee@Example.com";
    assertThat(Redaction.redact(text, List.of("C-1001", "+447700900123", "ann.lee@example.com")))
        .isEqualTo("[erased] called from [erased] ([erased]), mail [erased]");
  }

  @Test
  void anIdentifierInsideALongerOneLeavesNoPart() {
    assertThat(
            Redaction.redact(
                "write to c-1001@example.com", List.of("C-1001", "c-1001@example.com")))
        .isEqualTo("write to [erased]");
  }

  @Test
  void shortIdentifiersNullAndEmptyTextAreLeftAlone() {
    assertThat(Redaction.redact("id 7 asked", List.of("7"))).isEqualTo("id 7 asked");
    assertThat(Redaction.redact(null, List.of("C-1"))).isNull();
    assertThat(Redaction.redact("", List.of("C-1"))).isEmpty();
  }

  @Test
  void regexCharactersInIdentifiersAreLiteral() {
    assertThat(Redaction.redact("a+b.c and aXbYc", List.of("a+b.c")))
        .isEqualTo("[erased] and aXbYc");
  }
}
