package io.fastschema.realtime.model;

/**
 * A relation as written in schema JSON (or a system schema's struct tag), before resolution.
 *
 * <p>Blank strings are normalised to null because FastSchema treats {@code ""} as "not set".
 *
 * <p>Thread-safety: immutable record.
 *
 * @param type null when missing or unknown (already reported)
 * @param targetSchema JSON {@code schema}; null when missing
 * @param backField JSON {@code field}; null when missing
 * @param owner JSON {@code owner}
 * @param sourceColumn JSON {@code source_column}; nullable
 * @param targetColumn JSON {@code target_column}; nullable
 * @param junctionTable JSON {@code junction_table}; nullable
 */
record RelationSpec(
    RelationType type,
    String targetSchema,
    String backField,
    boolean owner,
    String sourceColumn,
    String targetColumn,
    String junctionTable) {

  RelationSpec {
    targetSchema = blankToNull(targetSchema);
    backField = blankToNull(backField);
    sourceColumn = blankToNull(sourceColumn);
    targetColumn = blankToNull(targetColumn);
    junctionTable = blankToNull(junctionTable);
  }

  /** A relation declared without custom columns, as the system schemas do. */
  static RelationSpec of(RelationType type, String targetSchema, String backField, boolean owner) {
    return new RelationSpec(type, targetSchema, backField, owner, null, null, null);
  }

  RelationSpec withBackField(String field) {
    return new RelationSpec(
        type, targetSchema, field, owner, sourceColumn, targetColumn, junctionTable);
  }

  /**
   * The copy FastSchema keeps when a JSON field overrides a same-named field of a system schema:
   * its {@code MergeFields} goes through {@code Relation.Clone()}, which drops custom column and
   * junction names that {@code Init} has not yet marked user-defined (schema/relation.go).
   */
  RelationSpec withoutCustomNames() {
    return new RelationSpec(type, targetSchema, backField, owner, null, null, null);
  }

  private static String blankToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
