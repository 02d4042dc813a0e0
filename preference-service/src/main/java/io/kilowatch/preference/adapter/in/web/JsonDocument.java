package io.kilowatch.preference.adapter.in.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A JSON answer built from maps and lists, written with its {@code null} values. The platform's
 * Jackson leaves nulls out, but here they carry meaning: in a preferences document an absent field
 * means "the default" and {@code null} means "none", so what GET answers must go back through PUT
 * unchanged.
 */
@JsonSerialize(using = JsonDocument.Writer.class)
record JsonDocument(Map<String, Object> value) {
  static final class Writer extends StdSerializer<JsonDocument> {
    Writer() {
      super(JsonDocument.class);
    }

    @Override
    public void serialize(JsonDocument document, JsonGenerator out, SerializerProvider provider)
        throws IOException {
      write(document.value(), out, provider);
    }

    private static void write(Object value, JsonGenerator out, SerializerProvider provider)
        throws IOException {
      if (value == null) {
        out.writeNull();
      } else if (value instanceof Map<?, ?> map) {
        out.writeStartObject();
        for (Map.Entry<?, ?> e : map.entrySet()) {
          out.writeFieldName(String.valueOf(e.getKey()));
          write(e.getValue(), out, provider);
        }
        out.writeEndObject();
      } else if (value instanceof List<?> list) {
        out.writeStartArray();
        for (Object item : list) {
          write(item, out, provider);
        }
        out.writeEndArray();
      } else {
        provider.defaultSerializeValue(value, out);
      }
    }
  }
}
