package io.fastschema.realtime.filter;

import io.fastschema.realtime.model.Column;
import io.fastschema.realtime.model.Field;
import io.fastschema.realtime.model.FieldType;
import io.fastschema.realtime.model.Relation;
import io.fastschema.realtime.model.RelationType;
import io.fastschema.realtime.model.Schema;
import io.fastschema.realtime.model.SchemaCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes, for a select list, one PostgreSQL query that returns every root row as FastSchema's
 * re-query with that select returns it, as JSON. Independently of the code under test, it first
 * retraces which columns and edges FastSchema loads at each level ({@code
 * pkg/entdbadapter/query.go} {@code parseNestedFields}, {@code buildQueryColumns}; {@code edges.go}
 * {@code buildEdgeColumns}, {@code queryNeighbors}, {@code buildM2MPredicate}), then writes one
 * correlated subquery per edge:
 *
 * <ul>
 *   <li>a level's keys in FastSchema's column order, a NULL text or integer absent and a NULL uuid
 *       a JSON null (the event encoding of the rows);
 *   <li>a collection (o2m owner side, m2m) is an array ordered by the target's primary key, {@code
 *       []} when empty; a single relation is absent when there is no related row.
 * </ul>
 */
final class RelationSelectSqlTranslator {

  /** What FastSchema loads at one level: its columns (null: every column) and its edges. */
  record Level(Schema schema, List<String> columns, Map<Field, Level> edges) {}

  private final SchemaCatalog catalog;
  private int aliases;

  private RelationSelectSqlTranslator(SchemaCatalog catalog) {
    this.catalog = catalog;
  }

  /**
   * {@code SELECT <label>, <root id as text>, <row as JSON text> FROM <root table> WHERE <root id>
   * IN (<ids>)}; {@code label} tells the select's rows apart in a {@code UNION ALL} of several.
   */
  static String translate(
      int label, String select, Schema root, SchemaCatalog catalog, List<String> ids) {
    RelationSelectSqlTranslator translator = new RelationSelectSqlTranslator(catalog);
    Level level = translator.get(root, List.of(select.split(",", -1)));
    String pk = "t0." + root.primaryKey().name();
    return "SELECT "
        + label
        + ", "
        + pk
        + "::text, "
        + translator.object(level, "t0")
        + " FROM "
        + root.table()
        + " AS t0 WHERE "
        + pk
        + " IN ('"
        + String.join("', '", ids)
        + "')";
  }

  /** FastSchema's {@code Query.Get} with {@code fields} selected. */
  private Level get(Schema schema, List<String> fields) {
    if (fields.isEmpty()) {
      return new Level(schema, null, Map.of());
    }
    // parseNestedFields
    Set<String> processed = new LinkedHashSet<>();
    Map<String, Set<String>> edgeColumns = new LinkedHashMap<>();
    Set<String> direct = new LinkedHashSet<>();
    for (String field : fields) {
      int dot = field.indexOf('.');
      if (dot < 0) {
        processed.add(field);
        direct.add(field);
      } else {
        String first = field.substring(0, dot);
        edgeColumns
            .computeIfAbsent(first, k -> new LinkedHashSet<>())
            .add(field.substring(dot + 1));
        processed.add(first);
      }
    }
    // buildQueryColumns
    String pk = schema.primaryKey().name();
    List<String> columns = new ArrayList<>(List.of(pk));
    List<String> foreignKeys = new ArrayList<>();
    Map<Field, Level> edges = new LinkedHashMap<>();
    boolean allSelectsAreEdges = true;
    for (String name : processed) {
      Field field = schema.field(name).orElseThrow(() -> new IllegalArgumentException(name));
      if (field.isRelation()) {
        Relation relation = field.relation();
        List<String> nested = direct.contains(name) ? null : new ArrayList<>(edgeColumns.get(name));
        edges.put(field, load(field, nested));
        if (relation.type() != RelationType.M2M && !relation.owner()) {
          foreignKeys.add(relation.sourceColumn());
        }
      } else if (!name.equals(pk)) {
        columns.add(name);
        allSelectsAreEdges = false;
      }
    }
    columns.addAll(foreignKeys);
    return new Level(
        schema, allSelectsAreEdges ? null : new ArrayList<>(new LinkedHashSet<>(columns)), edges);
  }

  /** The edge loader of {@code field}; {@code edgeColumns} null loads whole records. */
  private Level load(Field field, List<String> edgeColumns) {
    Relation relation = field.relation();
    Schema target = catalog.schema(relation.targetSchema()).orElseThrow();
    String pk = target.primaryKey().name();
    List<String> directColumns = new ArrayList<>();
    List<String> nestedFields = new ArrayList<>();
    List<String> relationFields = new ArrayList<>();
    for (String column : edgeColumns == null ? List.<String>of() : edgeColumns) {
      if (column.contains(".")) {
        nestedFields.add(column);
      } else if (target.field(column).orElseThrow().isRelation()) {
        relationFields.add(column);
      } else {
        directColumns.add(column);
      }
    }
    List<String> fields = new ArrayList<>();
    if (relation.type() == RelationType.M2M) {
      // The junction predicate selects the columns itself; the nested query only loads edges.
      List<String> columns = null;
      if (!directColumns.isEmpty() && nestedFields.isEmpty() && relationFields.isEmpty()) {
        columns = new ArrayList<>(new LinkedHashSet<>(directColumns));
        if (!columns.contains(pk)) {
          columns.add(0, pk);
        }
      }
      fields.addAll(nestedFields);
      fields.addAll(relationFields);
      return new Level(target, columns, get(target, fields).edges());
    }
    if (edgeColumns != null) {
      String whereColumn =
          relation.owner()
              ? target.field(relation.backField()).orElseThrow().relation().sourceColumn()
              : relation.targetColumn() != null ? relation.targetColumn() : pk;
      Set<String> required = new LinkedHashSet<>(directColumns);
      required.add(pk);
      required.add(whereColumn);
      fields.addAll(required);
      fields.addAll(nestedFields);
      fields.addAll(relationFields);
    }
    return get(target, fields);
  }

  /**
   * The level's record for the row of {@code alias} as JSON text (never SQL NULL), written with
   * {@code concat_ws}, which keeps the order and skips a NULL member (a NULL text or integer, a
   * missing single relation); values are escaped by {@code to_json}.
   */
  private String object(Level level, String alias) {
    List<String> members = new ArrayList<>();
    List<String> columns = level.columns();
    if (columns == null) {
      columns = level.schema().columns().stream().map(Column::name).toList();
    }
    for (String column : columns) {
      String value = "to_json(" + alias + "." + column + ")::text";
      if (level.schema().column(column).orElseThrow().type() == FieldType.UUID) {
        value = "coalesce(" + value + ", 'null')";
      }
      members.add(member(column, value));
    }
    for (Map.Entry<Field, Level> edge : level.edges().entrySet()) {
      Field field = edge.getKey();
      members.add(member(field.name(), related(level, alias, field, edge.getValue())));
    }
    return "'{' || concat_ws(',', " + String.join(", ", members) + ") || '}'";
  }

  private static String member(String key, String value) {
    return "'\"" + key + "\":' || " + value;
  }

  /** The related records: an array for a collection, else an object or SQL NULL (absent). */
  private String related(Level level, String alias, Field field, Level nested) {
    Relation relation = field.relation();
    Schema target = nested.schema();
    String targetAlias = "t" + (++aliases);
    String targetPk = targetAlias + "." + target.primaryKey().name();
    String from = target.table() + " AS " + targetAlias;
    String where;
    if (relation.type() == RelationType.M2M) {
      String junction = "j" + (++aliases);
      from +=
          " JOIN "
              + relation.junctionTable()
              + " AS "
              + junction
              + " ON "
              + junction
              + "."
              + relation.sourceColumn()
              + " = "
              + targetPk;
      where =
          junction
              + "."
              + relation.targetColumn()
              + " = "
              + alias
              + "."
              + level.schema().primaryKey().name();
    } else if (relation.owner()) {
      Relation back = target.field(relation.backField()).orElseThrow().relation();
      where = targetAlias + "." + back.sourceColumn() + " = " + alias + "." + back.targetColumn();
    } else {
      where =
          targetAlias
              + "."
              + relation.targetColumn()
              + " = "
              + alias
              + "."
              + relation.sourceColumn();
    }
    String record = object(nested, targetAlias);
    if (relation.type() == RelationType.M2M
        || relation.type() == RelationType.O2M && relation.owner()) {
      return "coalesce((SELECT '[' || string_agg("
          + record
          + ", ',' ORDER BY "
          + targetPk
          + ") || ']' FROM "
          + from
          + " WHERE "
          + where
          + "), '[]')";
    }
    return "(SELECT " + record + " FROM " + from + " WHERE " + where + ")";
  }
}
