/**
 * Rules engine: customers' notification rules and their evaluation against events.
 *
 * <p>This base package is the module's public face; it exports no Java API. The module talks to the
 * rest of Kilowatch through events only: it consumes {@code billing.meter-assigned.v1} (into its
 * own meter-owner projection) and {@code metering.usage-window-updated.v1}, and publishes {@code
 * notification.requested.v1}. Everything in the sub-packages is internal.
 */
package io.kilowatch.rules;
