package io.kilowatch.consent.adapter.in.web;

/**
 * Body of {@code POST /api/v1/consents} (a customer) and {@code POST
 * /api/v1/customers/{customerId}/consents} (staff on the phone).
 *
 * @param purpose {@code service}, {@code marketing} or {@code analytics}
 * @param channel {@code sms}, {@code email}, {@code push}, {@code webhook}; absent or null for all
 * @param action {@code grant} or {@code withdraw}
 * @param textVersion version of the consent text shown (or read out on the phone)
 * @param source customers: {@code web} or {@code api} (default {@code api}); ignored for staff
 * @param reason staff: why (or header {@code X-Kilowatch-Reason}); required
 * @param identity staff: how the caller was identified (e.g. the verified number they called from,
 *     or a call reference); optional
 */
record ConsentRequest(
    String purpose,
    String channel,
    String action,
    String textVersion,
    String source,
    String reason,
    String identity) {}
