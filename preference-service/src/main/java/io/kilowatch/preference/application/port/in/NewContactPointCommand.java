package io.kilowatch.preference.application.port.in;

import io.kilowatch.channel.Channel;
import io.kilowatch.platform.web.InvalidInputException;
import io.kilowatch.preference.domain.ContactAddress;
import io.kilowatch.preference.domain.PushPlatform;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A request to add a contact point, well-formed by construction.
 *
 * @param channel the channel
 * @param address the address, normalised for the channel
 * @param platform the push token's platform; null for other channels
 * @param verifiedAsserted whether the caller says the address is already verified ({@code
 *     "verified": true}); only admins may, which the service checks
 */
public record NewContactPointCommand(
    Channel channel, String address, PushPlatform platform, boolean verifiedAsserted) {
  static final Set<String> FIELDS = Set.of("channel", "address", "platform", "verified");

  public NewContactPointCommand {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(address, "address");
  }

  /**
   * Reads the body {@code {"channel":"sms","address":"+447700900123"}}; push adds {@code
   * "platform":"android"|"ios"|"web"}; staff may add {@code "verified":true}.
   *
   * @throws InvalidInputException naming every invalid field
   */
  public static NewContactPointCommand parse(Map<String, Object> body) {
    BodyReader in = new BodyReader();
    if (body == null) {
      throw InvalidInputException.of("channel", "is required: " + BodyReader.channelNames());
    }
    in.onlyKnown(body, "", FIELDS);
    Optional<Channel> channel = in.channel(body.get("channel"), "channel");
    if (body.get("channel") == null) {
      in.error("channel", "is required: " + BodyReader.channelNames());
    }
    String address = null;
    Optional<String> rawAddress = in.string(body.get("address"), "address");
    if (channel.isPresent()) {
      if (body.get("address") == null || rawAddress.isPresent()) {
        ContactAddress.Checked checked =
            ContactAddress.check(channel.get(), rawAddress.orElse(null));
        if (checked.isValid()) {
          address = checked.normalised();
        } else {
          in.error("address", checked.problem());
        }
      }
    }
    PushPlatform platform = null;
    Optional<String> rawPlatform = in.string(body.get("platform"), "platform");
    if (channel.isPresent() && channel.get() == Channel.PUSH) {
      if (body.get("platform") == null) {
        in.error("platform", "is required for push: one of " + PushPlatform.wireNames());
      } else if (rawPlatform.isPresent()) {
        platform = PushPlatform.fromWire(rawPlatform.get().strip()).orElse(null);
        if (platform == null) {
          in.error(
              "platform",
              "unknown platform '" + rawPlatform.get() + "'; one of " + PushPlatform.wireNames());
        }
      }
    } else if (channel.isPresent() && body.get("platform") != null) {
      in.error("platform", "applies to push tokens only");
    }
    boolean verified = in.bool(body.get("verified"), "verified").orElse(false);
    in.throwIfInvalid();
    return new NewContactPointCommand(channel.orElseThrow(), address, platform, verified);
  }
}
