package io.fastschema.realtime.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@code jsonb} value as PostgreSQL stores and compares it: object keys de-duplicated (last wins)
 * and kept in jsonb's storage order (shorter UTF-8 key first, then bytewise), numbers as exact
 * decimals, whitespace gone.
 *
 * <p>Ordering is {@code compareJsonbContainers} ({@code jsonb_util.c}): null &lt; string &lt;
 * number &lt; boolean &lt; array &lt; object; arrays by length, then element by element; objects by
 * number of pairs, then key, value, key, value… in storage order; a top-level scalar is a
 * one-element "raw scalar" array, which makes it sort below a one-element array and above the empty
 * array. Strings compare by code point, i.e. like PostgreSQL under a {@code C} / {@code C.UTF-8}
 * database default collation (jsonb uses the database default, not the column's). Equality is
 * ordering equality: {@code 1.0 = 1}, key order and duplicates ignored.
 *
 * <p>Thread-safety: immutable.
 */
final class Jsonb implements Comparable<Jsonb> {

  private enum Kind {
    NULL,
    STRING,
    NUMBER,
    BOOLEAN,
    ARRAY,
    OBJECT
  }

  private static final Comparator<String> STORAGE_ORDER =
      Comparator.<String>comparingInt(key -> key.getBytes(StandardCharsets.UTF_8).length)
          .thenComparing(Jsonb::compareCodePoints);

  private final Kind kind;

  /** String, BigDecimal or Boolean for scalars; null otherwise. */
  private final Object scalar;

  private final List<Jsonb> elements;

  /** Keys in storage order; values in {@link #elements} at the same index. */
  private final List<String> keys;

  private Jsonb(Kind kind, Object scalar, List<String> keys, List<Jsonb> elements) {
    this.kind = kind;
    this.scalar = scalar;
    this.keys = keys;
    this.elements = elements;
  }

  /** A JSON tree as jsonb; a Jackson {@code null} node is the JSON value {@code null}. */
  static Jsonb of(JsonNode node) {
    if (node.isObject()) {
      TreeMap<String, Jsonb> sorted = new TreeMap<>(STORAGE_ORDER);
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        sorted.put(field.getKey(), of(field.getValue()));
      }
      return new Jsonb(
          Kind.OBJECT, null, List.copyOf(sorted.keySet()), List.copyOf(sorted.values()));
    }
    if (node.isArray()) {
      List<Jsonb> items = new ArrayList<>();
      node.forEach(item -> items.add(of(item)));
      return new Jsonb(Kind.ARRAY, null, List.of(), Collections.unmodifiableList(items));
    }
    if (node.isTextual()) {
      return scalar(Kind.STRING, node.textValue());
    }
    if (node.isNumber()) {
      return scalar(Kind.NUMBER, decimal(node));
    }
    if (node.isBoolean()) {
      return scalar(Kind.BOOLEAN, node.booleanValue());
    }
    return scalar(Kind.NULL, null);
  }

  /** A JSON string value (used for Go strings in an array bound to a jsonb parameter). */
  static Jsonb string(String value) {
    return scalar(Kind.STRING, value);
  }

  static Jsonb nullValue() {
    return scalar(Kind.NULL, null);
  }

  static Jsonb array(List<Jsonb> items) {
    return new Jsonb(Kind.ARRAY, null, List.of(), List.copyOf(items));
  }

  private static Jsonb scalar(Kind kind, Object value) {
    return new Jsonb(kind, value, List.of(), List.of());
  }

  /** Exact for decimal nodes; a double is read as its shortest decimal form. */
  private static BigDecimal decimal(JsonNode node) {
    if (node.isBigDecimal() || node.isIntegralNumber()) {
      return node.decimalValue();
    }
    return BigDecimal.valueOf(node.doubleValue());
  }

  private boolean isScalar() {
    return kind != Kind.ARRAY && kind != Kind.OBJECT;
  }

  @Override
  public int compareTo(Jsonb other) {
    if (kind == Kind.OBJECT || other.kind == Kind.OBJECT) {
      return compareNested(this, other);
    }
    // Both are arrays or raw scalars: jsonb compares the raw-scalar flag, then (overriding it)
    // the element counts.
    int result = isScalar() == other.isScalar() ? 0 : (isScalar() ? -1 : 1);
    int size = isScalar() ? 1 : elements.size();
    int otherSize = other.isScalar() ? 1 : other.elements.size();
    if (size != otherSize) {
      result = size > otherSize ? 1 : -1;
    }
    if (result != 0) {
      return result;
    }
    if (isScalar() && other.isScalar()) {
      return compareNested(this, other);
    }
    List<Jsonb> mine = isScalar() ? List.of(this) : elements;
    List<Jsonb> theirs = other.isScalar() ? List.of(other) : other.elements;
    return compareElements(mine, theirs);
  }

  private static int compareNested(Jsonb a, Jsonb b) {
    if (a.kind != b.kind) {
      return a.kind.compareTo(b.kind) > 0 ? 1 : -1;
    }
    switch (a.kind) {
      case NULL:
        return 0;
      case STRING:
        return Integer.signum(compareCodePoints((String) a.scalar, (String) b.scalar));
      case NUMBER:
        return ((BigDecimal) a.scalar).compareTo((BigDecimal) b.scalar);
      case BOOLEAN:
        return Boolean.compare((Boolean) a.scalar, (Boolean) b.scalar);
      case ARRAY:
        if (a.elements.size() != b.elements.size()) {
          return a.elements.size() > b.elements.size() ? 1 : -1;
        }
        return compareElements(a.elements, b.elements);
      default:
        return compareObjects(a, b);
    }
  }

  private static int compareObjects(Jsonb a, Jsonb b) {
    if (a.keys.size() != b.keys.size()) {
      return a.keys.size() > b.keys.size() ? 1 : -1;
    }
    for (int i = 0; i < a.keys.size(); i++) {
      int byKey = Integer.signum(compareCodePoints(a.keys.get(i), b.keys.get(i)));
      if (byKey != 0) {
        return byKey;
      }
      int byValue = compareNested(a.elements.get(i), b.elements.get(i));
      if (byValue != 0) {
        return byValue;
      }
    }
    return 0;
  }

  private static int compareElements(List<Jsonb> a, List<Jsonb> b) {
    for (int i = 0; i < a.size(); i++) {
      int result = compareNested(a.get(i), b.get(i));
      if (result != 0) {
        return result;
      }
    }
    return 0;
  }

  /** UTF-8 byte order, which is code point order (not Java's UTF-16 {@code compareTo}). */
  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Jsonb && compareTo((Jsonb) other) == 0;
  }

  @Override
  public int hashCode() {
    return kind.hashCode();
  }
}
