package io.kilowatch.templates.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class EscapingTest {
  @Test
  void htmlEscapesEverythingThatCouldOpenATagOrLeaveAnAttribute() {
    assertThat(Escaping.HTML.escape("<a href=\"x\" onclick='y'>&`</a>"))
        .isEqualTo("&lt;a href&#61;&quot;x&quot; onclick&#61;&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;");
    assertThat(Escaping.HTML.escape("Zoë Müller")).isEqualTo("Zoë Müller");
  }

  @Test
  void jsonStringEscapingKeepsAnyValueInsideItsString() throws Exception {
    String nasty = "a\"b\\c\n\r\t\b\f\u0000\u001f\u007f<>&\u2028\u2029\uD800 end";
    String escaped = Escaping.JSON_STRING.escape(nasty);
    assertThat(escaped)
        .isEqualTo(
            "a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0000\\u001f\\u007f\\u003c\\u003e\\u0026\\u2028\\u2029\\ud800 end");
    assertThat(new ObjectMapper().readTree("{\"v\":\"" + escaped + "\"}").get("v").asText())
        .isEqualTo(nasty);
  }

  @Test
  void jsonKeepsPairedSurrogates() {
    assertThat(Escaping.JSON_STRING.escape("\uD83D\uDD0C")).isEqualTo("\uD83D\uDD0C");
  }

  @Test
  void singleLineTurnsLineBreaksAndControlsIntoSpaces() {
    assertThat(Escaping.SINGLE_LINE.escape("Ada\r\nBcc: victim@example.com\u2028x\ty"))
        .isEqualTo("Ada  Bcc: victim@example.com x y");
  }

  @Test
  void plainTextIsLeftAlone() {
    assertThat(Escaping.NONE.escape("<b>&\"</b>")).isEqualTo("<b>&\"</b>");
  }
}
