package io.kilowatch.templates.adapter.in.seed;

import io.kilowatch.templates.application.DefaultTemplate;
import io.kilowatch.templates.application.TemplateVersions;
import io.kilowatch.templates.application.TemplatesSettings;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds the shipped templates at start-up where nothing exists yet (see {@link
 * TemplateVersions#seed}); idempotent and safe with several instances starting together. Off with
 * {@code kilowatch.templates.seed-defaults=false}.
 */
@Singleton
class DefaultTemplatesSeeder {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultTemplatesSeeder.class);

  private final TemplateVersions versions;
  private final TemplatesSettings settings;

  DefaultTemplatesSeeder(TemplateVersions versions, TemplatesSettings settings) {
    this.versions = versions;
    this.settings = settings;
  }

  @EventListener
  void onStartup(StartupEvent event) {
    if (!settings.isSeedDefaults()) {
      return;
    }
    int published = 0;
    for (DefaultTemplate template : DefaultTemplateFiles.load()) {
      published += versions.seed(template);
    }
    LOG.info(
        "default templates: {} keys checked, {} versions published",
        DefaultTemplateFiles.KEYS.size(),
        published);
  }
}
