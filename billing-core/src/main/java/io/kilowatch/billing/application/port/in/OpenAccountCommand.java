package io.kilowatch.billing.application.port.in;

import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A request to open a customer's account with its meters. Validates itself on construction: a
 * command that exists is well-formed (the checks that need the database, such as a meter already
 * belonging to someone else, are the service's).
 *
 * @param customerId the customer's id, also the account id
 * @param name account holder's name
 * @param region supply region like {@code GB-LON}
 * @param timeZone IANA zone id like {@code Europe/London}
 * @param meters the meters to assign, at least one, no duplicates, in request order
 * @param supplyStart ISO date from which the customer owns the meters' readings (move-in or switch
 *     date, local midnight in {@code timeZone}); null means from now
 * @throws InvalidInputException naming every invalid field (JSON paths such as {@code meters[2]})
 */
public record OpenAccountCommand(
    String customerId,
    String name,
    String region,
    String timeZone,
    List<String> meters,
    String supplyStart) {
  /** Identifiers of customers and meters: safe in URLs, event subjects and idempotency keys. */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  public static final Pattern REGION = Pattern.compile("[A-Z]{2}-[A-Z0-9]{2,8}");
  public static final int MAX_NAME_LENGTH = 200;
  public static final int MAX_METERS = 100;

  private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();
  private static final String ID_RULE =
      "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit";

  public OpenAccountCommand {
    List<FieldError> errors = new ArrayList<>();
    checkId("customerId", customerId, errors);
    if (name == null || name.isBlank()) {
      errors.add(new FieldError("name", "must not be blank"));
    } else if (name.length() > MAX_NAME_LENGTH) {
      errors.add(new FieldError("name", "must be at most " + MAX_NAME_LENGTH + " characters"));
    }
    if (region == null || region.isBlank()) {
      errors.add(new FieldError("region", "must not be blank"));
    } else if (!REGION.matcher(region).matches()) {
      errors.add(new FieldError("region", "must be like GB-LON (pattern " + REGION + ")"));
    }
    if (timeZone == null || timeZone.isBlank()) {
      errors.add(new FieldError("timeZone", "must not be blank"));
    } else if (!ZONES.contains(timeZone)) {
      errors.add(new FieldError("timeZone", "'" + timeZone + "' is not an IANA time zone"));
    }
    if (meters == null || meters.isEmpty()) {
      errors.add(new FieldError("meters", "must list at least one meter"));
    } else if (meters.size() > MAX_METERS) {
      errors.add(new FieldError("meters", "must list at most " + MAX_METERS + " meters"));
    } else {
      Map<String, Integer> seen = new HashMap<>();
      for (int i = 0; i < meters.size(); i++) {
        String meter = meters.get(i);
        String field = "meters[" + i + "]";
        if (checkId(field, meter, errors)) {
          Integer first = seen.putIfAbsent(meter, i);
          if (first != null) {
            errors.add(new FieldError(field, "duplicates meters[" + first + "] (" + meter + ")"));
          }
        }
      }
    }
    if (supplyStart != null) {
      try {
        LocalDate.parse(supplyStart);
      } catch (DateTimeParseException e) {
        errors.add(new FieldError("supplyStart", "must be an ISO date like 2026-11-01"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    meters = List.copyOf(meters);
  }

  /** An account whose supply starts now. */
  public OpenAccountCommand(
      String customerId, String name, String region, String timeZone, List<String> meters) {
    this(customerId, name, region, timeZone, meters, null);
  }

  /** When the customer's ownership of the meters begins; {@code now} when no date was given. */
  public Instant assignedFrom(Instant now) {
    return supplyStart == null
        ? now
        : LocalDate.parse(supplyStart).atStartOfDay(ZoneId.of(timeZone)).toInstant();
  }

  private static boolean checkId(String field, String value, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError(field, "must not be blank"));
      return false;
    }
    if (!ID.matcher(value).matches()) {
      errors.add(new FieldError(field, ID_RULE));
      return false;
    }
    return true;
  }
}
