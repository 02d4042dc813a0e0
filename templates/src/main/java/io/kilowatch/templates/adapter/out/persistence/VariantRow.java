package io.kilowatch.templates.adapter.out.persistence;

/** Versions of one key, channel and locale at a glance. */
record VariantRow(
    String templateKey,
    String channel,
    String locale,
    Integer activeVersion,
    int latestVersion,
    long versions) {}
