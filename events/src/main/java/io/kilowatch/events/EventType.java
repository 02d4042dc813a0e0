package io.kilowatch.events;

import java.util.Map;
import java.util.Objects;

/**
 * The wire identity of one event contract: its versioned type name (also the CloudEvents {@code
 * type} and the AMQP routing key) and the record that carries its data.
 *
 * <p>A change that breaks the JSON form of a record gets a new type with a new version suffix; the
 * old type stays until every consumer has moved. Immutable and thread-safe.
 *
 * @param name versioned type name, e.g. {@code metering.usage-window-updated.v1}
 * @param dataClass the record carried in the envelope's {@code data}
 * @param addedFields optional fields added to this version after it was first published, with the
 *     value a message from an older producer (which lacks the field) is read with; adding an
 *     optional field this way is compatible, changing or removing one is not
 * @param <T> the data record type
 */
public record EventType<T>(String name, Class<T> dataClass, Map<String, Object> addedFields) {
  public EventType {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dataClass, "dataClass");
    addedFields = addedFields == null ? Map.of() : Map.copyOf(addedFields);
    if (!name.matches("[a-z]+(\\.[a-z0-9-]+)+\\.v[0-9]+")) {
      throw new IllegalArgumentException("event type name must be <area>.<name>.v<N>: " + name);
    }
  }

  public EventType(String name, Class<T> dataClass) {
    this(name, dataClass, Map.of());
  }

  /** The AMQP routing key; equal to the type name so that topic bindings can use its parts. */
  public String routingKey() {
    return name;
  }
}
