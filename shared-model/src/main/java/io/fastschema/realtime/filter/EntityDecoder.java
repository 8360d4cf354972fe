package io.fastschema.realtime.filter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes filter JSON into {@link GoValue}s the way FastSchema's {@code entity.NewEntityFromJSON}
 * does ({@code entity/json.go} over {@code buger/jsonparser}).
 *
 * <p>What is reproduced: the first token must be {@code '{'} (FastSchema's {@code filter error:
 * Value looks like object, but can't find closing '}' symbol}); trailing commas are accepted and
 * text after the closing brace is ignored; keys keep document order and a repeated key keeps its
 * first position with its last value; the array rules of {@link GoValue}; numbers become float64.
 * Other syntax errors are reported with Jackson's description, since jsonparser's messages depend
 * on where its scanner happens to stop.
 *
 * <p>Thread-safety: stateless; the shared mapper is thread-safe.
 */
final class EntityDecoder {

  static final String NOT_AN_OBJECT =
      "filter error: Value looks like object, but can't find closing '}' symbol";

  private static final ObjectMapper LENIENT =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_TRAILING_COMMA).build();

  private EntityDecoder() {}

  /** Decodes a whole filter; the caller handles the empty string (no filter). */
  static GoValue.Entity decodeFilter(String json) throws FilterException {
    if (!startsWithBrace(json)) {
      throw new FilterException(NOT_AN_OBJECT);
    }
    JsonNode root;
    try {
      root = LENIENT.readTree(json);
    } catch (JsonProcessingException e) {
      throw new FilterException("filter error: Malformed JSON error: " + e.getOriginalMessage());
    }
    return entity((ObjectNode) root);
  }

  /**
   * True when jsonparser would parse {@code json} as an object without error: how FastSchema
   * validates the value of a {@code json} field ({@code NewEntityFromJSON(value) == nil}).
   */
  static boolean isEntity(String json) {
    try {
      decodeFilter(json);
      return true;
    } catch (FilterException e) {
      return false;
    }
  }

  private static boolean startsWithBrace(String json) {
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return c == '{';
      }
    }
    return false;
  }

  private static GoValue.Entity entity(ObjectNode node) throws FilterException {
    Map<String, GoValue> entries = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode value = field.getValue();
      if (value.isObject()) {
        entries.put(field.getKey(), entity((ObjectNode) value));
      } else if (value.isArray()) {
        entries.put(field.getKey(), entityArray(field.getKey(), value));
      } else {
        entries.put(field.getKey(), scalar(value));
      }
    }
    return new GoValue.Entity(entries);
  }

  private static GoValue entityArray(String key, JsonNode array) throws FilterException {
    List<GoValue.Entity> entities = new ArrayList<>();
    List<GoValue> others = new ArrayList<>();
    for (JsonNode item : array) {
      if (item.isObject()) {
        entities.add(entity((ObjectNode) item));
      } else {
        others.add(nested(item));
      }
    }
    if (!entities.isEmpty() && !others.isEmpty()) {
      throw new FilterException(
          "filter error: cannot mix entities and non-entities in a slice: " + key + "=" + array);
    }
    if (!entities.isEmpty()) {
      return new GoValue.EntitySlice(entities);
    }
    // jsonparser hands FastSchema no items for "[]", and it stores nil.
    return others.isEmpty() ? GoValue.Nil.INSTANCE : new GoValue.Slice(others);
  }

  /** Array items are decoded by encoding/json: plain slices and maps, no entities. */
  private static GoValue nested(JsonNode node) throws FilterException {
    if (node.isArray()) {
      List<GoValue> items = new ArrayList<>();
      for (JsonNode item : node) {
        items.add(nested(item));
      }
      return new GoValue.Slice(items);
    }
    if (node.isObject()) {
      Map<String, GoValue> entries = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        entries.put(field.getKey(), nested(field.getValue()));
      }
      return new GoValue.GoMap(entries);
    }
    return scalar(node);
  }

  private static GoValue scalar(JsonNode node) throws FilterException {
    if (node.isTextual()) {
      return new GoValue.Str(node.textValue());
    }
    if (node.isBoolean()) {
      return new GoValue.Bool(node.booleanValue());
    }
    if (node.isNumber()) {
      double value = node.doubleValue();
      if (Double.isInfinite(value)) {
        throw new FilterException(
            "filter error: json: cannot unmarshal number "
                + node.asText()
                + " into Go value of type float64");
      }
      return new GoValue.Float(value);
    }
    return GoValue.Nil.INSTANCE;
  }
}
