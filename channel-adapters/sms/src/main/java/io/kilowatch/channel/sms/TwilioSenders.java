package io.kilowatch.channel.sms;

import io.kilowatch.channel.OutboundMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which sender of a Twilio account a message goes out from: the configured sender for the
 * recipient's region, else the account's default ({@code from-number} and/or {@code
 * messaging-service-sid}). The region is the message's {@code region} metadata (ISO 3166-1 alpha-2)
 * when it carries one, else the region of the recipient's E.164 calling code ({@link
 * CallingCodes}). Immutable and thread-safe.
 */
final class TwilioSenders {
  /** Metadata key of an {@link OutboundMessage} that names the recipient's region. */
  static final String REGION_METADATA = "region";

  private static final Pattern MESSAGING_SERVICE_SID = Pattern.compile("^MG[0-9a-fA-F]{32}$");

  /**
   * Twilio's {@code From} and {@code MessagingServiceSid} for one message; either may be null, not
   * both.
   */
  record Sender(String fromNumber, String messagingServiceSid) {}

  private final Sender defaultSender;
  private final Map<String, Sender> byRegion;

  /**
   * @throws IllegalArgumentException if there is no default sender, or a region key is not two
   *     letters or its value is blank
   */
  TwilioSenders(TwilioAccountSettings settings) {
    String from = blankToNull(settings.getFromNumber());
    String service = blankToNull(settings.getMessagingServiceSid());
    if (from == null && service == null) {
      throw new IllegalArgumentException(
          "Twilio needs from-number or messaging-service-sid: " + settings);
    }
    this.defaultSender = new Sender(from, service);
    Map<String, Sender> regions = new LinkedHashMap<>();
    settings
        .getSenders()
        .forEach(
            (key, value) -> {
              String region = CallingCodes.normalise(key);
              if (!CallingCodes.isRegionCode(region)) {
                throw new IllegalArgumentException(
                    settings.prefix()
                        + ".senders: '"
                        + key
                        + "' is not an ISO 3166 alpha-2 region such as GB");
              }
              String sender = blankToNull(value);
              if (sender == null) {
                throw new IllegalArgumentException(
                    settings.prefix() + ".senders." + key + " is blank");
              }
              sender = sender.strip();
              Sender parsed =
                  MESSAGING_SERVICE_SID.matcher(sender).matches()
                      ? new Sender(null, sender)
                      : new Sender(sender, null);
              Sender earlier = regions.put(region, parsed);
              if (earlier != null && !earlier.equals(parsed)) {
                throw new IllegalArgumentException(
                    settings.prefix() + ".senders names region " + region + " twice, differently");
              }
            });
    this.byRegion = Map.copyOf(regions);
  }

  /** The sender for this message's recipient. */
  Sender senderFor(OutboundMessage message) {
    String region = regionOf(message);
    Sender sender = region == null ? null : byRegion.get(region);
    return sender != null ? sender : defaultSender;
  }

  /** The region the message names, or that of its recipient's number; null if neither is known. */
  static String regionOf(OutboundMessage message) {
    String named = CallingCodes.normalise(message.metadata().get(REGION_METADATA));
    if (CallingCodes.isRegionCode(named)) {
      return named;
    }
    return CallingCodes.regionOf(message.recipient());
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
