/**
 * Rules engine: customers' notification rules and their evaluation against events.
 *
 * <p>This base package is the module's public face; it exports no Java API. The module talks to the
 * rest of Kilowatch through events only: it consumes billing's meter assignments (into its own
 * meter-owner projection), bill projections and bill events, metering's usage windows and outage
 * events, and pricing's price changes and day-ahead prices; it publishes {@code
 * notification.requested.v1}. Everything in the sub-packages is internal; {@code bench} holds the
 * price index benchmark ({@code bench/run rules}).
 */
package io.kilowatch.rules;
