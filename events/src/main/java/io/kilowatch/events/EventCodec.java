package io.kilowatch.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;

/**
 * Encodes and decodes event envelopes in their one wire form: CloudEvents structured JSON, UTF-8.
 * Thread-safe.
 *
 * <p>Readers are tolerant: unknown fields are ignored so that a producer can add optional fields
 * without a new version. Every field of the record must be present on the wire ({@link
 * EventCodec#encode} always writes them all); optional fields are written as {@code null}, which
 * the record accepts or refuses in its constructor. A missing field, or a null where the record
 * needs a value, fails with {@link MalformedEventException} naming the field, except a field that
 * was added to the version later ({@link EventType#addedFields()}): an older producer's message
 * lacks it and is read with the field's stated default.
 */
public final class EventCodec {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

  private EventCodec() {}

  /** The shared mapper configured for event records; do not reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static byte[] encode(EventEnvelope<?> envelope) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("specversion", EventEnvelope.SPEC_VERSION);
    node.put("id", envelope.id());
    node.put("source", envelope.source());
    node.put("type", envelope.type());
    node.put("time", envelope.time().toString());
    if (envelope.subject() != null) {
      node.put("subject", envelope.subject());
    }
    node.put("datacontenttype", "application/json");
    node.set("data", MAPPER.valueToTree(envelope.data()));
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("event not serialisable: " + envelope.type(), e);
    }
  }

  /** Reads the envelope's header fields without binding {@code data} to a record. */
  public static RawEnvelope decodeRaw(byte[] body) {
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new MalformedEventException("body is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new MalformedEventException("body is not readable: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw new MalformedEventException("body is not a JSON object");
    }
    String id = text(node, "id");
    String type = text(node, "type");
    String source = text(node, "source");
    Instant time;
    try {
      time = Instant.parse(text(node, "time"));
    } catch (java.time.format.DateTimeParseException e) {
      throw new MalformedEventException("field 'time' is not an ISO-8601 instant");
    }
    JsonNode subject = node.get("subject");
    JsonNode data = node.get("data");
    if (data == null || !data.isObject()) {
      throw new MalformedEventException("field 'data' is missing or not an object");
    }
    return new RawEnvelope(
        id,
        type,
        source,
        time,
        subject == null || subject.isNull() ? null : subject.asText(),
        data);
  }

  /** Decodes a whole envelope whose type must be {@code expected}. */
  public static <T> EventEnvelope<T> decode(byte[] body, EventType<T> expected) {
    return decodeRaw(body).bind(expected);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new MalformedEventException("field '" + field + "' is missing or not a string");
    }
    return value.asText();
  }

  /** An envelope whose data is still JSON. */
  public record RawEnvelope(
      String id, String type, String source, Instant time, String subject, JsonNode data) {
    public <T> EventEnvelope<T> bind(EventType<T> expected) {
      if (!expected.name().equals(type)) {
        throw new MalformedEventException(
            "expected type '" + expected.name() + "' but got '" + type + "'");
      }
      JsonNode bound = data;
      if (!expected.addedFields().isEmpty() && data.isObject()) {
        ObjectNode upcast = null;
        for (var added : expected.addedFields().entrySet()) {
          if (!data.has(added.getKey())) {
            if (upcast == null) {
              upcast = ((ObjectNode) data).deepCopy();
            }
            upcast.set(added.getKey(), MAPPER.valueToTree(added.getValue()));
          }
        }
        bound = upcast == null ? data : upcast;
      }
      T value;
      try {
        value = MAPPER.treeToValue(bound, expected.dataClass());
      } catch (JsonProcessingException | IllegalArgumentException e) {
        throw new MalformedEventException(
            "data does not match " + expected.name() + ": " + rootMessage(e));
      }
      return new EventEnvelope<>(id, type, source, time, subject, value);
    }

    private static String rootMessage(Throwable t) {
      Throwable root = t;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      if (root instanceof NullPointerException && root.getMessage() != null) {
        // the records' constructors name the required field that was null
        return "field '" + root.getMessage() + "' is required but was null";
      }
      String message =
          root instanceof JsonProcessingException jpe
              ? jpe.getOriginalMessage()
              : root.getMessage();
      return message == null ? root.getClass().getSimpleName() : message;
    }
  }
}
