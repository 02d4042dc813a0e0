package io.kilowatch.templates.application.port.out;

import io.kilowatch.channel.Channel;
import io.kilowatch.templates.domain.TemplateKey;
import io.kilowatch.templates.domain.TemplateLocale;

/**
 * The versions of one key, channel and locale at a glance.
 *
 * @param activeVersion the published version; null when none is published
 * @param latestVersion the highest version number
 * @param versions how many versions there are
 */
public record VariantSummary(
    TemplateKey key,
    Channel channel,
    TemplateLocale locale,
    Integer activeVersion,
    int latestVersion,
    int versions) {}
