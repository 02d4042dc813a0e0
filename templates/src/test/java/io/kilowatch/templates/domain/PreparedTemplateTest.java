package io.kilowatch.templates.domain;

import static io.kilowatch.templates.domain.TemplateTestData.email;
import static io.kilowatch.templates.domain.TemplateTestData.greeting;
import static io.kilowatch.templates.domain.TemplateTestData.prepared;
import static io.kilowatch.templates.domain.TemplateTestData.push;
import static io.kilowatch.templates.domain.TemplateTestData.sms;
import static io.kilowatch.templates.domain.TemplateTestData.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.samskivert.mustache.Mustache;
import io.kilowatch.channel.Channel;
import io.kilowatch.templates.MissingTemplateVariableException;
import io.kilowatch.templates.RenderedMessage;
import io.kilowatch.templates.SmsEncoding;
import io.kilowatch.templates.TemplateRenderException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PreparedTemplateTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String SCRIPT = "<script>alert(document.cookie)</script>";
  static final String IMG = "\"><img src=x onerror=alert(1)>";

  @Test
  void smsIsPlainTextWithItsSegments() {
    RenderedMessage m =
        prepared(greeting(), sms("Hi {{customerName}}, you owe {{amount}} €.\n"))
            .render(Map.of("customerName", "Zoé <Müller>", "amount", "12.50"));
    assertThat(m.channel()).isEqualTo(Channel.SMS);
    assertThat(m.text()).isEqualTo("Hi Zoé <Müller>, you owe 12.50 €.");
    assertThat(m.subject()).isNull();
    assertThat(m.html()).isNull();
    assertThat(m.sms().encoding()).isEqualTo(SmsEncoding.GSM_7);
    assertThat(m.sms().units()).isEqualTo(m.text().length() + 1);
    assertThat(m.sms().segments()).isEqualTo(1);
    assertThat(m.templateKey()).isEqualTo("marketing.greeting");
    assertThat(m.locale()).isEqualTo("en");
    assertThat(m.version()).isEqualTo(1);
  }

  @Test
  void anHtmlInjectionInACustomerNameIsInertInEmailHtml() {
    var template =
        prepared(
            greeting(),
            email(
                "Hello {{customerName}}",
                "<p title=\"{{customerName}}\">Dear {{customerName}},</p>",
                "Dear {{customerName}},"));

    RenderedMessage script = template.render(Map.of("customerName", SCRIPT, "amount", "1"));
    assertThat(script.html())
        .isEqualTo(
            "<p title=\"&lt;script&gt;alert(document.cookie)&lt;/script&gt;\">Dear"
                + " &lt;script&gt;alert(document.cookie)&lt;/script&gt;,</p>")
        .doesNotContain("<script");

    RenderedMessage img = template.render(Map.of("customerName", IMG, "amount", "1"));
    assertThat(img.html())
        .isEqualTo(
            "<p title=\"&quot;&gt;&lt;img src&#61;x onerror&#61;alert(1)&gt;\">Dear"
                + " &quot;&gt;&lt;img src&#61;x onerror&#61;alert(1)&gt;,</p>")
        .doesNotContain("<img")
        .doesNotContain("\"><");
    // the plain-text part and subject are not HTML: the name is shown as written
    assertThat(img.text()).isEqualTo("Dear " + IMG + ",");
    assertThat(img.subject()).isEqualTo("Hello " + IMG);
  }

  @Test
  void aValueCannotAddAHeaderLineToTheSubjectOrTitle() {
    RenderedMessage m =
        prepared(greeting(), email("Hello {{customerName}}", "<p>x</p>", "x"))
            .render(Map.of("customerName", "Ada\r\nBcc: all@example.com", "amount", "1"));
    assertThat(m.subject()).isEqualTo("Hello Ada  Bcc: all@example.com").doesNotContain("\n");

    RenderedMessage p =
        prepared(greeting(), push("Hi {{customerName}}", "Line one\n{{customerName}}"))
            .render(Map.of("customerName", "A\nB", "amount", "1"));
    assertThat(p.subject()).isEqualTo("Hi A B");
    assertThat(p.text()).isEqualTo("Line one\nA\nB");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\", \"admin\": true, \"x\": \"",
        "\\",
        "\\\"",
        "line\nbreak\r\ttab\u0000nul\u001fus\u007fdel",
        "</script><script>alert(1)</script>",
        "a\u2028b\u2029c",
        "\uD800 lone surrogate",
        "}] , {\"injected\": [1,2,3]}"
      })
  void aJsonInjectionInAWebhookValueStaysInsideItsString(String name) throws Exception {
    RenderedMessage m =
        prepared(
                greeting(),
                webhook(
                    "{\"type\":\"greeting\",\"data\":{\"name\":\"{{customerName}}\",\"amount\":\"{{amount}}\"}}"))
            .render(Map.of("customerName", name, "amount", "12.50"));

    JsonNode body = JSON.readTree(m.text());
    assertThat(body.get("data").get("name").asText()).isEqualTo(name);
    assertThat(body.get("data").size()).isEqualTo(2);
    assertThat(body.has("admin")).isFalse();
    assertThat(body.has("injected")).isFalse();
    assertThat(body.get("type").asText()).isEqualTo("greeting");
  }

  @Test
  void aMissingVariableIsAnErrorNamingEveryMissingVariable() {
    var template =
        prepared(
            greeting(),
            email("Hello {{customerName}}", "<p>{{amount}}</p>", "{{customerName}} {{amount}}"));
    assertThatThrownBy(() -> template.render(Map.of()))
        .isInstanceOf(MissingTemplateVariableException.class)
        .hasMessageContaining("customerName, amount")
        .satisfies(
            e ->
                assertThat(((MissingTemplateVariableException) e).variables())
                    .containsExactly("customerName", "amount"));
  }

  @Test
  void aBlankValueIsMissingToo() {
    var template = prepared(greeting(), sms("Hi {{customerName}}"));
    Map<String, String> data = new HashMap<>();
    data.put("customerName", " ");
    assertThatThrownBy(() -> template.render(data))
        .isInstanceOf(MissingTemplateVariableException.class);
    data.put("customerName", null);
    assertThatThrownBy(() -> template.render(data))
        .isInstanceOf(MissingTemplateVariableException.class);
  }

  @Test
  void anOptionalVariableRendersItsSectionOnlyWhenPresent() {
    var template =
        prepared(
            greeting(),
            sms(
                "Hi {{customerName}}{{#meterId}} (meter {{meterId}}){{/meterId}}{{^meterId}} (all meters){{/meterId}}."));
    assertThat(template.render(Map.of("customerName", "Ada", "meterId", "M-7")).text())
        .isEqualTo("Hi Ada (meter M-7).");
    assertThat(template.render(Map.of("customerName", "Ada")).text())
        .isEqualTo("Hi Ada (all meters).");
    assertThat(template.render(Map.of("customerName", "Ada", "meterId", "")).text())
        .isEqualTo("Hi Ada (all meters).");
  }

  @Test
  void dataKeysTheTemplateDoesNotReadAreIgnored() {
    assertThat(
            prepared(greeting(), sms("Hi {{customerName}}"))
                .render(Map.of("customerName", "Ada", "other", "x"))
                .text())
        .isEqualTo("Hi Ada");
  }

  @Test
  void aLambdaSmuggledIntoTheDataIsNeverRun() {
    AtomicBoolean ran = new AtomicBoolean();
    Mustache.Lambda lambda = (fragment, out) -> ran.set(true);
    Map<String, Object> raw = new HashMap<>();
    raw.put("customerName", lambda);
    @SuppressWarnings("unchecked")
    Map<String, String> data = (Map<String, String>) (Map<?, ?>) raw;

    var template = prepared(greeting(), sms("{{#meterId}}x{{/meterId}}Hi {{customerName}}"));
    assertThatThrownBy(() -> template.render(data))
        .isInstanceOf(TemplateRenderException.class)
        .hasMessageContaining("customerName is not text");
    raw.put("customerName", "Ada");
    raw.put("meterId", lambda);
    assertThatThrownBy(() -> template.render(data)).isInstanceOf(TemplateRenderException.class);
    assertThat(ran).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{{>/etc/passwd}}",
        "{{<layout}}{{/layout}}",
        "{{$block}}x{{/block}}",
        "{{=<% %>=}}<%customerName%>",
        "{{{customerName}}}",
        "{{&customerName}}",
        "{{customerName.class.name}}",
        "{{this}}",
        "{{.}}",
        "{{-index}}"
      })
  void aStoredTemplateOutsideTheAllowedSyntaxIsNeverRun(String source) {
    // validation refuses these on save; a row that bypassed it is refused when compiled
    assertThatThrownBy(() -> prepared(greeting(), sms(source)))
        .isInstanceOf(TemplateRenderException.class);
  }

  @Test
  void aValueIsNeverReadThroughReflection() {
    // even if a dotted name reached the engine, it finds nothing on a String and fails
    var compiled = PreparedTemplate.compilePart(Part.SMS_BODY, "{{customerName.class}}");
    assertThatThrownBy(() -> compiled.execute(Map.of("customerName", "Ada")))
        .isInstanceOf(com.samskivert.mustache.MustacheException.class);
  }

  @Test
  void aValueLooksLikeATemplateButIsOnlyText() {
    assertThat(
            prepared(greeting(), sms("Hi {{customerName}}"))
                .render(Map.of("customerName", "{{amount}} {{>x}}"))
                .text())
        .isEqualTo("Hi {{amount}} {{>x}}");
  }

  @Test
  void variablesAreListedInOrderOfFirstUse() {
    assertThat(
            prepared(
                    greeting(),
                    email(
                        "{{amount}}",
                        "<p>{{customerName}}</p>",
                        "{{#meterId}}{{meterId}}{{/meterId}} {{amount}}"))
                .variables())
        .containsExactly("amount", "customerName", "meterId");
  }
}
