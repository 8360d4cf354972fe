package io.fastschema.realtime.filter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code jsonb}. A filter string is sent as text and parsed by PostgreSQL's strict JSON parser
 * (FastSchema's own check is jsonparser's lenient one); a Go slice is sent as {@code json.Marshal}
 * of it. In a row, an absent key (or JSON {@code null}) is SQL NULL: FastSchema drops the key both
 * for SQL NULL and for a stored jsonb {@code null} ({@code assignJSON} in {@code
 * pkg/entdbadapter/typehandler.go}), so a stored jsonb {@code null} reads as SQL NULL.
 *
 * <p>Thread-safety: immutable; the instances are shared constants.
 */
final class JsonbType extends SqlType {

  static final JsonbType INSTANCE = new JsonbType();

  /** Exact numbers, no trailing commas, nothing after the value: PostgreSQL's grammar. */
  private static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private JsonbType() {
    super("jsonb");
  }

  @Override
  Object literal(GoValue value) throws SqlValueException {
    if (value instanceof GoValue.Str) {
      return parse(((GoValue.Str) value).value());
    }
    if (value instanceof GoValue.Slice) {
      return marshal(value);
    }
    throw cannotSend(value);
  }

  private static Jsonb parse(String text) throws SqlValueException {
    JsonNode node;
    try {
      node = STRICT.readTree(text);
    } catch (JsonProcessingException e) {
      throw new SqlValueException("invalid input syntax for type json");
    }
    if (node == null || node.isMissingNode()) {
      throw new SqlValueException("invalid input syntax for type json");
    }
    if (hasUnstorableText(node)) {
      throw new SqlValueException("unsupported Unicode escape sequence");
    }
    return Jsonb.of(node);
  }

  /** The slice as Go's {@code json.Marshal} writes it; FastSchema lets only strings in. */
  private Jsonb marshal(GoValue value) throws SqlValueException {
    if (value instanceof GoValue.Str) {
      return Jsonb.string(((GoValue.Str) value).value());
    }
    if (value instanceof GoValue.Nil) {
      return Jsonb.nullValue();
    }
    if (value instanceof GoValue.Slice) {
      List<Jsonb> items = new ArrayList<>();
      for (GoValue item : ((GoValue.Slice) value).items()) {
        items.add(marshal(item));
      }
      return Jsonb.array(items);
    }
    throw cannotSend(value);
  }

  /** jsonb cannot hold {@code \u0000} or unpaired surrogates. */
  private static boolean hasUnstorableText(JsonNode node) {
    if (node.isTextual()) {
      return isUnstorable(node.textValue());
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (isUnstorable(field.getKey()) || hasUnstorableText(field.getValue())) {
        return true;
      }
    }
    for (JsonNode item : node) {
      if (node.isArray() && hasUnstorableText(item)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isUnstorable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\0') {
        return true;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return true;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  @Override
  Object read(JsonNode node) {
    return isSqlNull(node) ? null : Jsonb.of(node);
  }

  @Override
  int compare(Object a, Object b) {
    return ((Jsonb) a).compareTo((Jsonb) b);
  }
}
