package io.kilowatch.templates.domain;

import static io.kilowatch.templates.domain.TemplateTestData.EN;
import static io.kilowatch.templates.domain.TemplateTestData.email;
import static io.kilowatch.templates.domain.TemplateTestData.emailHtml;
import static io.kilowatch.templates.domain.TemplateTestData.greeting;
import static io.kilowatch.templates.domain.TemplateTestData.push;
import static io.kilowatch.templates.domain.TemplateTestData.sms;
import static io.kilowatch.templates.domain.TemplateTestData.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateValidatorTest {

  static List<Finding> validate(TemplateContent content) {
    return TemplateValidator.validate(greeting(), EN, content);
  }

  static List<Finding> errors(TemplateContent content) {
    return validate(content).stream().filter(Finding::isError).toList();
  }

  static List<Finding> warnings(TemplateContent content) {
    return validate(content).stream().filter(f -> !f.isError()).toList();
  }

  @Test
  void aValidTemplateHasNoFindings() {
    assertThat(validate(sms("Hi {{customerName}}, {{amount}} EUR."))).isEmpty();
    assertThat(
            validate(
                email(
                    "Hello {{customerName}}",
                    "<p class=\"x\" title=\"{{customerName}}\">Hi {{customerName}}</p>"
                        + "<a href=\"https://example.com/pay?amount={{amount}}\">pay</a>",
                    "Hi {{customerName}}")))
        .isEmpty();
  }

  @Test
  void anUnknownVariableIsAnErrorNamingPartVariableAndLine() {
    List<Finding> errors =
        errors(email("Hello {{customerNmae}}", "<p>Hi</p>\n<p>{{ammount}}</p>", "Hi"));
    assertThat(errors).extracting(Finding::field).containsExactly("parts.subject", "parts.html");
    assertThat(errors.get(0).message())
        .contains("unknown variable 'customerNmae'")
        .contains("line 1")
        .contains("customerName, amount, meterId");
    assertThat(errors.get(1).message()).contains("'ammount'").contains("line 2");
  }

  @Test
  void anUnknownVariableInASectionIsAnErrorToo() {
    assertThat(errors(sms("{{#vip}}Dear VIP{{/vip}}")))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("unknown variable 'vip'"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{{>footer}}                      | partials are not supported",
        "{{<layout}}x{{/layout}}          | inheritance is not supported",
        "{{$title}}x{{/title}}            | inheritance is not supported",
        "{{=<% %>=}}                      | changing the delimiters",
        "{{{customerName}}}               | unescaped output is not supported",
        "{{& customerName}}               | unescaped output is not supported",
        "{{customerName.class}}           | is not a variable name",
        "{{this}}                         | is not a variable name",
        "{{.}}                            | is not a variable name",
        "{{#customerName}}x               | is never closed",
        "x{{/customerName}}               | closes no section",
        "{{#meterId}}{{/customerName}}    | does not close",
        "Hi {{customerName                | is never closed",
        "Hi {{ }}                         | empty tag",
        "{{meterId}}                      | must stand inside {{#meterId}}",
      })
  void syntaxOutsideTheLogicLightSubsetIsAnError(String source, String message) {
    assertThat(errors(sms(source)))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.field()).isEqualTo("parts.body"))
        .anySatisfy(e -> assertThat(e.message()).contains(message));
  }

  @Test
  void aSectionOnARequiredVariableIsOnlyAWarning() {
    assertThat(warnings(sms("{{#customerName}}Hi {{customerName}}{{/customerName}}")))
        .singleElement()
        .satisfies(w -> assertThat(w.message()).contains("always has a value"));
  }

  @Test
  void anEmptyPartIsAnError() {
    assertThat(errors(push(" ", "body")))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("parts.title");
              assertThat(e.message()).isEqualTo("must not be empty");
            });
  }

  @Test
  void subjectsAndTitlesAreOneLine() {
    assertThat(errors(email("Hello\n{{customerName}}", "<p>x</p>", "x")))
        .singleElement()
        .satisfies(e -> assertThat(e.field()).isEqualTo("parts.subject"));
    assertThat(errors(push("a\r\nb", "x")))
        .extracting(Finding::field)
        .containsExactly("parts.title");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "<script>var n = '{{customerName}}';</script>",
        "<style>p { color: {{customerName}} }</style>",
        "<a onclick=\"greet('{{customerName}}')\">x</a>",
        "<p style=\"color: {{customerName}}\">x</p>",
        "<p title={{customerName}}>x</p>",
        "<a href=\"{{customerName}}\">x</a>",
        "<a href=\"  {{customerName}}\">x</a>",
        "<a href=\"java{{customerName}}\">x</a>",
        "<img src=\"{{customerName}}\">",
        "<p {{customerName}}>x</p>",
        "<{{customerName}}>x</p>",
        "<p>x</{{customerName}}>",
        "<!-- {{customerName}} -->",
        "<p title=\"{{#meterId}}x{{/meterId}}\">x</p>",
      })
  void variablesWhereHtmlEscapingIsNotEnoughAreErrors(String html) {
    assertThat(errors(emailHtml(html)))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.field()).isEqualTo("parts.html"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "<p>{{customerName}}</p>",
        "<p title='{{customerName}}'>x</p>",
        "<a href=\"https://example.com/u/{{customerName}}\">x</a>",
        "<a href=\"/account?name={{customerName}}\">x</a>",
        "<a href=\"mailto:{{customerName}}\">x</a>",
        "<script>var a = 1;</script><p>{{customerName}}</p>",
        "<!DOCTYPE html><html><body>{{#meterId}}<p>{{meterId}}</p>{{/meterId}}</body></html>",
        "<p>a < b and {{customerName}}</p>",
      })
  void variablesInTextAndSafeAttributesAreFine(String html) {
    assertThat(errors(emailHtml(html))).isEmpty();
  }

  @Test
  void webhookBodiesAreJsonObjectsWithVariablesOnlyInStrings() {
    assertThat(validate(webhook("{\"name\":\"{{customerName}}\",\"amount\":\"{{amount}}\"}")))
        .isEmpty();

    assertThat(errors(webhook("{\"amount\": {{amount}}}")))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("only inside JSON strings"));
    assertThat(errors(webhook("{\"{{customerName}}\": \"x\"}")))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("field name"));
    assertThat(errors(webhook("[\"{{customerName}}\"]")))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("one JSON object"));
    assertThat(errors(webhook("{\"a\":\"{{customerName}}\"} {\"b\":1}"))).isNotEmpty();
    assertThat(errors(webhook("{\"a\":\"{{customerName}}\",}"))).isNotEmpty();
    assertThat(errors(webhook("{\"a\":\"{{#meterId}}{{meterId}}{{/meterId}}\"}")))
        .anySatisfy(e -> assertThat(e.message()).contains("sections are not supported"));
  }

  @Test
  void smsOverTwoSegmentsIsAWarningNotAnError() {
    List<Finding> findings = validate(sms("{{customerName}} " + "a".repeat(300)));
    assertThat(findings)
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.isError()).isFalse();
              assertThat(w.field()).isEqualTo("parts.body");
              assertThat(w.message()).contains("3 SMS segments").contains("GSM-7");
            });
    assertThat(validate(sms("{{customerName}} " + "a".repeat(280)))).isEmpty();
  }

  @Test
  void smsOverTheProviderLimitIsAnError() {
    assertThat(errors(sms("{{customerName}}" + "a".repeat(1600))))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("1600"));
  }

  @Test
  void aNonGsmCharacterInTheTextIsAWarningNamingIt() {
    assertThat(warnings(sms("It’s {{customerName}}")))
        .singleElement()
        .satisfies(w -> assertThat(w.message()).contains("’").contains("U+2019").contains("UCS-2"));
    // an emoji in a value costs the customer, but is not the template author's doing
    assertThat(warnings(sms("Hi {{customerName}}"))).isEmpty();
  }

  @Test
  void emailSubjectLengthIsAWarningOver78AndAnErrorOver998() {
    String subject = "{{customerName}} ";
    assertThat(validate(email(subject + "x".repeat(60), "<p>x</p>", "x"))).isEmpty();
    assertThat(warnings(email(subject + "x".repeat(70), "<p>x</p>", "x")))
        .singleElement()
        .satisfies(w -> assertThat(w.field()).isEqualTo("parts.subject"));
    assertThat(errors(email(subject + "x".repeat(990), "<p>x</p>", "x")))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("998"));
  }

  @Test
  void pushTitleAndBodyLimits() {
    assertThat(validate(push("x".repeat(65), "y".repeat(240)))).isEmpty();
    assertThat(warnings(push("x".repeat(66), "y".repeat(241))))
        .extracting(Finding::field)
        .containsExactly("parts.title", "parts.body");
    assertThat(errors(push("x", "y".repeat(3500))))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("3500"));
  }

  @Test
  void limitsAreCheckedWithTheSampleValues() {
    var longSample =
        TemplateTestData.definition("marketing.x").required("name", "n".repeat(200)).build();
    assertThat(TemplateValidator.validate(longSample, EN, sms("Hi {{name}}"))).isEmpty();
    assertThat(TemplateValidator.validate(longSample, EN, sms("Hi {{name}} and {{name}}")))
        .singleElement()
        .satisfies(w -> assertThat(w.message()).contains("3 SMS segments"));
  }
}
