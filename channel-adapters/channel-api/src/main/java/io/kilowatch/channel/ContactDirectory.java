package io.kilowatch.channel;

import java.util.List;

/**
 * Who can be reached at an address on a channel: the reverse of a customer's contact points, for
 * messages that arrive from a person and name them only by their address (an SMS keyword such as
 * STOP from a phone number). preference-service, which owns contact points, implements it; other
 * modules (consent-gdpr) use it without depending on preference-service. Thread-safe.
 */
public interface ContactDirectory {
  /**
   * Customers that have {@code address} as a <em>verified</em> contact point on {@code channel}, in
   * no particular order; empty when nobody has. Several customers may share an address (a
   * household's phone). Unverified points never count: an address someone merely typed in proves
   * nothing about who sends from it.
   *
   * @param address as the provider reports it: E.164 for SMS, the email address for email
   */
  List<String> customersAt(Channel channel, String address);
}
