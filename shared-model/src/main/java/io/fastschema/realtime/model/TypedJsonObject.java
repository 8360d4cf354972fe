package io.fastschema.realtime.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads typed members of one JSON object with Go {@code encoding/json} leniency: a missing or
 * {@code null} member is the zero value, unknown members are ignored, and a member of the wrong
 * JSON type is a problem (Go rejects the whole file for it; we report it and carry on).
 *
 * <p>Thread-safety: not thread-safe; confined to the loading thread.
 */
final class TypedJsonObject {

  private final JsonNode node;

  /** JSON path of this object, e.g. {@code fields[2].relation}, for problem messages. */
  private final String path;

  private final String origin;
  private final LoadProblems problems;

  TypedJsonObject(JsonNode node, String path, String origin, LoadProblems problems) {
    this.node = node;
    this.path = path;
    this.origin = origin;
    this.problems = problems;
  }

  String path() {
    return path;
  }

  /** The string member, or null when absent, null or not a string (reported). */
  String string(String member) {
    JsonNode value = present(member);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      wrongType(member, "a string", value);
      return null;
    }
    return value.textValue();
  }

  boolean bool(String member) {
    JsonNode value = present(member);
    if (value == null) {
      return false;
    }
    if (!value.isBoolean()) {
      wrongType(member, "true or false", value);
      return false;
    }
    return value.booleanValue();
  }

  /** The nested object, or null when absent, null or not an object (reported). */
  TypedJsonObject object(String member) {
    JsonNode value = present(member);
    if (value == null) {
      return null;
    }
    if (!value.isObject()) {
      wrongType(member, "an object", value);
      return null;
    }
    return new TypedJsonObject(value, qualify(member), origin, problems);
  }

  /** The elements of an array of objects; non-object elements are reported and skipped. */
  List<TypedJsonObject> objects(String member) {
    JsonNode value = present(member);
    List<TypedJsonObject> elements = new ArrayList<>();
    if (value == null) {
      return elements;
    }
    if (!value.isArray()) {
      wrongType(member, "an array", value);
      return elements;
    }
    for (int i = 0; i < value.size(); i++) {
      String elementPath = qualify(member) + "[" + i + "]";
      if (value.get(i).isObject()) {
        elements.add(new TypedJsonObject(value.get(i), elementPath, origin, problems));
      } else {
        problems.add(origin, "%s must be an object, was %s", elementPath, value.get(i));
      }
    }
    return elements;
  }

  private JsonNode present(String member) {
    JsonNode value = node.get(member);
    return value == null || value.isNull() ? null : value;
  }

  private void wrongType(String member, String expected, JsonNode actual) {
    problems.add(origin, "%s must be %s, was %s", qualify(member), expected, actual);
  }

  private String qualify(String member) {
    return path.isEmpty() ? member : path + "." + member;
  }
}
