package io.kilowatch.templates.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.kilowatch.channel.Channel;
import io.kilowatch.channel.OutboundMessage;
import io.kilowatch.platform.cache.HazelcastSettings;
import io.kilowatch.templates.MissingTemplateVariableException;
import io.kilowatch.templates.RenderedMessage;
import io.kilowatch.templates.TemplateNotFoundException;
import io.kilowatch.templates.TemplateRenderer;
import io.kilowatch.templates.application.port.in.CreateVersionCommand;
import io.kilowatch.templates.application.port.in.DefineTemplateCommand;
import io.kilowatch.templates.application.port.in.DefineTemplateCommand.VariableInput;
import io.kilowatch.templates.application.port.in.TemplateCoordinates;
import io.kilowatch.templates.application.port.out.TemplateStore;
import io.kilowatch.templates.domain.TemplateContent;
import io.kilowatch.templates.domain.TemplateKey;
import io.kilowatch.templates.domain.TemplateLocale;
import io.kilowatch.templates.domain.TemplateVersion;
import io.kilowatch.testing.TestInfrastructure;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Java API delivery renders with: locale fallback, the cache and its invalidation. */
// each call commits on its own, as in production: no test transaction around the methods
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemplateRendererIT implements TestPropertyProvider {
  static final Map<String, String> USAGE =
      Map.of("day", "2026-07-15", "thresholdKwh", "10", "usageKwh", "10.25", "meterId", "MTR-1");

  @Inject TemplateRenderer renderer;
  @Inject TemplateCatalog catalog;
  @Inject TemplateVersions versions;
  @Inject TemplateStore store;
  @Inject HazelcastInstance hazelcast;
  @Inject HazelcastSettings hazelcastSettings;
  @Inject TransactionOperations<Connection> transactions;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> props = new HashMap<>(TestInfrastructure.properties());
    props.put("spec.name", "TemplateRendererIT");
    // long enough that only an invalidation can make a change visible within the test
    props.put("kilowatch.templates.cache-ttl", "1h");
    return props;
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      nullValues = "null",
      value = {
        "de, de",
        "de-AT, de",
        "de_DE, de",
        "en-GB, en",
        "fr, en",
        "null, en",
        "'', en",
        "not a locale!, en"
      })
  void theBestPublishedLocaleIsUsed(String requested, String used) {
    RenderedMessage m =
        renderer.render("usage.daily-threshold-crossed", Channel.SMS, requested, USAGE);
    assertThat(m.locale()).isEqualTo(used);
    assertThat(m.version()).isEqualTo(1);
    assertThat(m.text()).contains("10.25").contains("MTR-1");
  }

  @Test
  void aJavaLocaleWorksToo() {
    assertThat(
            renderer
                .render("usage.daily-threshold-crossed", Channel.PUSH, Locale.GERMANY, USAGE)
                .locale())
        .isEqualTo("de");
  }

  @Test
  void everyChannelRendersItsParts() {
    RenderedMessage sms =
        renderer.render("usage.daily-threshold-crossed", Channel.SMS, "en", USAGE);
    assertThat(sms.text())
        .isEqualTo(
            "Kilowatch: your electricity use on 2026-07-15 has passed 10 kWh (10.25 kWh so far on"
                + " meter MTR-1).");
    assertThat(sms.sms().segments()).isEqualTo(1);

    RenderedMessage email =
        renderer.render("usage.daily-threshold-crossed", Channel.EMAIL, "en", USAGE);
    assertThat(email.subject()).isEqualTo("Your electricity use on 2026-07-15 passed 10 kWh");
    assertThat(email.html()).contains("<strong>10 kWh</strong>");
    assertThat(email.text()).contains("10.25 kWh so far on meter MTR-1");

    OutboundMessage out = email.toOutboundMessage("n-1", "ada@example.com");
    assertThat(out.subject()).isEqualTo(email.subject());
    assertThat(out.body()).isEqualTo(email.text());
    assertThat(out.metadata())
        .containsEntry(RenderedMessage.HTML, email.html())
        .containsEntry(RenderedMessage.TEMPLATE_KEY, "usage.daily-threshold-crossed")
        .containsEntry(RenderedMessage.TEMPLATE_VERSION, "1")
        .containsEntry(RenderedMessage.TEMPLATE_LOCALE, "en");

    RenderedMessage push =
        renderer.render("usage.daily-threshold-crossed", Channel.PUSH, "en", USAGE);
    assertThat(push.subject()).isEqualTo("Daily use above 10 kWh");

    RenderedMessage webhook =
        renderer.render("usage.daily-threshold-crossed", Channel.WEBHOOK, "en", USAGE);
    assertThat(webhook.text()).contains("\"usageKwh\" : \"10.25\"");
  }

  @Test
  void aMissingVariableOrTemplateIsAnErrorNeverAGap() {
    assertThatThrownBy(
            () ->
                renderer.render(
                    "usage.daily-threshold-crossed", Channel.SMS, "en", Map.of("day", "today")))
        .isInstanceOf(MissingTemplateVariableException.class)
        .satisfies(
            e ->
                assertThat(((MissingTemplateVariableException) e).variables())
                    .containsExactly("thresholdKwh", "usageKwh", "meterId"));
    assertThatThrownBy(() -> renderer.render("usage.nobody", Channel.SMS, "en", USAGE))
        .isInstanceOf(TemplateNotFoundException.class);
    assertThatThrownBy(() -> renderer.render("not a key", Channel.SMS, "en", USAGE))
        .isInstanceOf(TemplateNotFoundException.class);
    assertThatThrownBy(
            () ->
                renderer.renderVersion(
                    "usage.daily-threshold-crossed", Channel.SMS, "en", 7, USAGE))
        .isInstanceOf(TemplateNotFoundException.class);
  }

  @Test
  void aChannelWithNothingPublishedIsNotFound() {
    define("marketing.render-unpublished");
    versions.create(smsDraft("marketing.render-unpublished", "en", "Draft {{name}}"), "ops-1");
    assertThatThrownBy(
            () ->
                renderer.render(
                    "marketing.render-unpublished", Channel.SMS, "en", Map.of("name", "x")))
        .isInstanceOf(TemplateNotFoundException.class)
        .hasMessageContaining("no published sms template");
  }

  @Test
  void aPublishIsRenderedAtOnceAndTheOldVersionStaysRenderable() {
    String key = define("marketing.render-publish");
    publish(key, "en", "Version one for {{name}}");
    Map<String, String> data = Map.of("name", "Ada");
    assertThat(renderer.render(key, Channel.SMS, "en", data).text())
        .isEqualTo("Version one for Ada");

    publish(key, "en", "Version two for {{name}}");
    RenderedMessage now = renderer.render(key, Channel.SMS, "en", data);
    assertThat(now.text()).isEqualTo("Version two for Ada");
    assertThat(now.version()).isEqualTo(2);

    RenderedMessage before = renderer.renderVersion(key, Channel.SMS, "en", 1, data);
    assertThat(before.text()).isEqualTo("Version one for Ada");
    assertThat(before.version()).isEqualTo(1);
    assertThat(renderer.renderVersion(key, Channel.SMS, "en", 2, data).text())
        .isEqualTo("Version two for Ada");
  }

  @Test
  void aPublishOnAnotherInstanceIsSeenOnceItIsAnnounced() {
    String key = define("marketing.render-elsewhere");
    publish(key, "en", "First {{name}}");
    Map<String, String> data = Map.of("name", "Ada");
    assertThat(renderer.render(key, Channel.SMS, "en", data).text()).isEqualTo("First Ada");

    // what another instance does: change the tables, then announce over Hazelcast; this
    // instance's cache is not told directly
    TemplateKey templateKey = new TemplateKey(key);
    TemplateLocale en = TemplateLocale.of("en");
    transactions.executeWrite(
        status -> {
          TemplateVersion draft =
              TemplateVersion.draft(
                  templateKey,
                  en,
                  2,
                  TemplateContent.fromWireNames(Channel.SMS, Map.of("body", "Second {{name}}")),
                  "elsewhere",
                  Instant.parse("2026-07-15T10:00:00Z"));
          store.insert(draft);
          store.publish(draft, "elsewhere", Instant.parse("2026-07-15T10:00:01Z"));
          return null;
        });
    assertThat(renderer.render(key, Channel.SMS, "en", data).text())
        .as("served from memory until told")
        .isEqualTo("First Ada");

    HazelcastInstance other = otherInstance();
    try {
      other.getTopic("kilowatch.templates.published").publish(key);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(renderer.render(key, Channel.SMS, "en", data).text())
                      .isEqualTo("Second Ada"));
    } finally {
      other.shutdown();
    }
  }

  /** A second Hazelcast member in this test's cluster: what another Kilowatch instance runs. */
  private HazelcastInstance otherInstance() {
    Config config = new Config();
    config.setClusterName(hazelcastSettings.getClusterName());
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    var network = config.getNetworkConfig();
    network.setPort(hazelcastSettings.getPort()).setPortAutoIncrement(true);
    network.getInterfaces().setEnabled(true).addInterface(hazelcastSettings.getInterfaceAddress());
    network.getJoin().getMulticastConfig().setEnabled(false);
    network.getJoin().getAutoDetectionConfig().setEnabled(false);
    var address = hazelcast.getCluster().getLocalMember().getAddress();
    network
        .getJoin()
        .getTcpIpConfig()
        .setEnabled(true)
        .addMember(address.getHost() + ":" + address.getPort());
    HazelcastInstance other = Hazelcast.newHazelcastInstance(config);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> hazelcast.getCluster().getMembers().size() == 2);
    return other;
  }

  @Test
  void aNewDeclarationIsRenderedAtOnce() {
    String key = define("marketing.render-redefined");
    publish(key, "en", "Hi{{#name}} {{name}}{{/name}}");
    assertThatThrownBy(() -> renderer.render(key, Channel.SMS, "en", Map.of()))
        .isInstanceOf(MissingTemplateVariableException.class);

    catalog.define(
        DefineTemplateCommand.parse(
            key, "en", "", List.of(new VariableInput("name", "", "Ada", false))),
        "admin-1");
    assertThat(renderer.render(key, Channel.SMS, "en", Map.of()).text()).isEqualTo("Hi");
  }

  private String define(String key) {
    catalog.define(
        DefineTemplateCommand.parse(
            key, "en", "test", List.of(new VariableInput("name", "a name", "Ada", true))),
        "admin-1");
    return key;
  }

  private void publish(String key, String locale, String body) {
    VersionOutcome draft = versions.create(smsDraft(key, locale, body), "ops-1");
    versions.publish(
        TemplateCoordinates.parse(key, "sms", locale), draft.version().version(), "ops-1");
  }

  private static CreateVersionCommand smsDraft(String key, String locale, String body) {
    return CreateVersionCommand.parse(
        TemplateCoordinates.parse(key, "sms", locale), Map.of("body", body));
  }
}
