package io.kilowatch.billing.adapter.in.web;

import java.util.List;

/** Body of {@code POST /api/v1/accounts}; validated by {@code OpenAccountCommand}. */
record OpenAccountRequest(
    String customerId,
    String name,
    String region,
    String timeZone,
    List<String> meters,
    String supplyStart) {}
