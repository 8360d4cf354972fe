package io.fastschema.realtime.model;

import java.util.List;

/**
 * A field while its schema is being resolved: FastSchema mutates fields in place (primary-key
 * defaults, timestamp and foreign-key merges), and so does the loader, on this draft.
 *
 * <p>Thread-safety: not thread-safe; confined to the loading thread.
 */
final class FieldDraft {

  /** File (or "system schema 'x'") this field was declared in, for problem messages. */
  private final String origin;

  /** Field and column name; empty when the JSON omitted it (reported). */
  private final String name;

  /** Null when missing or unknown in the JSON (reported). */
  private FieldType type;

  private boolean optional;
  private boolean unique;
  private boolean multiple;
  private List<String> enumValues = List.of();

  /** As declared; null for scalar fields. */
  private RelationSpec relationSpec;

  /** JSON {@code is_system_field}: such fields are skipped when merged into an existing schema. */
  private boolean systemField;

  /** Set when FastSchema derived (or merged) a foreign key into this field. */
  private boolean foreignKey;

  /** Set once the relation has been resolved against its target schema. */
  private Relation resolvedRelation;

  FieldDraft(String origin, String name, FieldType type) {
    this.origin = origin;
    this.name = name;
    this.type = type;
  }

  String origin() {
    return origin;
  }

  String name() {
    return name;
  }

  FieldType type() {
    return type;
  }

  void setType(FieldType type) {
    this.type = type;
  }

  boolean optional() {
    return optional;
  }

  FieldDraft setOptional(boolean optional) {
    this.optional = optional;
    return this;
  }

  boolean unique() {
    return unique;
  }

  FieldDraft setUnique(boolean unique) {
    this.unique = unique;
    return this;
  }

  boolean multiple() {
    return multiple;
  }

  FieldDraft setMultiple(boolean multiple) {
    this.multiple = multiple;
    return this;
  }

  List<String> enumValues() {
    return enumValues;
  }

  FieldDraft setEnumValues(List<String> values) {
    this.enumValues = List.copyOf(values);
    return this;
  }

  RelationSpec relationSpec() {
    return relationSpec;
  }

  FieldDraft setRelationSpec(RelationSpec relationSpec) {
    this.relationSpec = relationSpec;
    return this;
  }

  boolean systemField() {
    return systemField;
  }

  FieldDraft setSystemField(boolean systemField) {
    this.systemField = systemField;
    return this;
  }

  boolean foreignKey() {
    return foreignKey;
  }

  void setResolvedRelation(Relation relation) {
    this.resolvedRelation = relation;
  }

  /** True when the declared type is a relation type, so the field has no column. */
  boolean isRelation() {
    return type != null && type.isRelation();
  }

  /**
   * Applies a JSON field that overrides this one, as FastSchema's {@code MergeFields} does: the
   * position stays, the flags are taken over, enums and relation only when given.
   */
  void mergeFrom(FieldDraft other) {
    if (other.type != null) {
      type = other.type;
    }
    if (!other.enumValues.isEmpty()) {
      enumValues = other.enumValues;
    }
    if (other.relationSpec != null) {
      relationSpec = other.relationSpec.withoutCustomNames();
    }
    multiple = other.multiple;
    unique = other.unique;
    optional = other.optional;
  }

  /** Turns this field into the FK column of a relation (FastSchema {@code CreateFKs} merge). */
  void becomeForeignKey(FieldType referencedType, boolean nullable, boolean isUnique) {
    type = referencedType;
    optional = nullable;
    unique = isUnique;
    multiple = false;
    relationSpec = null;
    foreignKey = true;
  }

  Field toField() {
    return new Field(
        name,
        type,
        optional,
        unique,
        multiple,
        type == FieldType.ENUM ? enumValues : List.of(),
        resolvedRelation);
  }
}
