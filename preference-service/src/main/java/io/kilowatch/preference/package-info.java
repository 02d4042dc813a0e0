/**
 * Preference service: how, when and how often each customer may be reached. Contact points per
 * channel with double opt-in, channel choice and fallback order per category, opt-outs, quiet hours
 * in the customer's zone, frequency caps, locale; an HTTP API for customers and staff with an
 * append-only audit log.
 *
 * <p>The module's Java API, for delivery (in process; the HTTP API when split):
 *
 * <ul>
 *   <li>{@link io.kilowatch.preference.application.DeliveryPlanner}: plan one message (where, when,
 *       or why not) and record what went out;
 *   <li>{@link io.kilowatch.preference.application.ContactPoints}: a customer's verified contact
 *       points on a channel;
 *   <li>the values they return: {@link io.kilowatch.preference.domain.DeliveryPlan}, {@link
 *       io.kilowatch.preference.domain.ContactPoint}, {@link
 *       io.kilowatch.preference.domain.PushPlatform}.
 * </ul>
 *
 * <p>Everything else (services, ports, adapters, the other domain classes) is internal. The module
 * owns the {@code preference} schema; no other module reads it.
 */
package io.kilowatch.preference;
