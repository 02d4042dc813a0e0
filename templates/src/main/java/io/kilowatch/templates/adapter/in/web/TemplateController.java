package io.kilowatch.templates.adapter.in.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowatch.platform.security.Roles;
import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import io.kilowatch.platform.web.NotFoundException;
import io.kilowatch.templates.application.TemplateCatalog;
import io.kilowatch.templates.application.TemplatePreviews;
import io.kilowatch.templates.application.TemplateVersions;
import io.kilowatch.templates.application.VersionOutcome;
import io.kilowatch.templates.application.port.in.CreateVersionCommand;
import io.kilowatch.templates.application.port.in.DefineTemplateCommand;
import io.kilowatch.templates.application.port.in.DefineTemplateCommand.VariableInput;
import io.kilowatch.templates.application.port.in.PreviewCommand;
import io.kilowatch.templates.application.port.in.TemplateCoordinates;
import io.kilowatch.templates.domain.TemplateKey;
import io.kilowatch.templates.domain.TemplateVersion;
import io.kilowatch.templates.domain.VersionStatus;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Templates: ops, support and admins read; admins and ops declare keys, save drafts and publish;
 * support, ops and admins preview.
 */
@Controller("/api/v1/templates")
class TemplateController {
  private static final String BASE = "/api/v1/templates/";

  private final TemplateCatalog catalog;
  private final TemplateVersions versions;
  private final TemplatePreviews previews;

  TemplateController(
      TemplateCatalog catalog, TemplateVersions versions, TemplatePreviews previews) {
    this.catalog = catalog;
    this.versions = versions;
    this.previews = previews;
  }

  @Get
  @Secured({Roles.OPS, Roles.SUPPORT, Roles.ADMIN})
  Views.TemplateList list() {
    return new Views.TemplateList(catalog.list().stream().map(Views.Template::of).toList());
  }

  @Get("/{key}")
  @Secured({Roles.OPS, Roles.SUPPORT, Roles.ADMIN})
  Views.Template get(@PathVariable String key) {
    return Views.Template.of(catalog.get(knownKey(key)));
  }

  @Put("/{key}")
  @Secured({Roles.ADMIN, Roles.OPS})
  Views.Template define(
      @PathVariable String key, @Body Requests.DefineTemplate body, Authentication caller) {
    return Views.Template.of(
        catalog.define(
            DefineTemplateCommand.parse(
                key,
                JsonInput.text(body.defaultLocale(), "defaultLocale"),
                JsonInput.text(body.description(), "description"),
                variables(body.variables())),
            caller.getName()));
  }

  @Get("/{key}/{channel}/{locale}")
  @Secured({Roles.OPS, Roles.SUPPORT, Roles.ADMIN})
  Views.VersionList versions(
      @PathVariable String key, @PathVariable String channel, @PathVariable String locale) {
    TemplateCoordinates at = TemplateCoordinates.parse(key, channel, locale);
    List<TemplateVersion> all = versions.versions(at);
    Integer active =
        all.stream()
            .filter(v -> v.status() == VersionStatus.PUBLISHED)
            .map(TemplateVersion::version)
            .findFirst()
            .orElse(null);
    return new Views.VersionList(
        at.key().value(),
        at.channel().wireName(),
        at.locale().tag(),
        active,
        all.stream().map(v -> Views.Version.of(v, List.of())).toList());
  }

  @Get("/{key}/{channel}/{locale}/versions/{version}")
  @Secured({Roles.OPS, Roles.SUPPORT, Roles.ADMIN})
  Views.Version version(
      @PathVariable String key,
      @PathVariable String channel,
      @PathVariable String locale,
      @PathVariable String version) {
    TemplateCoordinates at = TemplateCoordinates.parse(key, channel, locale);
    return Views.Version.of(versions.version(at, number(version)), List.of());
  }

  @Post("/{key}/{channel}/{locale}/versions")
  @Secured({Roles.ADMIN, Roles.OPS})
  HttpResponse<Views.Version> create(
      @PathVariable String key,
      @PathVariable String channel,
      @PathVariable String locale,
      @Body Requests.CreateVersion body,
      Authentication caller) {
    TemplateCoordinates at = TemplateCoordinates.parse(key, channel, locale);
    VersionOutcome outcome =
        versions.create(
            CreateVersionCommand.parse(at, JsonInput.stringMap(body.parts(), "parts")),
            caller.getName());
    TemplateVersion v = outcome.version();
    return HttpResponse.created(
        Views.Version.of(outcome),
        URI.create(
            BASE
                + v.key().value()
                + "/"
                + v.channel().wireName()
                + "/"
                + v.locale().tag()
                + "/versions/"
                + v.version()));
  }

  @Post("/{key}/{channel}/{locale}/versions/{version}/publish")
  @Secured({Roles.ADMIN, Roles.OPS})
  Views.Version publish(
      @PathVariable String key,
      @PathVariable String channel,
      @PathVariable String locale,
      @PathVariable String version,
      Authentication caller) {
    TemplateCoordinates at = TemplateCoordinates.parse(key, channel, locale);
    return Views.Version.of(versions.publish(at, number(version), caller.getName()));
  }

  @Post("/preview")
  @Secured({Roles.SUPPORT, Roles.OPS, Roles.ADMIN})
  Views.Preview preview(@Body Requests.Preview body) {
    return Views.Preview.of(
        previews.preview(
            PreviewCommand.parse(
                JsonInput.text(body.key(), "key"),
                JsonInput.text(body.channel(), "channel"),
                JsonInput.text(body.locale(), "locale"),
                JsonInput.positiveInt(body.version(), "version"),
                JsonInput.stringMap(body.data(), "data"))));
  }

  private static List<VariableInput> variables(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (!node.isArray()) {
      throw InvalidInputException.of("variables", "must be an array of variables");
    }
    List<VariableInput> inputs = new ArrayList<>();
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode v = node.get(i);
      String at = "variables[" + i + "]";
      if (!v.isObject()) {
        errors.add(new FieldError(at, "must be an object with name, description, sample"));
        continue;
      }
      JsonNode required = v.get("required");
      if (required != null && !required.isNull() && !required.isBoolean()) {
        errors.add(new FieldError(at + ".required", "must be true or false"));
        continue;
      }
      try {
        inputs.add(
            new VariableInput(
                JsonInput.text(v.get("name"), at + ".name"),
                JsonInput.text(v.get("description"), at + ".description"),
                JsonInput.text(v.get("sample"), at + ".sample"),
                required == null || required.isNull() ? null : required.booleanValue()));
      } catch (InvalidInputException e) {
        errors.addAll(e.errors());
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return inputs;
  }

  /** A key in a path: a string that cannot be a key is a key that does not exist. */
  private static TemplateKey knownKey(String key) {
    try {
      return new TemplateKey(key);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("template key");
    }
  }

  /** A version number in a path; anything else is a version that does not exist. */
  private static int number(String version) {
    try {
      int n = Integer.parseInt(version);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // falls through to 404
    }
    throw new NotFoundException("template version");
  }
}
