package io.kilowatch.rules.adapter.in.web;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * Body of {@code POST /api/v1/rules}.
 *
 * @param kind e.g. {@code daily-usage-above}
 * @param thresholdKwh decimal string or JSON number, read exactly
 * @param meterId one of the customer's meters; absent for all of them
 */
record CreateRuleRequest(
    String kind, @JsonDeserialize(using = DecimalText.class) String thresholdKwh, String meterId) {}
