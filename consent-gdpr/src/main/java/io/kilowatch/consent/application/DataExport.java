package io.kilowatch.consent.application;

/**
 * A data-subject export: one ZIP archive.
 *
 * @param fileName suggested file name, e.g. {@code kilowatch-export-C-1-20260701T101500Z.zip}
 * @param zip the archive's bytes
 */
public record DataExport(String fileName, byte[] zip) {}
