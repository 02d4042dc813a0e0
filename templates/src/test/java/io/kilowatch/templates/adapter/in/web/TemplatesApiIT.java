package io.kilowatch.templates.adapter.in.web;

import static io.kilowatch.templates.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.kilowatch.platform.security.Roles;
import io.kilowatch.platform.web.ProblemJson;
import io.kilowatch.templates.ApiClient;
import io.kilowatch.templates.ApiClient.Reply;
import io.kilowatch.testing.TestInfrastructure;
import io.kilowatch.testing.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The templates API on real infrastructure: roles, validation, versioning, publishing, preview. */
// each call commits on its own, as in production: no test transaction around the methods
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemplatesApiIT implements TestPropertyProvider {
  static final String BASE = "/api/v1/templates";
  static final String GREETING_VARIABLES =
      "{\"defaultLocale\":\"en\",\"description\":\"A greeting\",\"variables\":["
          + "{\"name\":\"customerName\",\"description\":\"the name\",\"sample\":\"Ada Lovelace\"},"
          + "{\"name\":\"amount\",\"description\":\"an amount\",\"sample\":\"12.50\"},"
          + "{\"name\":\"meterId\",\"description\":\"a meter\",\"sample\":\"MTR-1\",\"required\":false}]}";

  @Inject ApplicationContext context;
  @Inject EmbeddedServer server;
  ApiClient api;
  TestTokens tokens;
  String admin;
  String ops;
  String support;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> props = new HashMap<>(TestInfrastructure.properties());
    props.put("spec.name", "TemplatesApiIT");
    return props;
  }

  @BeforeAll
  void setUp() {
    api = new ApiClient(server.getURI());
    tokens = new TestTokens(context);
    admin = tokens.token("admin-1", Roles.ADMIN);
    ops = tokens.token("ops-1", Roles.OPS);
    support = tokens.token("agent-7", Roles.SUPPORT);
  }

  @Test
  void aKeyIsDeclaredVersionedAndPublishedKeepingEveryVersion() {
    String key = "marketing.greeting-lifecycle";
    Reply declared = api.put(BASE + "/" + key, admin, GREETING_VARIABLES);
    assertThat(declared.status()).as(declared.body().toString()).isEqualTo(200);
    assertThat(declared.body().path("category").asText()).isEqualTo("marketing");
    assertThat(declared.body().path("variables").findValuesAsText("name"))
        .containsExactly("customerName", "amount", "meterId");

    String versions = BASE + "/" + key + "/sms/en";
    Reply first = api.post(versions + "/versions", ops, sms("Hello {{customerName}}, v1"));
    assertThat(first.status()).as(first.body().toString()).isEqualTo(201);
    assertThat(first.location()).isEqualTo(versions + "/versions/1");
    assertThat(first.body().path("version").asInt()).isEqualTo(1);
    assertThat(first.body().path("status").asText()).isEqualTo("draft");
    assertThat(first.body().path("createdBy").asText()).isEqualTo("ops-1");
    assertThat(first.body().path("publishedAt").isNull()).isTrue();
    assertThat(first.body().path("warnings")).isEmpty();
    assertThat(api.get(versions, support).body().path("activeVersion").isNull()).isTrue();

    Reply published = api.post(versions + "/versions/1/publish", admin, "");
    assertThat(published.status()).as(published.body().toString()).isEqualTo(200);
    assertThat(published.body().path("status").asText()).isEqualTo("published");
    assertThat(published.body().path("publishedBy").asText()).isEqualTo("admin-1");

    assertThat(api.post(versions + "/versions", admin, sms("Hello {{customerName}}, v2")).status())
        .isEqualTo(201);
    assertThat(api.get(versions, ops).body().path("activeVersion").asInt()).isEqualTo(1);
    Reply second = api.post(versions + "/versions/2/publish", ops, "");
    assertThat(second.body().path("status").asText()).isEqualTo("published");

    Reply all = api.get(versions, support);
    assertThat(all.status()).isEqualTo(200);
    assertThat(all.body().path("activeVersion").asInt()).isEqualTo(2);
    assertThat(all.body().path("versions").findValuesAsText("status"))
        .containsExactly("published", "retired");
    Reply old = api.get(versions + "/versions/1", support);
    assertThat(old.body().path("status").asText()).isEqualTo("retired");
    assertThat(old.body().path("retiredAt").asText())
        .isEqualTo(second.body().path("publishedAt").asText());
    assertThat(old.body().path("parts").path("body").asText())
        .isEqualTo("Hello {{customerName}}, v1");

    // publishing the active version again changes nothing; a retired one cannot come back as it is
    Reply again = api.post(versions + "/versions/2/publish", ops, "");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().path("publishedAt")).isEqualTo(second.body().path("publishedAt"));
    Reply retired = api.post(versions + "/versions/1/publish", ops, "");
    assertThat(retired.status()).isEqualTo(409);
    assertThat(retired.contentType()).startsWith(ProblemJson.MEDIA_TYPE);
    assertThat(retired.errorFields()).containsExactly("version");

    Reply overview = api.get(BASE + "/" + key, support);
    assertThat(overview.body().path("variants").get(0).path("activeVersion").asInt()).isEqualTo(2);
    assertThat(overview.body().path("variants").get(0).path("versions").asInt()).isEqualTo(2);
  }

  @Test
  void validationErrorsAre422NamingThePartAndTheVariableAndSaveNothing() {
    String key = declare("marketing.greeting-invalid");
    String versions = BASE + "/" + key + "/email/en";
    Reply reply =
        api.post(
            versions + "/versions",
            admin,
            email("Hi {{custmerName}}", "<p>{{customerName}}</p>\n<p>{{amout}}</p>", "Hi"));

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.contentType()).startsWith(ProblemJson.MEDIA_TYPE);
    assertThat(reply.errorFields()).containsExactly("parts.subject", "parts.html");
    assertThat(reply.body().path("errors").get(0).path("message").asText())
        .contains("unknown variable 'custmerName'");
    assertThat(reply.body().path("errors").get(1).path("message").asText())
        .contains("unknown variable 'amout'")
        .contains("line 2");
    assertThat(api.get(versions, admin).body().path("versions")).isEmpty();
  }

  @Test
  void unsafeTemplatesAreRefused() {
    String key = declare("marketing.greeting-unsafe");
    Reply partial = api.post(BASE + "/" + key + "/sms/en/versions", admin, sms("{{>footer}}"));
    assertThat(partial.status()).isEqualTo(422);
    assertThat(partial.body().path("errors").get(0).path("message").asText()).contains("partials");

    Reply script =
        api.post(
            BASE + "/" + key + "/email/en/versions",
            admin,
            email("Hi", "<a href=\"{{customerName}}\">x</a><script>{{amount}}</script>", "Hi"));
    assertThat(script.status()).isEqualTo(422);
    assertThat(script.errorFields()).containsExactly("parts.html", "parts.html");

    Reply json =
        api.post(
            BASE + "/" + key + "/webhook/en/versions", admin, webhook("{\"amount\": {{amount}}}"));
    assertThat(json.status()).isEqualTo(422);
    assertThat(json.errorFields()).containsExactly("parts.body");
  }

  @Test
  void warningsComeBackWithTheSavedDraft() {
    String key = declare("marketing.greeting-long");
    Reply reply =
        api.post(
            BASE + "/" + key + "/sms/en/versions",
            admin,
            sms("It’s {{customerName}}: " + "a long text ".repeat(12)));
    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
    assertThat(reply.warningFields()).containsExactly("parts.body", "parts.body");
    assertThat(reply.body().path("warnings").findValuesAsText("message"))
        .anySatisfy(m -> assertThat(m).contains("3 SMS segments").contains("UCS-2"))
        .anySatisfy(m -> assertThat(m).contains("U+2019"));
  }

  @Test
  void aLocaleIsPublishedOnlyWhenTheDefaultLocaleCanBeFallenBackTo() {
    String key = declare("marketing.greeting-fallback");
    Reply german =
        api.post(BASE + "/" + key + "/push/de/versions", admin, push("Hallo {{customerName}}"));
    assertThat(german.status()).isEqualTo(201);
    assertThat(german.warningFields()).containsExactly("locale");

    Reply refused = api.post(BASE + "/" + key + "/push/de/versions/1/publish", admin, "");
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.errorFields()).containsExactly("locale");
    assertThat(refused.body().path("detail").asText()).contains("default locale en");

    api.post(BASE + "/" + key + "/push/en/versions", admin, push("Hello {{customerName}}"));
    assertThat(api.post(BASE + "/" + key + "/push/en/versions/1/publish", admin, "").status())
        .isEqualTo(200);
    assertThat(api.post(BASE + "/" + key + "/push/de/versions/1/publish", admin, "").status())
        .isEqualTo(200);
  }

  @Test
  void aDeclarationCannotBreakPublishedVersions() {
    String key = declare("marketing.greeting-redeclared");
    api.post(BASE + "/" + key + "/sms/en/versions", admin, sms("Hi {{customerName}} {{amount}}"));
    api.post(BASE + "/" + key + "/sms/en/versions/1/publish", admin, "");

    Reply withoutAmount =
        api.put(
            BASE + "/" + key,
            admin,
            "{\"defaultLocale\":\"en\",\"variables\":[{\"name\":\"customerName\",\"sample\":\"Ada\"}]}");
    assertThat(withoutAmount.status()).isEqualTo(422);
    assertThat(withoutAmount.errorFields()).containsExactly("variables");
    assertThat(withoutAmount.body().path("detail").asText()).contains("'amount'");

    Reply german = api.put(BASE + "/" + key, admin, GREETING_VARIABLES.replace("\"en\"", "\"de\""));
    assertThat(german.status()).isEqualTo(422);
    assertThat(german.errorFields()).containsExactly("defaultLocale");

    Reply unchanged = api.get(BASE + "/" + key, admin);
    assertThat(unchanged.body().path("defaultLocale").asText()).isEqualTo("en");
    assertThat(unchanged.body().path("variables")).hasSize(3);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown channel     | /sms2/en/versions  | {\"parts\":{\"body\":\"x\"}}                | channel",
        "malformed locale    | /sms/en_GB/versions | {\"parts\":{\"body\":\"x\"}}               | locale",
        "no parts            | /sms/en/versions   | {}                                          | parts",
        "parts not an object | /sms/en/versions   | {\"parts\":\"x\"}                           | parts",
        "part not a string   | /sms/en/versions   | {\"parts\":{\"body\":42}}                   | parts.body",
        "unknown part        | /sms/en/versions   | {\"parts\":{\"body\":\"x\",\"title\":\"y\"}} | parts.title",
        "missing part        | /email/en/versions | {\"parts\":{\"subject\":\"x\",\"text\":\"y\"}} | parts.html",
      })
  void malformedDraftsAreA400NamingTheField(String name, String path, String body, String field) {
    String key = declare("marketing.greeting-malformed");
    Reply reply = api.post(BASE + "/" + key + path, admin, body);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.contentType()).startsWith(ProblemJson.MEDIA_TYPE);
    assertThat(reply.errorFields()).containsExactly(field);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown category | weather.storm     | {\"defaultLocale\":\"en\",\"variables\":[]}                                  | key",
        "malformed key    | usage             | {\"defaultLocale\":\"en\",\"variables\":[]}                                  | key",
        "bad locale       | usage.x           | {\"defaultLocale\":\"english\",\"variables\":[]}                             | defaultLocale",
        "no variables     | usage.x           | {\"defaultLocale\":\"en\"}                                                 | variables",
        "variable name    | usage.x           | {\"defaultLocale\":\"en\",\"variables\":[{\"name\":\"a.b\",\"sample\":\"1\"}]} | variables[0].name",
        "no sample        | usage.x           | {\"defaultLocale\":\"en\",\"variables\":[{\"name\":\"a\"}]}                   | variables[0].sample",
        "required text    | usage.x           | {\"defaultLocale\":\"en\",\"variables\":[{\"name\":\"a\",\"sample\":\"1\",\"required\":\"yes\"}]} | variables[0].required",
      })
  void malformedDeclarationsAreA400NamingTheField(
      String name, String key, String body, String field) {
    Reply reply = api.put(BASE + "/" + key, admin, body);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorFields()).containsExactly(field);
  }

  @Test
  void previewRendersTheActiveVersionWithTheSampleValuesAndSegments() {
    Reply reply =
        api.post(
            BASE + "/preview",
            support,
            "{\"key\":\"usage.daily-threshold-crossed\",\"channel\":\"sms\",\"locale\":\"de-AT\"}");
    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
    var body = reply.body();
    assertThat(body.path("requestedLocale").asText()).isEqualTo("de-AT");
    assertThat(body.path("locale").asText()).isEqualTo("de");
    assertThat(body.path("version").asInt()).isEqualTo(1);
    assertThat(body.path("status").asText()).isEqualTo("published");
    assertThat(body.path("sampleData").asBoolean()).isTrue();
    assertThat(body.path("parts").path("body").asText())
        .isEqualTo(
            "Kilowatch: Ihr Stromverbrauch am 2026-07-15 hat 10 kWh überschritten (bisher 10.25"
                + " kWh, Zähler MTR-1001).");
    assertThat(body.path("sms").path("encoding").asText()).isEqualTo("GSM-7");
    assertThat(body.path("sms").path("segments").asInt()).isEqualTo(1);
    assertThat(body.path("sms").path("unitsPerSegment").asInt()).isEqualTo(160);
    assertThat(body.path("warnings")).isEmpty();
  }

  @Test
  void previewWithACustomersDataEscapesItForTheChannel() {
    Reply reply =
        api.post(
            BASE + "/preview",
            ops,
            json(
                Map.of(
                    "key", "billing.bill-issued",
                    "channel", "email",
                    "locale", "en-GB",
                    "data",
                        Map.of(
                            "amount", "<script>alert(1)</script>",
                            "currency", "EUR",
                            "dueDate", "2026-08-14",
                            "billId", "\"><img src=x onerror=alert(1)>",
                            "customerName", "unused"))));
    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
    String html = reply.body().path("parts").path("html").asText();
    assertThat(html)
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("&quot;&gt;&lt;img src&#61;x onerror&#61;alert(1)&gt;")
        .doesNotContain("<script")
        .doesNotContain("<img");
    assertThat(reply.body().path("parts").path("text").asText())
        .contains("<script>alert(1)</script>");
    assertThat(reply.body().path("sampleData").asBoolean()).isFalse();
    assertThat(reply.body().path("locale").asText()).isEqualTo("en");
    assertThat(reply.body().has("sms")).isFalse();
    assertThat(reply.warningFields()).containsExactly("data.customerName");
  }

  @Test
  void previewOfADraftVersionAndItsErrors() {
    String key = declare("marketing.greeting-preview");
    api.post(
        BASE + "/" + key + "/sms/en/versions",
        admin,
        sms("Hi {{customerName}}{{#meterId}} ({{meterId}}){{/meterId}}"));

    Reply draft =
        api.post(
            BASE + "/preview",
            support,
            "{\"key\":\"" + key + "\",\"channel\":\"sms\",\"locale\":\"en\",\"version\":1}");
    assertThat(draft.status()).as(draft.body().toString()).isEqualTo(200);
    assertThat(draft.body().path("status").asText()).isEqualTo("draft");
    assertThat(draft.body().path("parts").path("body").asText())
        .isEqualTo("Hi Ada Lovelace (MTR-1)");

    Reply missing =
        api.post(
            BASE + "/preview",
            support,
            "{\"key\":\""
                + key
                + "\",\"channel\":\"sms\",\"locale\":\"en\",\"version\":1,\"data\":{\"amount\":\"1\"}}");
    assertThat(missing.status()).isEqualTo(422);
    assertThat(missing.errorFields()).containsExactly("data.customerName");

    Reply nothingPublished =
        api.post(BASE + "/preview", support, "{\"key\":\"" + key + "\",\"channel\":\"sms\"}");
    assertThat(nothingPublished.status()).isEqualTo(422);
    assertThat(nothingPublished.errorFields()).containsExactly("channel");

    Reply noSuchVersion =
        api.post(
            BASE + "/preview",
            support,
            "{\"key\":\"" + key + "\",\"channel\":\"sms\",\"locale\":\"en\",\"version\":9}");
    assertThat(noSuchVersion.status()).isEqualTo(422);
    assertThat(noSuchVersion.errorFields()).containsExactly("version");

    assertThat(
            api.post(BASE + "/preview", support, "{\"key\":\"usage.nobody\",\"channel\":\"sms\"}")
                .errorFields())
        .containsExactly("key");
    assertThat(
            api.post(
                    BASE + "/preview",
                    support,
                    "{\"key\":\"" + key + "\",\"channel\":\"fax\",\"version\":\"x\"}")
                .errorFields())
        .containsExactly("version");
    assertThat(
            api.post(BASE + "/preview", support, "{\"key\":\"" + key + "\",\"channel\":\"fax\"}")
                .errorFields())
        .containsExactly("channel");
    assertThat(
            api.post(
                    BASE + "/preview",
                    support,
                    "{\"key\":\"" + key + "\",\"channel\":\"sms\",\"data\":{\"customerName\":1}}")
                .errorFields())
        .containsExactly("data.customerName");
  }

  @Test
  void theListShowsEveryKeyWithItsVariants() {
    Reply list = api.get(BASE, support);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body().path("templates").findValuesAsText("key"))
        .contains("usage.daily-threshold-crossed", "billing.payment-overdue");
    var usage = list.body().path("templates").get(1); // sorted by key, after account.*
    assertThat(usage.path("key").asText()).isEqualTo("billing.bill-issued");
    assertThat(usage.path("variants")).hasSize(8);
    assertThat(usage.path("issues")).isEmpty();
  }

  @Test
  void unknownThingsAreNotFound() {
    assertThat(api.get(BASE + "/usage.nobody", support).status()).isEqualTo(404);
    assertThat(api.get(BASE + "/Not.A.Key", support).status()).isEqualTo(404);
    assertThat(api.get(BASE + "/usage.nobody/sms/en", support).status()).isEqualTo(404);
    String versions = BASE + "/usage.daily-threshold-crossed/sms/en/versions/";
    assertThat(api.get(versions + "1", support).status()).isEqualTo(200);
    assertThat(api.get(versions + "99", support).status()).isEqualTo(404);
    assertThat(api.get(versions + "x", support).status()).isEqualTo(404);
    assertThat(api.post(versions + "99/publish", admin, "").status()).isEqualTo(404);
    assertThat(
            api.get(BASE + "/usage.daily-threshold-crossed/sms/fr", support)
                .body()
                .path("versions"))
        .isEmpty();
  }

  @Test
  void endpointsNeedATokenAndTheRightRole() {
    String key = "usage.daily-threshold-crossed";
    String versions = BASE + "/" + key + "/sms/en";
    String customer = tokens.customer("C-1");
    String compliance = tokens.token("dpo-1", Roles.COMPLIANCE);
    String ingest = tokens.token("hes-1", Roles.INGEST);
    String draft = sms("x {{day}}");
    String preview = "{\"key\":\"" + key + "\",\"channel\":\"sms\"}";

    assertThat(api.get(BASE, null).status()).isEqualTo(401);
    assertThat(api.get(BASE + "/" + key, null).status()).isEqualTo(401);
    assertThat(api.put(BASE + "/" + key, null, GREETING_VARIABLES).status()).isEqualTo(401);
    assertThat(api.get(versions, null).status()).isEqualTo(401);
    assertThat(api.get(versions + "/versions/1", null).status()).isEqualTo(401);
    assertThat(api.post(versions + "/versions", null, draft).status()).isEqualTo(401);
    assertThat(api.post(versions + "/versions/1/publish", null, "").status()).isEqualTo(401);
    assertThat(api.post(BASE + "/preview", null, preview).status()).isEqualTo(401);
    for (String token : List.of(customer, compliance, ingest)) {
      assertThat(api.get(BASE, token).status()).isEqualTo(403);
      assertThat(api.get(BASE + "/" + key, token).status()).isEqualTo(403);
      assertThat(api.get(versions, token).status()).isEqualTo(403);
      assertThat(api.get(versions + "/versions/1", token).status()).isEqualTo(403);
      assertThat(api.post(BASE + "/preview", token, preview).status()).isEqualTo(403);
    }
    // support reads and previews, but never changes templates
    for (String token : List.of(customer, compliance, ingest, support)) {
      assertThat(api.put(BASE + "/" + key, token, GREETING_VARIABLES).status()).isEqualTo(403);
      assertThat(api.post(versions + "/versions", token, draft).status()).isEqualTo(403);
      assertThat(api.post(versions + "/versions/1/publish", token, "").status()).isEqualTo(403);
    }
    assertThat(api.get(BASE, support).status()).isEqualTo(200);
    assertThat(api.post(BASE + "/preview", support, preview).status()).isEqualTo(200);
    assertThat(api.post(BASE + "/preview", ops, preview).status()).isEqualTo(200);
    assertThat(api.post(BASE + "/preview", admin, preview).status()).isEqualTo(200);
    assertThat(api.get(versions, ops).status()).isEqualTo(200);
    assertThat(api.get(versions, admin).status()).isEqualTo(200);
    assertThat(api.get(versions, support).body().path("versions")).hasSize(1);
  }

  private String declare(String key) {
    Reply reply = api.put(BASE + "/" + key, admin, GREETING_VARIABLES);
    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
    return key;
  }

  static String sms(String body) {
    return json(Map.of("parts", Map.of("body", body)));
  }

  static String push(String title) {
    return json(Map.of("parts", Map.of("title", title, "body", "Your amount is {{amount}}")));
  }

  static String webhook(String body) {
    return json(Map.of("parts", Map.of("body", body)));
  }

  static String email(String subject, String html, String text) {
    return json(Map.of("parts", Map.of("subject", subject, "html", html, "text", text)));
  }
}
