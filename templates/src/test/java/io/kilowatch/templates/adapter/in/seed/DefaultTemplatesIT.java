package io.kilowatch.templates.adapter.in.seed;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowatch.channel.Channel;
import io.kilowatch.templates.RenderedMessage;
import io.kilowatch.templates.TemplateRenderer;
import io.kilowatch.templates.application.DefaultTemplate;
import io.kilowatch.templates.application.TemplateCatalog;
import io.kilowatch.templates.application.TemplateOverview;
import io.kilowatch.templates.application.TemplateVersions;
import io.kilowatch.templates.application.port.in.TemplateCoordinates;
import io.kilowatch.templates.application.port.out.VariantSummary;
import io.kilowatch.templates.domain.TemplateDefinition;
import io.kilowatch.templates.domain.TemplateKey;
import io.kilowatch.templates.domain.VersionStatus;
import io.kilowatch.testing.TestInfrastructure;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The shipped templates after start-up: published, valid, rendering; seeding is idempotent. */
// each call commits on its own, as in production: no test transaction around the methods
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DefaultTemplatesIT implements TestPropertyProvider {
  @Inject TemplateCatalog catalog;
  @Inject TemplateVersions versions;
  @Inject TemplateRenderer renderer;
  @Inject DefaultTemplatesSeeder seeder;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> props = new HashMap<>(TestInfrastructure.properties());
    props.put("spec.name", "DefaultTemplatesIT");
    return props;
  }

  @Test
  void everyDefaultKeyIsPublishedInEnglishAndGermanOnEveryChannel() {
    List<TemplateOverview> keys = catalog.list();
    assertThat(keys)
        .extracting(o -> o.definition().key().value())
        .containsExactlyInAnyOrderElementsOf(DefaultTemplateFiles.KEYS);
    for (TemplateOverview key : keys) {
      assertThat(key.issues()).isEmpty();
      // 4 channels x 2 languages; verification codes only for SMS and email
      boolean account = key.definition().key().category().equals("account");
      assertThat(key.variants()).hasSize(account ? 4 : 8);
      assertThat(key.variants()).allSatisfy(v -> assertThat(v.activeVersion()).isEqualTo(1));
      assertThat(key.variants()).extracting(v -> v.locale().tag()).containsOnly("en", "de");
    }
    var version = versions.version(TemplateCoordinates.parse("outage.cleared", "email", "de"), 1);
    assertThat(version.status()).isEqualTo(VersionStatus.PUBLISHED);
    assertThat(version.createdBy()).isEqualTo(TemplateVersions.DEFAULTS_AUTHOR);
  }

  @Test
  void everyDefaultRendersWithItsSampleValuesInBothLanguages() {
    for (TemplateOverview key : catalog.list()) {
      TemplateDefinition definition = key.definition();
      boolean account = definition.key().category().equals("account");
      for (Channel channel : Channel.values()) {
        if (account && (channel == Channel.PUSH || channel == Channel.WEBHOOK)) {
          continue; // verification codes only go to SMS numbers and email addresses
        }
        for (String locale : List.of("en", "de-CH")) {
          RenderedMessage m =
              renderer.render(definition.key().value(), channel, locale, definition.samples());
          assertThat(m.locale()).isEqualTo(locale.substring(0, 2));
          assertThat(m.text()).isNotBlank().doesNotContain("{{");
          if (channel == Channel.SMS) {
            assertThat(m.sms().segments()).isBetween(1, 2);
          }
        }
      }
    }
  }

  @Test
  void seedingAgainChangesNothing() {
    List<VariantSummary> before = variants();
    seeder.onStartup(null);
    assertThat(variants()).isEqualTo(before);
  }

  @Test
  void instancesSeedingTogetherPublishOneVersionEach() throws Exception {
    DefaultTemplate usage = DefaultTemplateFiles.load("usage.daily-threshold-crossed");
    var renamed =
        new TemplateDefinition(
            new TemplateKey("usage.seeded-concurrently"),
            usage.definition().defaultLocale(),
            usage.definition().description(),
            usage.definition().variables());
    DefaultTemplate copy = new DefaultTemplate(renamed, usage.versions());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Integer>> instances = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        instances.add(() -> versions.seed(copy));
      }
      int published = 0;
      for (Future<Integer> f : pool.invokeAll(instances)) {
        published += f.get();
      }
      assertThat(published).isEqualTo(8);
    } finally {
      pool.shutdown();
    }
    assertThat(catalog.get(renamed.key()).variants())
        .hasSize(8)
        .allSatisfy(
            v -> {
              assertThat(v.versions()).isEqualTo(1);
              assertThat(v.activeVersion()).isEqualTo(1);
            });
  }

  private List<VariantSummary> variants() {
    List<VariantSummary> all = new ArrayList<>();
    catalog.list().forEach(o -> all.addAll(o.variants()));
    return all;
  }
}
