package io.fastschema.realtime.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.model.Field;
import io.fastschema.realtime.model.Relation;
import io.fastschema.realtime.model.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A scalar {@code select} (the realtime {@code select} query argument) applied to rows in
 * FastSchema's JSON encoding, producing the keys, in the order, FastSchema's re-query returns.
 *
 * <p>FastSchema's rules ({@code pkg/entdbadapter/query.go} {@code parseNestedFields}, {@code
 * buildQueryColumns}, {@code Get}): the list is split on commas without trimming; the primary key
 * is always selected and comes first; then the selected columns <em>in the order of the list</em>
 * (duplicates dropped), not in table order; then the foreign-key columns of selected relations.
 * When nothing but the primary key and relations is selected ({@code id}, {@code category}),
 * FastSchema selects {@code *}: every column in table order, which is the row itself. A dotted item
 * whose first segment is a scalar field selects that field (FastSchema ignores the rest).
 *
 * <p>Relations: selecting a relation on the side that holds the foreign key selects the foreign key
 * column; FastSchema additionally attaches the related record under the relation's name, which this
 * class does not do (it needs another table). Other relations and nested relation paths are refused
 * with a {@link ProjectionException} naming them.
 *
 * <p>Thread-safety: immutable and thread-safe.
 */
public final class Projection {

  private static final Projection ALL = new Projection(List.of());

  /** Keys to keep, in output order; empty for "all columns". */
  private final List<String> columns;

  private Projection(List<String> columns) {
    this.columns = List.copyOf(columns);
  }

  /**
   * Parses a select list.
   *
   * @param select the list; null or {@code ""} selects every column
   * @throws ProjectionException {@code column <schema>.<field> not found}, {@code invalid column
   *     name "<item>"}, or a relation selection this broker cannot serve
   */
  public static Projection parse(String select, Schema schema) throws ProjectionException {
    Objects.requireNonNull(schema, "schema");
    if (select == null || select.isEmpty()) {
      return ALL;
    }
    Set<String> direct = new HashSet<>();
    Map<String, String> firstNestedPath = new LinkedHashMap<>();
    Set<String> names = new LinkedHashSet<>();
    for (String item : select.split(",", -1)) {
      int dot = item.indexOf('.');
      if (dot < 0) {
        names.add(item);
        direct.add(item);
        continue;
      }
      if (dot == 0 || dot == item.length() - 1) {
        throw new ProjectionException("invalid column name " + goQuote(item));
      }
      names.add(item.substring(0, dot));
      firstNestedPath.putIfAbsent(item.substring(0, dot), item);
    }
    return resolve(schema, names, direct, firstNestedPath);
  }

  private static Projection resolve(
      Schema schema, Set<String> names, Set<String> direct, Map<String, String> firstNestedPath)
      throws ProjectionException {
    String primaryKey = schema.primaryKey().name();
    Set<String> selected = new LinkedHashSet<>(List.of(primaryKey));
    List<String> foreignKeys = new ArrayList<>();
    boolean onlyKeyAndRelations = true;
    for (String name : names) {
      Field field = schema.field(name).orElseThrow(() -> Projection.columnNotFound(schema, name));
      if (field.isRelation()) {
        foreignKeys.add(foreignKey(field, direct.contains(name), firstNestedPath.get(name)));
      } else if (!name.equals(primaryKey)) {
        selected.add(name);
        onlyKeyAndRelations = false;
      }
    }
    if (onlyKeyAndRelations) {
      // FastSchema then runs SELECT *: all columns, foreign keys included.
      return ALL;
    }
    selected.addAll(foreignKeys);
    return new Projection(new ArrayList<>(selected));
  }

  private static String foreignKey(Field field, boolean selectedDirectly, String nestedPath)
      throws ProjectionException {
    if (!selectedDirectly) {
      throw new ProjectionException(
          "select path "
              + nestedPath
              + " is not supported yet by"
              + " realtime events (related records are not loaded)");
    }
    Relation relation = field.relation();
    if (!relation.holdsForeignKey()) {
      throw new ProjectionException(
          "select of relation field "
              + field.name()
              + " is not"
              + " supported yet by realtime events (related records are not loaded; only a relation"
              + " whose foreign key column is in this table can be selected)");
    }
    return relation.sourceColumn();
  }

  /** FastSchema's {@code column <schema>.<field> not found}. */
  static ProjectionException columnNotFound(Schema schema, String name) {
    return new ProjectionException("column " + schema.name() + "." + name + " not found");
  }

  /** Go's {@code %q}: quoted, with backslash escapes. */
  static String goQuote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c < 0x20 || c == 0x7f) {
        out.append(String.format(java.util.Locale.ROOT, "\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  /**
   * The row as FastSchema would return it: the same instance when every column is selected,
   * otherwise a new object sharing the row's value nodes (absent values stay absent).
   */
  public ObjectNode apply(ObjectNode row) {
    if (columns.isEmpty()) {
      return row;
    }
    ObjectNode projected = JsonNodeFactory.instance.objectNode();
    for (String column : columns) {
      JsonNode value = row.get(column);
      if (value != null) {
        projected.set(column, value);
      }
    }
    return projected;
  }

  /** True when {@link #apply} returns rows unchanged. */
  public boolean selectsAll() {
    return columns.isEmpty();
  }

  /** The selected keys in output order; empty when every column is selected. */
  public List<String> columns() {
    return columns;
  }

  @Override
  public String toString() {
    return columns.isEmpty() ? "Projection[*]" : "Projection" + columns;
  }
}
