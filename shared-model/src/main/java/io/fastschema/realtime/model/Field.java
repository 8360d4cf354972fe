package io.fastschema.realtime.model;

import java.util.List;
import java.util.Objects;

/**
 * A field of a resolved FastSchema schema.
 *
 * <p>Besides the fields written in the schema JSON, a schema's field list holds the fields
 * FastSchema generates, because filters and selects may name them: the auto-created {@code id},
 * foreign-key fields ({@code category_id}) and the timestamps. Only fields whose type is not a
 * {@linkplain FieldType#isRelation() relation type} have a column; the column name is the field
 * name.
 *
 * <p>Thread-safety: immutable record, safe to share.
 *
 * @param name field name, also the column name
 * @param type field type; {@link FieldType#RELATION} or {@link FieldType#FILE} for relations
 * @param optional nullable column (primary keys are never optional)
 * @param unique unique constraint (primary keys and o2o FKs always are)
 * @param multiple the JSON {@code multiple} flag (a multiple file field is an m2m relation)
 * @param enumValues the allowed values of an enum field, in declaration order; empty otherwise
 * @param relation the resolved relation of a relation or file field; null otherwise
 */
public record Field(
    String name,
    FieldType type,
    boolean optional,
    boolean unique,
    boolean multiple,
    List<String> enumValues,
    Relation relation) {

  public Field {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    enumValues = enumValues == null ? List.of() : List.copyOf(enumValues);
  }

  /** True when the field is a relation (or file) field and so has no column of its own. */
  public boolean isRelation() {
    return type.isRelation();
  }
}
