package io.kilowatch.rules.adapter.in.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code channels} as a list of names: {@code "preferences"} becomes {@code ["preferences"]},
 * an array its elements as text. Any other JSON value becomes a name validation rejects, so the
 * answer is a 400 naming {@code channels} rather than a parse error.
 */
class ChannelsText extends JsonDeserializer<List<String>> {
  @Override
  public List<String> deserialize(JsonParser parser, DeserializationContext context)
      throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_STRING) {
      return List.of(parser.getText());
    }
    if (token == JsonToken.START_ARRAY) {
      List<String> names = new ArrayList<>();
      for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
        if (t.isStructStart()) {
          parser.skipChildren();
          names.add("{" + t.asString() + "}");
        } else {
          names.add(parser.getText());
        }
      }
      return names;
    }
    if (token != null && token.isStructStart()) {
      parser.skipChildren();
    }
    return List.of("{" + parser.getText() + "}");
  }
}
