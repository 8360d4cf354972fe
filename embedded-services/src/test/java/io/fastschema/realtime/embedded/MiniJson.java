package io.fastschema.realtime.embedded;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON for reading the sample schema files in tests: objects become insertion-ordered
 * maps, arrays lists, numbers doubles. Declaring Jackson test-scoped here would demote Kafka's
 * runtime copy to test scope for every consumer of this module.
 */
final class MiniJson {

  private final String text;
  private int position;

  private MiniJson(String text) {
    this.text = text;
  }

  static Object parse(String text) {
    MiniJson parser = new MiniJson(text);
    Object value = parser.value();
    parser.skipWhitespace();
    if (parser.position != text.length()) {
      throw parser.error("trailing characters");
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> array(Object value) {
    return (List<Object>) value;
  }

  private Object value() {
    skipWhitespace();
    char c = text.charAt(position);
    if (c == '{') {
      return parseObject();
    } else if (c == '[') {
      return parseArray();
    } else if (c == '"') {
      return string();
    } else if (text.startsWith("true", position)) {
      position += 4;
      return Boolean.TRUE;
    } else if (text.startsWith("false", position)) {
      position += 5;
      return Boolean.FALSE;
    } else if (text.startsWith("null", position)) {
      position += 4;
      return null;
    }
    return number();
  }

  private Map<String, Object> parseObject() {
    Map<String, Object> result = new LinkedHashMap<>();
    position++;
    skipWhitespace();
    if (text.charAt(position) == '}') {
      position++;
      return result;
    }
    while (true) {
      skipWhitespace();
      String key = string();
      skipWhitespace();
      expect(':');
      result.put(key, value());
      skipWhitespace();
      if (text.charAt(position++) == '}') {
        return result;
      }
      if (text.charAt(position - 1) != ',') {
        throw error("expected , or }");
      }
    }
  }

  private List<Object> parseArray() {
    List<Object> result = new ArrayList<>();
    position++;
    skipWhitespace();
    if (text.charAt(position) == ']') {
      position++;
      return result;
    }
    while (true) {
      result.add(value());
      skipWhitespace();
      if (text.charAt(position++) == ']') {
        return result;
      }
      if (text.charAt(position - 1) != ',') {
        throw error("expected , or ]");
      }
    }
  }

  private String string() {
    expect('"');
    StringBuilder result = new StringBuilder();
    while (true) {
      char c = text.charAt(position++);
      if (c == '"') {
        return result.toString();
      }
      if (c != '\\') {
        result.append(c);
        continue;
      }
      char escaped = text.charAt(position++);
      switch (escaped) {
        case 'n' -> result.append('\n');
        case 't' -> result.append('\t');
        case 'r' -> result.append('\r');
        case 'b' -> result.append('\b');
        case 'f' -> result.append('\f');
        case 'u' -> {
          result.append((char) Integer.parseInt(text.substring(position, position + 4), 16));
          position += 4;
        }
        default -> result.append(escaped);
      }
    }
  }

  private Double number() {
    int start = position;
    while (position < text.length() && "+-0123456789.eE".indexOf(text.charAt(position)) >= 0) {
      position++;
    }
    if (start == position) {
      throw error("unexpected character");
    }
    return Double.valueOf(text.substring(start, position));
  }

  private void expect(char c) {
    if (text.charAt(position) != c) {
      throw error("expected " + c);
    }
    position++;
  }

  private void skipWhitespace() {
    while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
      position++;
    }
  }

  private IllegalArgumentException error(String message) {
    return new IllegalArgumentException(message + " at offset " + position);
  }
}
