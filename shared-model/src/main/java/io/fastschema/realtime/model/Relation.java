package io.fastschema.realtime.model;

import java.util.Objects;

/**
 * One side of a resolved relation between two schemas, as held by a relation (or file) field.
 *
 * <p>The column names are the ones FastSchema computes ({@code schema/relation.go} {@code Init},
 * {@code schema/builder.go} {@code CreateM2mJunctionSchema}), not only the ones written in JSON:
 *
 * <ul>
 *   <li>Side that holds a foreign key (o2m non-owner, o2o non-owner, bidirectional self o2o):
 *       {@code sourceColumn} is the FK column in this schema's table ({@code source_column}, else
 *       {@code <field>_<target primary key field>}), {@code targetColumn} the referenced column of
 *       the target table ({@code target_column}, else the target primary key).
 *   <li>{@link RelationType#M2M}: {@code junctionTable} is the junction table; {@code sourceColumn}
 *       is the junction column holding the <em>target's</em> ids and {@code targetColumn} the
 *       junction column holding <em>this</em> schema's ids (FastSchema's own naming, confusing as
 *       it is).
 *   <li>Any other side (o2m owner, o2o owner): all three are null; the FK lives in the target
 *       table, on the back-reference field ({@link SchemaCatalog#backReference}).
 * </ul>
 *
 * <p>Thread-safety: immutable record, safe to share.
 *
 * @param type o2o, o2m (m2o is parsed as o2m) or m2m
 * @param targetSchema name of the related schema
 * @param backField name of the back-reference field on the target schema
 * @param owner the JSON {@code owner} flag
 * @param optional whether the relation may be empty; FastSchema takes it from the field's {@code
 *     optional}, ignoring {@code relation.optional}, and it decides whether the FK is nullable
 * @param sourceColumn see above; nullable
 * @param targetColumn see above; nullable
 * @param junctionTable m2m only; nullable
 */
public record Relation(
    RelationType type,
    String targetSchema,
    String backField,
    boolean owner,
    boolean optional,
    String sourceColumn,
    String targetColumn,
    String junctionTable) {

  public Relation {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(targetSchema, "targetSchema");
    Objects.requireNonNull(backField, "backField");
  }

  /** True when this side's table holds the FK column named {@link #sourceColumn()}. */
  public boolean holdsForeignKey() {
    return type != RelationType.M2M && sourceColumn != null;
  }

  /**
   * True when the field holds many records (o2m owner side, m2m): FastSchema returns it as a JSON
   * array ({@code []} when empty) rather than an object.
   */
  public boolean isCollection() {
    return type == RelationType.M2M || (type == RelationType.O2M && owner);
  }
}
