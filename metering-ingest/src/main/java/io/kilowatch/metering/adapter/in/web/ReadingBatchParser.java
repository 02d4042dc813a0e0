package io.kilowatch.metering.adapter.in.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.kilowatch.metering.domain.ReadingBatchValidator;
import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import io.micronaut.http.HttpStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a request body into the batch's items as untyped JSON values, for {@link
 * ReadingBatchValidator} to check field by field. Only the shape of the body is checked here: JSON,
 * an array, not too many items. Counting stops at the first item over the limit, so an oversized
 * batch is never held as a whole. Thread-safe.
 */
final class ReadingBatchParser {
  // Floats as BigDecimal keep 12.0000000000000001 a fraction; duplicate keys make a reading
  // ambiguous and are rejected. Content after the array is checked in parse().
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private final int maxItems;

  ReadingBatchParser(int maxItems) {
    this.maxItems = maxItems;
  }

  /**
   * @throws InvalidInputException 400 when the body is empty, not JSON or not an array; 413 when it
   *     has more than {@code maxItems} items
   */
  List<Object> parse(byte[] body) {
    if (body == null || body.length == 0) {
      throw invalid("is required: a JSON array of readings");
    }
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw invalid("must be a JSON array of readings");
      }
      List<Object> items = new ArrayList<>();
      for (JsonToken token = parser.nextToken();
          token != JsonToken.END_ARRAY;
          token = parser.nextToken()) {
        if (token == null) {
          throw invalid("is not valid JSON: the array is not closed");
        }
        if (items.size() == maxItems) {
          throw new InvalidInputException(
              HttpStatus.REQUEST_ENTITY_TOO_LARGE,
              List.of(
                  new FieldError(
                      ReadingBatchValidator.BATCH,
                      "must contain at most " + maxItems + " readings; split the batch")));
        }
        items.add(JSON.readValue(parser, Object.class));
      }
      if (parser.nextToken() != null) {
        throw invalid("is not valid JSON: unexpected content after the array");
      }
      return items;
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw invalid("is not valid JSON" + where + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw invalid("is not readable: " + e.getMessage());
    }
  }

  private static InvalidInputException invalid(String message) {
    return InvalidInputException.of(ReadingBatchValidator.BATCH, message);
  }
}
