package io.kilowatch.templates.adapter.out.persistence;

import java.time.Instant;

/** One row of {@code templates.template_version}; {@code parts} as JSON text. */
record VersionRow(
    String templateKey,
    String channel,
    String locale,
    int version,
    String status,
    String parts,
    String createdBy,
    Instant createdAt,
    String publishedBy,
    Instant publishedAt,
    Instant retiredAt) {}
