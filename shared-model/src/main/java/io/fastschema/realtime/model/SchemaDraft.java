package io.fastschema.realtime.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A schema while it is being resolved: merged from a system schema and/or JSON files, then given
 * its primary key, timestamps and foreign keys, and finally frozen into a {@link Schema}.
 *
 * <p>Field order matters: it is the table's column order (see {@link Schema#columns()}).
 *
 * <p>Thread-safety: not thread-safe; confined to the loading thread.
 */
final class SchemaDraft {

  static final String CREATED_AT = "created_at";
  static final String UPDATED_AT = "updated_at";
  static final String DELETED_AT = "deleted_at";
  static final String ID = "id";

  private final String name;
  private final boolean system;

  /** Files (or "system schema 'x'") this schema came from, for problem messages. */
  private final List<String> origins = new ArrayList<>();

  private final List<FieldDraft> fields = new ArrayList<>();

  /** JSON {@code namespace}: the table name. */
  private String table;

  /** JSON {@code primary_field}; null when not set. */
  private String primaryFieldName;

  private boolean disableTimestamp;

  /** Name of the resolved primary-key field; set by {@link SchemaInitializer}. */
  private String primaryKey;

  /** Set when any problem was reported against this schema. */
  private boolean broken;

  SchemaDraft(String origin, String name, String table, boolean system) {
    this.origins.add(origin);
    this.name = name;
    this.table = table;
    this.system = system;
  }

  String name() {
    return name;
  }

  String origin() {
    return String.join(" + ", origins);
  }

  String table() {
    return table;
  }

  String primaryFieldName() {
    return primaryFieldName;
  }

  SchemaDraft setPrimaryFieldName(String primaryFieldName) {
    this.primaryFieldName =
        primaryFieldName == null || primaryFieldName.isEmpty() ? null : primaryFieldName;
    return this;
  }

  boolean disableTimestamp() {
    return disableTimestamp;
  }

  SchemaDraft setDisableTimestamp(boolean disableTimestamp) {
    this.disableTimestamp = disableTimestamp;
    return this;
  }

  boolean system() {
    return system;
  }

  List<FieldDraft> fields() {
    return fields;
  }

  SchemaDraft add(FieldDraft field) {
    fields.add(field);
    return this;
  }

  FieldDraft field(String fieldName) {
    for (FieldDraft field : fields) {
      if (field.name().equals(fieldName)) {
        return field;
      }
    }
    return null;
  }

  String primaryKey() {
    return primaryKey;
  }

  void setPrimaryKey(String primaryKey) {
    this.primaryKey = primaryKey;
  }

  boolean broken() {
    return broken;
  }

  void markBroken() {
    broken = true;
  }

  /**
   * Merges a JSON file declaring the same schema name into this one, as FastSchema's {@code
   * MergeSchemas} does (schema/schema.go): set schema properties override, a same-named field is
   * merged in place, a new field is appended after all existing ones (for a system schema that is
   * after its declared {@code deleted_at}), and {@code is_system_field} fields are ignored.
   */
  void absorb(SchemaDraft other) {
    origins.addAll(other.origins);
    if (other.table != null && !other.table.isEmpty()) {
      table = other.table;
    }
    if (other.primaryFieldName != null) {
      primaryFieldName = other.primaryFieldName;
    }
    if (other.disableTimestamp) {
      disableTimestamp = true;
    }
    for (FieldDraft incoming : other.fields) {
      if (incoming.systemField()) {
        continue;
      }
      FieldDraft existing = field(incoming.name());
      if (existing != null) {
        existing.mergeFrom(incoming);
      } else {
        fields.add(incoming);
      }
    }
  }

  /**
   * Inserts a generated FK field before {@code created_at}, or appends it when there is none:
   * FastSchema's {@code CreateFKs} uses {@code SliceInsertBeforeElement} on the name {@code
   * created_at}, whether or not timestamps are enabled.
   */
  void insertBeforeCreatedAt(FieldDraft field) {
    int index = -1;
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(CREATED_AT)) {
        index = i;
      }
    }
    if (index < 0) {
      fields.add(field);
    } else {
      fields.add(index, field);
    }
  }

  Schema toSchema() {
    List<Field> frozen = new ArrayList<>(fields.size());
    List<Column> columns = new ArrayList<>(fields.size());
    for (FieldDraft field : fields) {
      frozen.add(field.toField());
      if (!field.isRelation()) {
        boolean isPrimaryKey = field.name().equals(primaryKey);
        columns.add(
            new Column(
                field.name(),
                field.type(),
                field.optional() && !isPrimaryKey,
                isPrimaryKey,
                kindOf(field)));
      }
    }
    return new Schema(name, table, system, !disableTimestamp, primaryKey, frozen, columns);
  }

  private ColumnKind kindOf(FieldDraft field) {
    if (field.foreignKey()) {
      return ColumnKind.FOREIGN_KEY;
    }
    if (!disableTimestamp && isTimestampName(field.name())) {
      return ColumnKind.TIMESTAMP;
    }
    return ColumnKind.FIELD;
  }

  static boolean isTimestampName(String fieldName) {
    return CREATED_AT.equals(fieldName)
        || UPDATED_AT.equals(fieldName)
        || DELETED_AT.equals(fieldName);
  }
}
