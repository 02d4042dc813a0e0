package io.kilowatch.templates.adapter.out.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kilowatch.channel.Channel;
import io.kilowatch.templates.application.port.out.TemplateStore;
import io.kilowatch.templates.application.port.out.VariantSummary;
import io.kilowatch.templates.domain.TemplateContent;
import io.kilowatch.templates.domain.TemplateDefinition;
import io.kilowatch.templates.domain.TemplateKey;
import io.kilowatch.templates.domain.TemplateLocale;
import io.kilowatch.templates.domain.TemplateVersion;
import io.kilowatch.templates.domain.VariableDeclaration;
import io.kilowatch.templates.domain.VersionStatus;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Templates in {@code templates.template_definition} and {@code templates.template_version}. */
@Singleton
class TemplatePersistenceAdapter implements TemplateStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> PARTS = new TypeReference<>() {};
  private static final TypeReference<List<VariableJson>> VARIABLES = new TypeReference<>() {};

  /** A variable as stored in {@code variables}. */
  record VariableJson(String name, String description, String sample, boolean required) {}

  private final TemplateMapper mapper;

  TemplatePersistenceAdapter(TemplateMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public void lockKey(TemplateKey key) {
    mapper.lock("templates.key:" + key.value());
  }

  @Override
  public List<TemplateDefinition> definitions() {
    return mapper.definitions().stream().map(TemplatePersistenceAdapter::toDefinition).toList();
  }

  @Override
  public Optional<TemplateDefinition> definition(TemplateKey key) {
    return Optional.ofNullable(mapper.definition(key.value()))
        .map(TemplatePersistenceAdapter::toDefinition);
  }

  @Override
  public void saveDefinition(TemplateDefinition definition, String by, Instant at) {
    List<VariableJson> variables =
        definition.variables().stream()
            .map(v -> new VariableJson(v.name(), v.description(), v.sample(), v.required()))
            .toList();
    mapper.saveDefinition(
        new DefinitionRow(
            definition.key().value(),
            definition.defaultLocale().tag(),
            definition.description(),
            write(variables)),
        definition.key().category(),
        by,
        at);
  }

  @Override
  public List<VariantSummary> variants() {
    return mapper.variants().stream()
        .map(
            r ->
                new VariantSummary(
                    new TemplateKey(r.templateKey()),
                    channel(r.channel()),
                    new TemplateLocale(r.locale()),
                    r.activeVersion(),
                    r.latestVersion(),
                    (int) r.versions()))
        .toList();
  }

  @Override
  public List<TemplateVersion> versions(TemplateKey key, Channel channel, TemplateLocale locale) {
    return mapper.versions(key.value(), channel.wireName(), locale.tag()).stream()
        .map(TemplatePersistenceAdapter::toVersion)
        .toList();
  }

  @Override
  public Optional<TemplateVersion> version(
      TemplateKey key, Channel channel, TemplateLocale locale, int version) {
    return Optional.ofNullable(
            mapper.version(key.value(), channel.wireName(), locale.tag(), version))
        .map(TemplatePersistenceAdapter::toVersion);
  }

  @Override
  public List<TemplateVersion> published(TemplateKey key) {
    return mapper.published(key.value()).stream()
        .map(TemplatePersistenceAdapter::toVersion)
        .toList();
  }

  @Override
  public int latestVersion(TemplateKey key, Channel channel, TemplateLocale locale) {
    return mapper.latestVersion(key.value(), channel.wireName(), locale.tag());
  }

  @Override
  public void insert(TemplateVersion v) {
    mapper.insert(
        new VersionRow(
            v.key().value(),
            v.channel().wireName(),
            v.locale().tag(),
            v.version(),
            v.status().wireName(),
            write(v.content().byWireName()),
            v.createdBy(),
            v.createdAt(),
            v.publishedBy(),
            v.publishedAt(),
            v.retiredAt()));
  }

  @Override
  public boolean publish(TemplateVersion draft, String by, Instant at) {
    String key = draft.key().value();
    String channel = draft.channel().wireName();
    String locale = draft.locale().tag();
    if (mapper.version(key, channel, locale, draft.version()) == null) {
      return false;
    }
    mapper.retireActive(key, channel, locale, at);
    return mapper.publish(key, channel, locale, draft.version(), by, at) == 1;
  }

  private static TemplateDefinition toDefinition(DefinitionRow row) {
    List<VariableJson> variables = read(row.variables(), VARIABLES);
    return new TemplateDefinition(
        new TemplateKey(row.templateKey()),
        new TemplateLocale(row.defaultLocale()),
        row.description(),
        variables.stream()
            .map(v -> new VariableDeclaration(v.name(), v.description(), v.sample(), v.required()))
            .toList());
  }

  private static TemplateVersion toVersion(VersionRow row) {
    Channel channel = channel(row.channel());
    Map<String, String> parts = new LinkedHashMap<>(read(row.parts(), PARTS));
    return new TemplateVersion(
        new TemplateKey(row.templateKey()),
        channel,
        new TemplateLocale(row.locale()),
        row.version(),
        VersionStatus.fromWire(row.status())
            .orElseThrow(() -> new IllegalStateException("unknown status " + row.status())),
        TemplateContent.fromWireNames(channel, parts),
        row.createdBy(),
        row.createdAt(),
        row.publishedBy(),
        row.publishedAt(),
        row.retiredAt());
  }

  private static Channel channel(String wireName) {
    return Channel.valueOf(wireName.toUpperCase(Locale.ROOT));
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T> T read(String json, TypeReference<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable JSON column: " + e.getOriginalMessage(), e);
    }
  }
}
