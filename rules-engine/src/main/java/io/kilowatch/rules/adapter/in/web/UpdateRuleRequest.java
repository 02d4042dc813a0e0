package io.kilowatch.rules.adapter.in.web;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/** Body of {@code PATCH /api/v1/rules/{id}}: the fields to change; absent ones stay. */
record UpdateRuleRequest(
    Boolean active, @JsonDeserialize(using = DecimalText.class) String thresholdKwh) {}
