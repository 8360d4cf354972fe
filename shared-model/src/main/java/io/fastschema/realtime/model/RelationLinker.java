package io.fastschema.realtime.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves every relation field against its target schema: checks the back-reference, adds
 * foreign-key fields and registers junction tables, following FastSchema's {@code
 * Builder.CreateRelations} / {@code CreateFKs} ({@code schema/builder.go}) and {@code
 * Relation.Init} / {@code HasFKs} ({@code schema/relation.go}).
 *
 * <p>Thread-safety: not thread-safe; confined to the loading thread.
 */
final class RelationLinker {

  private final Map<String, SchemaDraft> schemas;
  private final LoadProblems problems;
  private final JunctionRegistry junctions = new JunctionRegistry();

  /** Schemas without parse or init problems; only these have a primary key to link against. */
  private final Set<String> linkable = new HashSet<>();

  RelationLinker(Map<String, SchemaDraft> schemas, LoadProblems problems) {
    this.schemas = schemas;
    this.problems = problems;
  }

  JunctionRegistry junctions() {
    return junctions;
  }

  /**
   * Links every relation field of every schema that had no problem so far. Schemas that fail only
   * here still serve as targets, so both sides of an inconsistent pair get reported.
   */
  void linkAll() {
    for (SchemaDraft schema : schemas.values()) {
      if (!schema.broken()) {
        linkable.add(schema.name());
      }
    }
    for (SchemaDraft schema : schemas.values()) {
      if (!linkable.contains(schema.name())) {
        continue;
      }
      // A copy, because linking inserts FK fields into the list being walked.
      for (FieldDraft field : new ArrayList<>(schema.fields())) {
        if (field.isRelation()) {
          link(schema, field);
        }
      }
    }
  }

  private void link(SchemaDraft source, FieldDraft field) {
    RelationSpec spec = field.relationSpec();
    SchemaDraft target = schemas.get(spec.targetSchema());
    if (target == null) {
      problems.report(
          source, field, "relation target schema '%s' does not exist", spec.targetSchema());
      return;
    }
    if (!linkable.contains(target.name()) || !hasBackReference(source, field, target)) {
      return;
    }
    boolean bidirectional = source == target && field.name().equals(spec.backField());
    if (holdsForeignKey(spec, bidirectional)) {
      linkForeignKey(source, field, target);
    } else if (spec.type() == RelationType.M2M) {
      linkJunction(source, field, target, bidirectional);
    } else {
      field.setResolvedRelation(resolved(spec, field, null, null, null));
    }
  }

  /**
   * FastSchema looks the back-reference up by name ({@code target.field-source.field}), so the
   * target field must be a relation pointing back at exactly this schema and field.
   */
  private boolean hasBackReference(SchemaDraft source, FieldDraft field, SchemaDraft target) {
    String backField = field.relationSpec().backField();
    FieldDraft back = target.field(backField);
    RelationSpec backSpec = back == null ? null : back.relationSpec();
    if (back != null
        && back.isRelation()
        && backSpec != null
        && source.name().equals(backSpec.targetSchema())
        && field.name().equals(backSpec.backField())) {
      return true;
    }
    problems.report(
        source,
        field,
        "relation needs a back-reference field '%s' in schema '%s'"
            + " with a relation to schema '%s', field '%s'%s",
        backField,
        target.name(),
        source.name(),
        field.name(),
        back == null ? ", but there is no such field" : ", but that field points elsewhere");
    return false;
  }

  /** {@code Relation.HasFKs}: which side of an o2o/o2m relation stores the foreign key. */
  private static boolean holdsForeignKey(RelationSpec spec, boolean bidirectional) {
    if (spec.type() == RelationType.O2M) {
      return !spec.owner();
    }
    if (spec.type() == RelationType.O2O) {
      // A bidirectional self o2o (user.spouse) has one field and one FK, whatever "owner" says.
      return bidirectional || !spec.owner();
    }
    return false;
  }

  /**
   * FK column {@code source_column}, else {@code <field>_<target primary key>} (named after the
   * primary key even when {@code target_column} points elsewhere); type cloned from the referenced
   * column; nullable iff the relation field is optional; unique for o2o.
   */
  private void linkForeignKey(SchemaDraft source, FieldDraft field, SchemaDraft target) {
    RelationSpec spec = field.relationSpec();
    String fkName =
        spec.sourceColumn() != null
            ? spec.sourceColumn()
            : field.name() + "_" + target.primaryKey();
    String referenced = spec.targetColumn() != null ? spec.targetColumn() : target.primaryKey();
    FieldDraft referencedField = target.field(referenced);
    if (referencedField == null || referencedField.isRelation()) {
      problems.report(
          source,
          field,
          "relation target column '%s' is not a column of schema '%s'",
          referenced,
          target.name());
      return;
    }
    boolean unique = spec.type() == RelationType.O2O;
    FieldDraft existing = source.field(fkName);
    if (existing != null && existing.isRelation()) {
      problems.report(
          source,
          field,
          "foreign key column '%s' clashes with relation field '%s'",
          fkName,
          fkName);
      return;
    }
    if (existing == null) {
      existing = new FieldDraft(field.origin(), fkName, referencedField.type());
      source.insertBeforeCreatedAt(existing);
    }
    existing.becomeForeignKey(referencedField.type(), field.optional(), unique);
    field.setResolvedRelation(resolved(spec, field, fkName, referenced, null));
  }

  /**
   * Junction columns default to this field's name (holding the target's ids) and the back field's
   * name (holding this schema's ids); a bidirectional self m2m uses the schema name for the first.
   * Table {@code junction_table}, else both column names sorted and joined by "_".
   */
  private void linkJunction(
      SchemaDraft source, FieldDraft field, SchemaDraft target, boolean bidirectional) {
    RelationSpec spec = field.relationSpec();
    String targetIdsColumn =
        spec.sourceColumn() != null
            ? spec.sourceColumn()
            : bidirectional ? source.name() : field.name();
    String sourceIdsColumn = spec.targetColumn() != null ? spec.targetColumn() : spec.backField();
    if (targetIdsColumn.equals(sourceIdsColumn)) {
      problems.report(source, field, "both junction columns would be named '%s'", targetIdsColumn);
      return;
    }
    String table =
        spec.junctionTable() != null
            ? spec.junctionTable()
            : junctionName(targetIdsColumn, sourceIdsColumn);
    if (tableOrSchemaExists(table)) {
      problems.report(
          source,
          field,
          "junction table '%s' clashes with a schema of that name" + " or table",
          table);
      return;
    }
    String disagreement =
        junctions.register(
            table,
            new JunctionRegistry.IdColumn(
                targetIdsColumn, target.name(), target.field(target.primaryKey()).type()),
            new JunctionRegistry.IdColumn(
                sourceIdsColumn, source.name(), source.field(source.primaryKey()).type()),
            "schema '" + source.name() + "', field '" + field.name() + "'");
    if (disagreement != null) {
      problems.report(source, field, "%s", disagreement);
      return;
    }
    field.setResolvedRelation(resolved(spec, field, targetIdsColumn, sourceIdsColumn, table));
  }

  private static String junctionName(String a, String b) {
    List<String> parts = new ArrayList<>(List.of(a, b));
    parts.sort(null);
    return String.join("_", parts);
  }

  private boolean tableOrSchemaExists(String table) {
    if (schemas.containsKey(table)) {
      return true;
    }
    for (SchemaDraft schema : schemas.values()) {
      if (table.equals(schema.table())) {
        return true;
      }
    }
    return false;
  }

  private static Relation resolved(
      RelationSpec spec,
      FieldDraft field,
      String sourceColumn,
      String targetColumn,
      String junctionTable) {
    return new Relation(
        spec.type(),
        spec.targetSchema(),
        spec.backField(),
        spec.owner(),
        field.optional(),
        sourceColumn,
        targetColumn,
        junctionTable);
  }
}
