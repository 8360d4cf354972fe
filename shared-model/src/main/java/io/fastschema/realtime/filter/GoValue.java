package io.fastschema.realtime.filter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * A filter value as FastSchema holds it after decoding the filter JSON ({@code entity/json.go}):
 * the Go dynamic types its validation switches on and its error messages print with {@code %v} /
 * {@code %T}.
 *
 * <p>The decoder's quirks are part of the model: an object is an {@code *entity.Entity}; an array
 * of objects is {@code []*entity.Entity}; an empty array is {@code nil}; any other array is {@code
 * []interface {}}, whose nested arrays and objects are plain {@code encoding/json} values (empty
 * slices stay empty, objects are maps). See {@link EntityDecoder}.
 *
 * <p>Thread-safety: immutable values.
 */
sealed interface GoValue {

  /** {@code fmt.Sprintf("%v", value)}. */
  String display();

  /** {@code fmt.Sprintf("%T", value)}. */
  String goType();

  /** JSON {@code null}, and FastSchema's decoding of an empty array. */
  record Nil() implements GoValue {
    static final Nil INSTANCE = new Nil();

    @Override
    public String display() {
      return "<nil>";
    }

    @Override
    public String goType() {
      return "<nil>";
    }
  }

  record Str(String value) implements GoValue {
    @Override
    public String display() {
      return value;
    }

    @Override
    public String goType() {
      return "string";
    }
  }

  /** Every JSON number: Go decodes numbers into {@code float64}. */
  record Float(double value) implements GoValue {
    @Override
    public String display() {
      return GoFloat.format(value);
    }

    @Override
    public String goType() {
      return "float64";
    }
  }

  record Bool(boolean value) implements GoValue {
    @Override
    public String display() {
      return Boolean.toString(value);
    }

    @Override
    public String goType() {
      return "bool";
    }
  }

  /** {@code []interface {}}. */
  record Slice(List<GoValue> items) implements GoValue {
    public Slice {
      items = List.copyOf(items);
    }

    @Override
    public String display() {
      StringJoiner out = new StringJoiner(" ", "[", "]");
      items.forEach(item -> out.add(item.display()));
      return out.toString();
    }

    @Override
    public String goType() {
      return "[]interface {}";
    }
  }

  /** {@code *entity.Entity}: an ordered object; {@code %v} calls its JSON {@code String()}. */
  record Entity(Map<String, GoValue> entries) implements GoValue {
    public Entity {
      entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    @Override
    public String display() {
      return GoJson.write(this);
    }

    @Override
    public String goType() {
      return "*entity.Entity";
    }
  }

  /** {@code []*entity.Entity}: a non-empty array whose elements are all objects. */
  record EntitySlice(List<Entity> items) implements GoValue {
    public EntitySlice {
      items = List.copyOf(items);
    }

    @Override
    public String display() {
      StringJoiner out = new StringJoiner(" ", "[", "]");
      items.forEach(item -> out.add(item.display()));
      return out.toString();
    }

    @Override
    public String goType() {
      return "[]*entity.Entity";
    }
  }

  /** {@code map[string]interface {}}: an object nested in a {@code []interface {}}. */
  record GoMap(Map<String, GoValue> entries) implements GoValue {
    public GoMap {
      // Go prints maps with sorted keys; a map has no order of its own.
      entries = java.util.Collections.unmodifiableMap(new TreeMap<>(entries));
    }

    @Override
    public String display() {
      List<String> pairs = new ArrayList<>();
      entries.forEach((key, value) -> pairs.add(key + ":" + value.display()));
      return "map[" + String.join(" ", pairs) + "]";
    }

    @Override
    public String goType() {
      return "map[string]interface {}";
    }
  }
}
