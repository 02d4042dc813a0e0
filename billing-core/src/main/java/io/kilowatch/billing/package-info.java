/**
 * Billing core: accounts and which meters belong to which customer; later rating, invoices and bill
 * projection.
 *
 * <p>This base package is the module's public face. It exports no Java API yet: other modules learn
 * about accounts and meters from the events billing publishes ({@code billing.meter-assigned.v1}).
 * Everything in the sub-packages is internal to the module. In particular the notification side
 * (rules, delivery) must never call billing's {@code MeterOwnership}; it keeps its own projection
 * of the events instead, so that billing and notifications can be deployed and scaled apart.
 */
package io.kilowatch.billing;
