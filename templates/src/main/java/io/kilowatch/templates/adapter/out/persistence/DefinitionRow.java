package io.kilowatch.templates.adapter.out.persistence;

/** One row of {@code templates.template_definition}; {@code variables} as JSON text. */
record DefinitionRow(
    String templateKey, String defaultLocale, String description, String variables) {}
