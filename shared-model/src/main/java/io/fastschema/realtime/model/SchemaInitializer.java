package io.fastschema.realtime.model;

import java.util.HashSet;
import java.util.Set;

/**
 * Validates one merged schema and gives it what FastSchema's {@code Schema.Init} gives it ({@code
 * schema/schema.go}): file-field relations, the primary key and the timestamp fields.
 *
 * <p>Only checks that matter for the table layout are made; UI-only keys such as {@code
 * label_field} are not checked, although FastSchema requires them.
 *
 * <p>Thread-safety: stateless apart from the problem sink; confined to the loading thread.
 */
final class SchemaInitializer {

  private final LoadProblems problems;

  SchemaInitializer(LoadProblems problems) {
    this.problems = problems;
  }

  void initialize(SchemaDraft schema) {
    if (schema.table() == null || schema.table().isEmpty()) {
      problems.report(schema, "missing \"namespace\" (the table name)");
    }
    checkFields(schema);
    choosePrimaryKey(schema);
    addTimestamps(schema);
  }

  private void checkFields(SchemaDraft schema) {
    Set<String> seen = new HashSet<>();
    for (FieldDraft field : schema.fields()) {
      if (field.name().isEmpty()) {
        continue; // reported by the parser, which knows the field's position in its file
      }
      if (!seen.add(field.name())) {
        problems.report(schema, field, "declared twice");
      }
      if (field.type() == FieldType.ENUM && field.enumValues().isEmpty()) {
        problems.report(schema, field, "enum field needs \"enums\" values");
      }
      if (field.type() == FieldType.FILE) {
        defaultFileRelation(schema, field);
      } else if (field.type() == FieldType.RELATION) {
        checkRelation(schema, field);
      } else if (field.type() != null && field.relationSpec() != null) {
        // FastSchema ignores a relation block on a scalar field, and so do we.
        field.setRelationSpec(null);
      }
    }
  }

  /**
   * A file field is a relation to the system {@code file} schema: single → o2m non-owner (FK {@code
   * <field>_id}), multiple → m2m; the back-reference defaults to {@code <schema>_<field>} ({@code
   * schema/field.go} {@code Field.Init}).
   */
  private static void defaultFileRelation(SchemaDraft schema, FieldDraft field) {
    RelationSpec spec = field.relationSpec();
    if (spec == null) {
      spec =
          RelationSpec.of(
              field.multiple() ? RelationType.M2M : RelationType.O2M, "file", null, false);
    }
    if (spec.backField() == null) {
      spec = spec.withBackField(schema.name() + "_" + field.name());
    }
    field.setRelationSpec(spec);
  }

  private void checkRelation(SchemaDraft schema, FieldDraft field) {
    RelationSpec spec = field.relationSpec();
    if (spec == null) {
      problems.report(schema, field, "relation field needs a \"relation\" object");
      return;
    }
    if (spec.targetSchema() == null) {
      problems.report(schema, field, "relation needs \"schema\" (the target schema)");
    }
    if (spec.type() == null) {
      problems.report(schema, field, "relation needs \"type\" (o2o, o2m, m2o or m2m)");
    }
    if (spec.backField() == null) {
      problems.report(
          schema,
          field,
          "relation needs \"field\" (the back-reference field on the target schema)");
    }
  }

  /**
   * {@code primary_field} if set (it must name a field), else a field named {@code id}, else a
   * prepended {@code id} of type uuid (v0.10; v0.9 created uint64). The key is forced unique and
   * non-null ({@code ensurePrimaryField}, {@code applyPrimaryFieldDefaults}).
   */
  private void choosePrimaryKey(SchemaDraft schema) {
    String wanted = schema.primaryFieldName() == null ? SchemaDraft.ID : schema.primaryFieldName();
    FieldDraft key = schema.field(wanted);
    if (key == null && !wanted.equals(SchemaDraft.ID)) {
      problems.report(schema, "primary_field '%s' names no field of the schema", wanted);
      return;
    }
    if (key == null) {
      key = new FieldDraft(schema.origin(), SchemaDraft.ID, FieldType.UUID);
      schema.fields().add(0, key);
    } else if (key.isRelation()) {
      problems.report(schema, "primary_field '%s' is a relation field and has no column", wanted);
      return;
    }
    key.setOptional(false).setUnique(true);
    schema.setPrimaryKey(key.name());
  }

  /**
   * Appends missing timestamps; a declared one keeps its position but gets FastSchema's type and
   * nullability (created_at NOT NULL, the others nullable).
   */
  private static void addTimestamps(SchemaDraft schema) {
    if (schema.disableTimestamp()) {
      return;
    }
    timestamp(schema, SchemaDraft.CREATED_AT, false);
    timestamp(schema, SchemaDraft.UPDATED_AT, true);
    timestamp(schema, SchemaDraft.DELETED_AT, true);
  }

  private static void timestamp(SchemaDraft schema, String name, boolean optional) {
    FieldDraft field = schema.field(name);
    if (field == null) {
      schema.add(new FieldDraft(schema.origin(), name, FieldType.TIME).setOptional(optional));
    } else {
      field.setType(FieldType.TIME);
      field.setOptional(optional).setUnique(false).setMultiple(false).setRelationSpec(null);
    }
  }
}
