package io.kilowatch.metering.application;

/**
 * What became of a valid batch.
 *
 * @param accepted readings stored now
 * @param duplicates readings already stored before (same reading id, or same meter and timestamp),
 *     also earlier in the same batch; they changed nothing
 */
public record IngestResult(int accepted, int duplicates) {}
