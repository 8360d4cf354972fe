package io.fastschema.realtime.model;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every table of a FastSchema database, resolved from the app's schema files: user and system
 * schemas plus the m2m junction tables, with their columns named exactly as FastSchema creates them
 * (FastSchema v0.10 layout, uuid system ids).
 *
 * <p>Schemas are not stored in the database; FastSchema keeps them as {@code
 * <app>/data/schemas/*.json} and Go structs. A JSON file whose {@code name} is a system schema's
 * ({@code user.json}, {@code file.json}) extends that schema. Loading collects every problem across
 * all files and reports them together in one {@link SchemaLoadException}.
 *
 * <p>Thread-safety: immutable and thread-safe. A schema change means loading a new catalog.
 */
public final class SchemaCatalog {

  private final Map<String, Schema> byName = new LinkedHashMap<>();
  private final Map<String, Schema> byTable = new LinkedHashMap<>();
  private final Map<String, JunctionTable> junctions = new LinkedHashMap<>();
  private final Map<String, List<Column>> junctionColumns;

  SchemaCatalog(
      List<Schema> schemas,
      List<JunctionTable> junctionTables,
      Map<String, List<Column>> junctionColumns) {
    for (Schema schema : schemas) {
      byName.put(schema.name(), schema);
      byTable.put(schema.table(), schema);
    }
    for (JunctionTable junction : junctionTables) {
      junctions.put(junction.table(), junction);
    }
    this.junctionColumns = Map.copyOf(junctionColumns);
  }

  /**
   * Loads {@code <fastschemaAppDir>/data/schemas/*.json} merged with the system schemas.
   *
   * @throws SchemaLoadException listing every problem, each naming its file: missing directory, bad
   *     JSON, unknown types, relations to missing schemas or without back-reference, a {@code
   *     primary_field} naming no field, clashing tables, …
   */
  public static SchemaCatalog load(Path fastschemaAppDir) throws SchemaLoadException {
    // Unreadable files are reported together with the problems of the files that could be read.
    LoadProblems problems = new LoadProblems();
    SortedMap<String, String> files = SchemaFiles.read(fastschemaAppDir, problems);
    return CatalogAssembler.assemble(files, problems);
  }

  /**
   * Builds a catalog from schema JSON held in memory, as if each entry were a file of {@code
   * data/schemas} with that name (e.g. {@code "post.json"}); for tests and tools.
   */
  public static SchemaCatalog fromJson(Map<String, String> fileNameToJson)
      throws SchemaLoadException {
    return CatalogAssembler.assemble(new TreeMap<>(fileNameToJson), new LoadProblems());
  }

  /** User and system schemas (role, permission, user, file, session, migration). */
  public Collection<Schema> schemas() {
    return Collections.unmodifiableCollection(byName.values());
  }

  public Optional<Schema> schema(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The schema stored in a table; empty for junction tables and unknown tables. */
  public Optional<Schema> schemaForTable(String table) {
    return Optional.ofNullable(byTable.get(table));
  }

  public Collection<JunctionTable> junctionTables() {
    return Collections.unmodifiableCollection(junctions.values());
  }

  public boolean isJunctionTable(String table) {
    return junctions.containsKey(table);
  }

  public Optional<JunctionTable> junctionTable(String table) {
    return Optional.ofNullable(junctions.get(table));
  }

  /**
   * The columns of a schema table or junction table; empty when the table is unknown. For a
   * junction the two id columns come in alphabetical order (see {@link JunctionTable}).
   */
  public Optional<List<Column>> tableColumns(String table) {
    Schema schema = byTable.get(table);
    if (schema != null) {
      return Optional.of(schema.columns());
    }
    return Optional.ofNullable(junctionColumns.get(table));
  }

  /**
   * The field on the other side of a relation field, e.g. {@code post.category} for {@code
   * category.posts}; that is where the FK column of an o2m/o2o owner side is named.
   */
  public Optional<Field> backReference(String schemaName, String fieldName) {
    return schema(schemaName)
        .flatMap(s -> s.field(fieldName))
        .map(Field::relation)
        .flatMap(r -> schema(r.targetSchema()).flatMap(t -> t.field(r.backField())));
  }
}
