package io.kilowatch.preference.application.port.in;

import io.kilowatch.platform.web.InvalidInputException;
import java.util.regex.Pattern;

/** Customer ids as staff give them in paths: the same identifiers billing accepts. */
public final class CustomerIdInput {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private CustomerIdInput() {}

  /**
   * @throws InvalidInputException naming {@code customerId} when it is not an identifier
   */
  public static String require(String customerId) {
    if (customerId == null || !ID.matcher(customerId).matches()) {
      throw InvalidInputException.of(
          "customerId",
          "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    return customerId;
  }
}
