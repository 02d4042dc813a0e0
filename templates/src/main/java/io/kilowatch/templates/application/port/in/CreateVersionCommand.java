package io.kilowatch.templates.application.port.in;

import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import io.kilowatch.templates.domain.Part;
import io.kilowatch.templates.domain.TemplateContent;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Save a new draft version.
 *
 * @param coordinates key, channel and locale
 * @param content the source of every part of the channel
 */
public record CreateVersionCommand(TemplateCoordinates coordinates, TemplateContent content) {
  /** Longest source of one part we accept, in characters. */
  public static final int MAX_PART_LENGTH = 100_000;

  /**
   * @param parts part name → source, e.g. {@code subject}, {@code html}, {@code text} for email
   * @throws InvalidInputException 400 naming {@code parts} or {@code parts.<name>} for a missing,
   *     unknown or oversized part
   */
  public static CreateVersionCommand parse(
      TemplateCoordinates coordinates, Map<String, String> parts) {
    if (parts == null) {
      throw InvalidInputException.of("parts", "is required");
    }
    List<FieldError> errors = new ArrayList<>();
    EnumMap<Part, String> sources = new EnumMap<>(Part.class);
    parts.forEach(
        (name, source) -> {
          var part = Part.of(coordinates.channel(), name);
          if (part.isEmpty()) {
            errors.add(
                new FieldError(
                    "parts." + name,
                    coordinates.channel().wireName()
                        + " templates have no part '"
                        + name
                        + "'; they have "
                        + partNames(coordinates)));
          } else if (source == null) {
            errors.add(new FieldError("parts." + name, "must be a string"));
          } else if (source.length() > MAX_PART_LENGTH) {
            errors.add(
                new FieldError(
                    "parts." + name, "is longer than " + MAX_PART_LENGTH + " characters"));
          } else {
            sources.put(part.get(), source);
          }
        });
    for (Part part : Part.of(coordinates.channel())) {
      if (!parts.containsKey(part.wireName())) {
        errors.add(new FieldError(part.field(), "is required"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return new CreateVersionCommand(
        coordinates, new TemplateContent(coordinates.channel(), sources));
  }

  private static String partNames(TemplateCoordinates coordinates) {
    return String.join(", ", Part.of(coordinates.channel()).stream().map(Part::wireName).toList());
  }
}
