package dev.crossborder.shims;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;

/**
 * The numbers of a JSON line's top-level object as strings, their text exactly as written ({@code 18.50} becomes
 * {@code "18.50"}): what Spark 4 gives a string column read from a JSON number, which Spark 3.5 rewrites through a
 * double ({@code 18.5}, and {@code 75729544684064.985} loses its last cent). Used by the 3.5 line's shim only.
 */
public final class JsonNumberText {
  private JsonNumberText() {}

  private static final JsonFactory FACTORY = new JsonFactory();

  /** {@code line} with its top-level numbers quoted; the line unchanged when it is not one JSON object. */
  public static String quoteTopLevelNumbers(String line) {
    if (line == null) {
      return null;
    }
    StringWriter out = new StringWriter(line.length() + 16);
    try (JsonParser parser = FACTORY.createParser(line);
        JsonGenerator generator = FACTORY.createGenerator(out)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return line;
      }
      generator.writeStartObject();
      for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
        if (token != JsonToken.FIELD_NAME) {
          return line;
        }
        generator.writeFieldName(parser.getCurrentName());
        JsonToken value = parser.nextToken();
        if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
          generator.writeString(parser.getText());
        } else {
          generator.copyCurrentStructure(parser);
        }
      }
      generator.writeEndObject();
      if (parser.nextToken() != null) {
        return line; // more than one value on the line: Spark's reader decides what that is
      }
    } catch (IOException | RuntimeException notOneObject) {
      return line; // the reader then keeps the line as it is, as a malformed record
    }
    return out.toString();
  }
}
