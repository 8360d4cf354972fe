package io.fastschema.realtime.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The junction tables met while linking m2m relations, one per table name.
 *
 * <p>Both sides of an m2m relation name the same junction; FastSchema creates it from whichever
 * side it meets first and silently reuses it for the other ({@code schema/builder.go} {@code
 * CreateM2mJunctionSchema}). If the two sides disagree on the columns, which side wins depends on
 * Go map order, so that is reported instead of guessed.
 *
 * <p>Thread-safety: not thread-safe; confined to the loading thread.
 */
final class JunctionRegistry {

  /**
   * One id column of a junction.
   *
   * @param name column name
   * @param schema schema whose ids the column holds
   * @param type that schema's primary-key type
   */
  record IdColumn(String name, String schema, FieldType type) {}

  /** A junction as declared by the first relation side that named it. */
  private record Entry(IdColumn first, IdColumn second, String declaredBy) {}

  private final Map<String, Entry> byTable = new LinkedHashMap<>();

  /**
   * Registers the junction seen from one relation side.
   *
   * @return null when consistent, else a description of the disagreement
   */
  String register(String table, IdColumn first, IdColumn second, String declaredBy) {
    Entry existing = byTable.get(table);
    if (existing == null) {
      byTable.put(table, new Entry(first, second, declaredBy));
      return null;
    }
    boolean same = matches(existing, first, second) || matches(existing, second, first);
    return same
        ? null
        : String.format(
            Locale.ROOT,
            "junction table '%s' has columns %s (%s ids) and %s (%s ids) according to %s,"
                + " but %s (%s ids) and %s (%s ids) here",
            table,
            existing.first.name,
            existing.first.schema,
            existing.second.name,
            existing.second.schema,
            existing.declaredBy,
            first.name,
            first.schema,
            second.name,
            second.schema);
  }

  private static boolean matches(Entry entry, IdColumn a, IdColumn b) {
    return sameColumn(entry.first, a) && sameColumn(entry.second, b);
  }

  private static boolean sameColumn(IdColumn x, IdColumn y) {
    return x.name.equals(y.name) && x.schema.equals(y.schema) && Objects.equals(x.type, y.type);
  }

  boolean contains(String table) {
    return byTable.containsKey(table);
  }

  /** The junction tables, in registration order. */
  List<JunctionTable> tables() {
    List<JunctionTable> tables = new ArrayList<>();
    for (Map.Entry<String, Entry> e : byTable.entrySet()) {
      IdColumn[] ordered = alphabetical(e.getValue());
      tables.add(
          new JunctionTable(
              e.getKey(), ordered[0].name, ordered[0].schema, ordered[1].name, ordered[1].schema));
    }
    return tables;
  }

  /**
   * Columns of each junction: the two id columns (NOT NULL, no primary key) in alphabetical order,
   * then {@code created_at}, {@code updated_at}, {@code deleted_at}. FastSchema initialises the
   * junction schema with timestamps enabled ({@code junctionSchema.Init(true)} only disables the id
   * column) and builds the table from all its non-relation fields. [verify against a live database:
   * read in code, not pinned by a FastSchema test]
   */
  Map<String, List<Column>> columnsByTable() {
    Map<String, List<Column>> columns = new LinkedHashMap<>();
    for (Map.Entry<String, Entry> e : byTable.entrySet()) {
      IdColumn[] ordered = alphabetical(e.getValue());
      columns.put(
          e.getKey(),
          List.of(
              new Column(ordered[0].name, ordered[0].type, false, false, ColumnKind.FOREIGN_KEY),
              new Column(ordered[1].name, ordered[1].type, false, false, ColumnKind.FOREIGN_KEY),
              new Column(
                  SchemaDraft.CREATED_AT, FieldType.TIME, false, false, ColumnKind.TIMESTAMP),
              new Column(SchemaDraft.UPDATED_AT, FieldType.TIME, true, false, ColumnKind.TIMESTAMP),
              new Column(
                  SchemaDraft.DELETED_AT, FieldType.TIME, true, false, ColumnKind.TIMESTAMP)));
    }
    return columns;
  }

  private static IdColumn[] alphabetical(Entry entry) {
    return entry.first.name.compareTo(entry.second.name) <= 0
        ? new IdColumn[] {entry.first, entry.second}
        : new IdColumn[] {entry.second, entry.first};
  }
}
