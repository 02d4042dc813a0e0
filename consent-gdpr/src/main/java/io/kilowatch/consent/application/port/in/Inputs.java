package io.kilowatch.consent.application.port.in;

import io.kilowatch.channel.Channel;
import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Checks shared by this module's commands and endpoints. */
public final class Inputs {
  /** Customer ids as every module accepts them (billing-core's account ids). */
  public static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  public static final int MAX_REASON = 1000;
  public static final int MAX_TEXT = 200;

  private static final Set<String> CHANNELS =
      Arrays.stream(Channel.values()).map(Channel::wireName).collect(Collectors.toSet());
  private static final String CHANNEL_NAMES =
      Arrays.stream(Channel.values()).map(Channel::wireName).collect(Collectors.joining(", "));

  private Inputs() {}

  /** Adds an error for a customer id that is missing or not in the shared format. */
  public static void customerId(String field, String value, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError(field, "is required"));
    } else if (!CUSTOMER_ID.matcher(value).matches()) {
      errors.add(
          new FieldError(
              field,
              "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
    }
  }

  /** The customer id, or a 400 naming {@code customerId}. */
  public static String requireCustomerId(String value) {
    List<FieldError> errors = new java.util.ArrayList<>();
    customerId("customerId", value, errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return value;
  }

  /** True for a channel wire name ({@code sms}, {@code email}, {@code push}, {@code webhook}). */
  public static boolean isChannel(String value) {
    return value != null && CHANNELS.contains(value);
  }

  public static String channelNames() {
    return CHANNEL_NAMES;
  }

  /** Adds an error for an optional text that is blank or too long. */
  public static void optionalText(String field, String value, int max, List<FieldError> errors) {
    if (value == null) {
      return;
    }
    if (value.isBlank()) {
      errors.add(new FieldError(field, "must not be blank; leave it out instead"));
    } else if (value.length() > max) {
      errors.add(new FieldError(field, "must be at most " + max + " characters"));
    }
  }

  /** Adds an error for a required text that is missing, blank or too long. */
  public static void requiredText(
      String field, String value, int max, String what, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError(field, "is required: " + what));
    } else if (value.length() > max) {
      errors.add(new FieldError(field, "must be at most " + max + " characters"));
    }
  }

  /**
   * A staff member's reason for an action on personal data, or a 400 naming {@code reason}.
   *
   * @param what what the reason is for, for the message
   */
  public static String requireReason(String reason, String what) {
    List<FieldError> errors = new java.util.ArrayList<>();
    requiredText(
        "reason",
        reason,
        MAX_REASON,
        "say why you " + what + " (body 'reason' or header X-Kilowatch-Reason)",
        errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return reason.strip();
  }
}
