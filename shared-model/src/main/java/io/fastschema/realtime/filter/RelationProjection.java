package io.fastschema.realtime.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.model.Field;
import io.fastschema.realtime.model.Relation;
import io.fastschema.realtime.model.RelationType;
import io.fastschema.realtime.model.Schema;
import io.fastschema.realtime.model.SchemaCatalog;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A {@code select} with relations (spec 5.6), applied to a row and the records related to it:
 * FastSchema's {@code buildQueryColumns} for the row and {@code edgeLoader} for each relation
 * ({@code pkg/entdbadapter/query.go}, {@code edges.go}).
 *
 * <ul>
 *   <li>Items are split on commas without trimming; an item with a leading or trailing dot is
 *       {@code invalid column name "<item>"}; a name that is not a field is {@code column
 *       <schema>.<name> not found} (at any depth, where FastSchema's edge loader has no useful
 *       message).
 *   <li>The row: primary key first, then the listed scalars in list order, then the FK column of
 *       each selected relation on the FK side, then the relations in list order (FastSchema's order
 *       of two relations follows Go map iteration); no scalar but the PK listed means every column.
 *   <li>A relation listed by name ({@code tags}) loads whole related records (every column, no
 *       relations of theirs); a dotted path ({@code tags.name}, {@code category.blogs.title}) loads
 *       the named columns with the primary key (and, for a collection of o2o/o2m, the target's FK
 *       back to the row, which FastSchema needs to assign it), recursively. Through o2o/o2m, a
 *       level naming no column but the primary key gets every column (ent's {@code SELECT *}, as
 *       for the row); through m2m it gets exactly the named ones ({@code tags.id} is {@code
 *       [{"id":…}]}), in list order with the primary key first unless listed, and every column once
 *       it loads relations of its own.
 *   <li>Collections (o2m owner side, m2m) are arrays, {@code []} when empty, ordered by primary
 *       key; single relations are objects, absent when there is no related record.
 *   <li>{@code password} is never written (ingest never publishes it; dropped here too).
 * </ul>
 *
 * <p>Related records are in event encoding like the row; the writer applies {@code ClientNulls} of
 * each record's schema as it does for the row.
 *
 * <p>Thread-safety: immutable and thread-safe.
 */
public final class RelationProjection {

  /** One selected relation and what to keep of its records. */
  private record Edge(Field field, RelationProjection nested) {}

  private final Schema schema;

  /** Scalar keys to keep in output order; null for every column of the row. */
  private final List<String> columns;

  private final List<Edge> edges;

  private RelationProjection(Schema schema, List<String> columns, List<Edge> edges) {
    this.schema = schema;
    this.columns = columns == null ? null : List.copyOf(columns);
    this.edges = List.copyOf(edges);
  }

  /**
   * Parses a select list that may name relations.
   *
   * @param select the list; null or {@code ""} selects every column and no relation
   * @throws ProjectionException with FastSchema's texts
   */
  public static RelationProjection parse(String select, Schema schema, SchemaCatalog catalog)
      throws ProjectionException {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(catalog, "catalog");
    if (select == null || select.isEmpty()) {
      return new RelationProjection(schema, null, List.of());
    }
    return build(List.of(select.split(",", -1)), schema, catalog);
  }

  /** FastSchema's {@code parseNestedFields} and {@code buildQueryColumns} for one level. */
  private static RelationProjection build(List<String> items, Schema schema, SchemaCatalog catalog)
      throws ProjectionException {
    Set<String> names = new LinkedHashSet<>();
    Set<String> direct = new LinkedHashSet<>();
    Map<String, List<String>> nestedPaths = new LinkedHashMap<>();
    for (String item : items) {
      int dot = item.indexOf('.');
      if (dot < 0) {
        names.add(item);
        direct.add(item);
        continue;
      }
      if (dot == 0 || dot == item.length() - 1) {
        throw new ProjectionException("invalid column name " + Projection.goQuote(item));
      }
      String first = item.substring(0, dot);
      names.add(first);
      List<String> paths = nestedPaths.computeIfAbsent(first, k -> new ArrayList<>());
      if (!paths.contains(item.substring(dot + 1))) {
        paths.add(item.substring(dot + 1));
      }
    }
    String primaryKey = schema.primaryKey().name();
    Set<String> selected = new LinkedHashSet<>(List.of(primaryKey));
    List<String> foreignKeys = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    for (String name : names) {
      Field field = schema.field(name).orElseThrow(() -> Projection.columnNotFound(schema, name));
      if (!field.isRelation()) {
        if (!name.equals(primaryKey)) {
          selected.add(name);
        }
        continue;
      }
      if (field.relation().holdsForeignKey()) {
        foreignKeys.add(field.relation().sourceColumn());
      }
      edges.add(new Edge(field, edge(field, catalog, direct.contains(name), nestedPaths)));
    }
    if (selected.size() == 1) {
      return new RelationProjection(schema, null, edges);
    }
    selected.addAll(foreignKeys);
    return new RelationProjection(schema, new ArrayList<>(selected), edges);
  }

  private static RelationProjection edge(
      Field field, SchemaCatalog catalog, boolean full, Map<String, List<String>> nestedPaths)
      throws ProjectionException {
    Relation relation = field.relation();
    Schema target =
        catalog
            .schema(relation.targetSchema())
            .orElseThrow(
                () ->
                    new ProjectionException(
                        "invalid relation schema " + relation.targetSchema() + " not found"));
    if (full) {
      return new RelationProjection(target, null, List.of());
    }
    List<String> paths = nestedPaths.get(field.name());
    if (relation.type() == RelationType.M2M) {
      // The junction query names its columns itself (edges.go buildM2MPredicate): every column
      // once the level loads relations of its own, else the listed ones in list order with the
      // primary key prepended when not listed; never ent's SELECT * for a key-only list.
      boolean loadsRelations = false;
      for (String path : paths) {
        loadsRelations |= path.contains(".") || isRelation(target, path);
      }
      RelationProjection nested = build(paths, target, catalog);
      if (loadsRelations) {
        return new RelationProjection(target, null, nested.edges);
      }
      List<String> columns = new ArrayList<>(paths);
      String primaryKey = target.primaryKey().name();
      if (!columns.contains(primaryKey)) {
        columns.add(0, primaryKey);
      }
      return new RelationProjection(target, columns, List.of());
    }
    // The edge query (edges.go buildEdgeQuery) selects the listed names, then the primary key
    // and, on a collection or o2o owner side, the target's FK back to this row; its nested query
    // reads the first names of dotted paths after those (buildQueryColumns' column order).
    List<String> items = new ArrayList<>();
    for (String path : paths) {
      if (!path.contains(".")) {
        items.add(path);
      }
    }
    items.add(target.primaryKey().name());
    if (relation.holdsForeignKey() == false) {
      target
          .field(relation.backField())
          .map(back -> back.relation().sourceColumn())
          .ifPresent(items::add);
    }
    for (String path : paths) {
      if (path.contains(".")) {
        items.add(path);
      }
    }
    return build(items, target, catalog);
  }

  private static boolean isRelation(Schema schema, String name) {
    return schema.field(name).map(Field::isRelation).orElse(false);
  }

  /** True when {@link #apply} reads related records. */
  public boolean needsRelatedRows() {
    return !edges.isEmpty();
  }

  /** The tables whose rows {@link #apply} reads (each edge's target, and m2m junctions). */
  public Set<String> relatedTables(SchemaCatalog catalog) {
    Set<String> tables = new java.util.TreeSet<>();
    collectTables(catalog, tables);
    return tables;
  }

  private void collectTables(SchemaCatalog catalog, Set<String> tables) {
    for (Edge edge : edges) {
      RelationHops.addHop(edge.field(), catalog, tables);
      edge.nested().collectTables(catalog, tables);
    }
  }

  /** The row as FastSchema's re-query with this select returns it. */
  public ObjectNode apply(ObjectNode row, RelatedRows related) {
    return apply(row, related, (schema, record) -> record);
  }

  /**
   * The same, with {@code finish} applied to every related record written (the event-to-client
   * encoding of that record's schema, as the caller applies it to the row).
   */
  public ObjectNode apply(
      ObjectNode row,
      RelatedRows related,
      java.util.function.BiFunction<Schema, ObjectNode, ObjectNode> finish) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    if (columns == null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!isPassword(e.getKey())) {
          out.set(e.getKey(), e.getValue());
        }
      }
    } else {
      for (String column : columns) {
        JsonNode value = row.get(column);
        if (value != null && !isPassword(column)) {
          out.set(column, value);
        }
      }
    }
    for (Edge edge : edges) {
      List<ObjectNode> records = related.related(schema, edge.field(), row);
      if (edge.field().relation().isCollection()) {
        ArrayNode array = out.putArray(edge.field().name());
        for (ObjectNode record : records) {
          array.add(edge.nested().finished(record, related, finish));
        }
      } else if (!records.isEmpty()) {
        out.set(edge.field().name(), edge.nested().finished(records.get(0), related, finish));
      }
    }
    return out;
  }

  private ObjectNode finished(
      ObjectNode record,
      RelatedRows related,
      java.util.function.BiFunction<Schema, ObjectNode, ObjectNode> finish) {
    return finish.apply(schema, apply(record, related, finish));
  }

  private boolean isPassword(String column) {
    return column.equals("password") && schema.isSystem() && schema.name().equals("user");
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("RelationProjection[").append(schema.name());
    text.append(columns == null ? " *" : " " + columns);
    for (Edge edge : edges) {
      text.append(", ").append(edge.field().name()).append(": ").append(edge.nested());
    }
    return text.append(']').toString();
  }
}
