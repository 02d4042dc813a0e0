package io.kilowatch.preference.application;

import io.kilowatch.channel.Channel;
import io.kilowatch.channel.ContactDirectory;
import io.kilowatch.preference.domain.ContactPoint;
import java.util.List;

/**
 * What the notification side may ask about how to reach a customer. The Java API of this module;
 * when modules run in separate processes the same questions go over its HTTP API. To decide which
 * channel and address a message goes to, and when, use {@link DeliveryPlanner}.
 */
public interface ContactPoints extends ContactDirectory {
  /** Verified contact points of a customer on a channel, oldest first. Unverified ones never. */
  List<ContactPoint> verified(String customerId, Channel channel);

  /**
   * Takes a contact point out of use because a provider reported it dead (an unregistered push
   * token, a bounced or spam-reporting email address). Audited as a system action; nothing happens
   * when the customer has no such point.
   */
  void retire(String customerId, Channel channel, String address, String reason);

  /**
   * Customers with a verified contact point at the address on the channel (a reverse lookup, e.g.
   * the sender of an SMS keyword). The address is normalised first (E.164, lower-case email); an
   * address that is not valid for the channel matches nobody.
   */
  @Override
  List<String> customersAt(Channel channel, String address);
}
