package io.kilowatch.consent.adapter.in.web;

/** Optional body of compliance requests: why (or header {@code X-Kilowatch-Reason}). */
record ReasonRequest(String reason) {}
