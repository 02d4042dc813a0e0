package io.kilowatch.rules.adapter.in.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;

/**
 * Reads a JSON number or string as its exact text, so that {@code 10.25} and {@code "10.25"} both
 * reach validation as {@code "10.25"} without passing through {@code double}. Any other JSON value
 * becomes text that validation rejects as not a number.
 */
class DecimalText extends JsonDeserializer<String> {
  @Override
  public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NUMBER_INT
        || token == JsonToken.VALUE_NUMBER_FLOAT
        || token == JsonToken.VALUE_STRING) {
      return parser.getText();
    }
    if (token != null && token.isStructStart()) {
      parser.skipChildren();
      return token == JsonToken.START_OBJECT ? "{object}" : "[array]";
    }
    return String.valueOf(parser.getText());
  }
}
