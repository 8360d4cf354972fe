package io.fastschema.realtime.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A resolved FastSchema schema: its table, primary key, fields and physical columns.
 *
 * <h2>Column order</h2>
 *
 * <p>{@link #columns()} is the order of the table FastSchema creates from the current schema files.
 * FastSchema builds the ent table from the schema's field list, skipping relation fields ({@code
 * pkg/entdbadapter/adapter.go} {@code CreateModel}), and that list is built as follows ({@code
 * schema/schema.go} {@code Init} / {@code ensurePrimaryField}, {@code schema/builder.go} {@code
 * GetSchemasFromDir} / {@code CreateFKs}):
 *
 * <ol>
 *   <li>the declared fields in declaration order; a system schema's struct fields come first and
 *       fields from its merged JSON file are appended after them, i.e. after its declared {@code
 *       deleted_at};
 *   <li>an auto-created {@code id} is <em>prepended</em>; a declared {@code id} or {@code
 *       primary_field} keeps its declared position, so the primary key is not necessarily first;
 *   <li>timestamps not declared are appended ({@code created_at}, {@code updated_at}, {@code
 *       deleted_at}); declared ones keep their position;
 *   <li>foreign-key fields are inserted just before {@code created_at} (appended when there is
 *       none), in relation-field order; an FK whose name is already a declared field is merged into
 *       that field in place.
 * </ol>
 *
 * <p>Columns added to an existing table by a later migration are appended by the database, so an
 * old database may differ; match columns by name where that matters.
 *
 * <p>Thread-safety: immutable, safe to share.
 */
public final class Schema {

  private final String name;
  private final String table;
  private final boolean system;
  private final boolean timestamps;
  private final Field primaryKey;
  private final List<Field> fields;
  private final Map<String, Field> fieldsByName;
  private final List<Column> columns;
  private final Map<String, Column> columnsByName;

  Schema(
      String name,
      String table,
      boolean system,
      boolean timestamps,
      String primaryKeyName,
      List<Field> fields,
      List<Column> columns) {
    this.name = name;
    this.table = table;
    this.system = system;
    this.timestamps = timestamps;
    this.fields = List.copyOf(fields);
    this.columns = List.copyOf(columns);
    this.fieldsByName = index(this.fields);
    this.columnsByName = new LinkedHashMap<>();
    for (Column column : this.columns) {
      columnsByName.putIfAbsent(column.name(), column);
    }
    this.primaryKey = fieldsByName.get(primaryKeyName);
    if (primaryKey == null) {
      throw new IllegalArgumentException("schema " + name + " has no field " + primaryKeyName);
    }
  }

  private static Map<String, Field> index(List<Field> fields) {
    Map<String, Field> byName = new LinkedHashMap<>();
    for (Field field : fields) {
      byName.putIfAbsent(field.name(), field);
    }
    return byName;
  }

  /** The API name, used in URLs, topics and permission resources (e.g. {@code post}). */
  public String name() {
    return name;
  }

  /** The table name (the schema's {@code namespace}, e.g. {@code posts}). */
  public String table() {
    return table;
  }

  /** True for role, permission, user, file, session and migration (even when extended by JSON). */
  public boolean isSystem() {
    return system;
  }

  /**
   * True for a column FastSchema never serializes ({@code user.password}, {@code
   * session.otp_hash}): ingest leaves it out of every record event, so no Kafka consumer, filter or
   * client ever sees it.
   */
  public boolean isNeverShown(String column) {
    return system && SystemSchemas.neverShown(name, column);
  }

  /** False when the schema sets {@code disable_timestamp}. */
  public boolean hasTimestamps() {
    return timestamps;
  }

  /** The primary-key field: {@code primary_field}, else {@code id} (declared or auto-created). */
  public Field primaryKey() {
    return primaryKey;
  }

  /**
   * All fields in FastSchema's order, relation fields included, plus the generated ones (auto
   * {@code id}, foreign keys, timestamps).
   */
  public List<Field> fields() {
    return fields;
  }

  public Optional<Field> field(String fieldName) {
    return Optional.ofNullable(fieldsByName.get(fieldName));
  }

  /** The physical columns in table order; see the class comment for how it is derived. */
  public List<Column> columns() {
    return columns;
  }

  public Optional<Column> column(String columnName) {
    return Optional.ofNullable(columnsByName.get(columnName));
  }

  @Override
  public String toString() {
    return "Schema[" + name + " -> " + table + "]";
  }
}
