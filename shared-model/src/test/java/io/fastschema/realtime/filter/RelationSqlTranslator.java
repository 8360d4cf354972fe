package io.fastschema.realtime.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.model.Field;
import io.fastschema.realtime.model.FieldType;
import io.fastschema.realtime.model.Relation;
import io.fastschema.realtime.model.RelationType;
import io.fastschema.realtime.model.Schema;
import io.fastschema.realtime.model.SchemaCatalog;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the SQL FastSchema builds for a relation filter ({@code createRelationsPredicate} through
 * ent's {@code sqlgraph.HasNeighborsWith}), independently of the code under test, as {@code
 * pkg/entdbadapter/predicates_test.go} pins it:
 *
 * <ul>
 *   <li>o2o/o2m, FK side: {@code EXISTS (SELECT t.id FROM target t WHERE src.fk = t.id AND …)};
 *   <li>o2o/o2m, collection/owner side: {@code EXISTS (SELECT t.id FROM target t WHERE src.id =
 *       t.fk AND …)};
 *   <li>m2m: {@code src.id IN (SELECT j.<this ids> FROM junction j JOIN target t ON j.<target ids>
 *       = t.id WHERE …)};
 *   <li>a relation without a dot is the path to its target's primary key; a negative operator is
 *       the positive one under {@code NOT (…)} of the innermost hop only.
 * </ul>
 *
 * <p>Scalars of the test schemas are text, integer and uuid; one operator's SQL is {@link
 * EntSqlTranslator}'s.
 */
final class RelationSqlTranslator {

  private final SchemaCatalog catalog;
  private final EntSqlTranslator operators = new EntSqlTranslator();
  private int aliases;

  private RelationSqlTranslator(SchemaCatalog catalog) {
    this.catalog = catalog;
  }

  static EntSqlTranslator.Sql translate(ObjectNode filter, Schema schema, SchemaCatalog catalog) {
    RelationSqlTranslator translator = new RelationSqlTranslator(catalog);
    String alias = "t0";
    String where =
        FilterPredicates.where(
            FilterPredicates.of(
                filter, (key, op, value) -> translator.leaf(schema, alias, key, op, value)));
    return new EntSqlTranslator.Sql(where, List.copyOf(translator.operators.params()));
  }

  private String leaf(Schema schema, String alias, String key, String op, JsonNode value) {
    List<String> segments = new ArrayList<>(List.of(key.split("\\.")));
    Field first = schema.field(segments.get(0)).orElseThrow();
    if (segments.size() == 1 && !first.isRelation()) {
      return operators.predicate(alias + "." + first.name(), kind(first), op, value);
    }
    String positive = EntSqlTranslator.positiveForRelation(op);
    return hops(schema, alias, segments, positive != null ? positive : op, positive != null, value);
  }

  /** The first segment is a relation of {@code schema}; the rest is resolved in its target. */
  private String hops(
      Schema schema,
      String alias,
      List<String> segments,
      String op,
      boolean negated,
      JsonNode value) {
    Field relationField = schema.field(segments.get(0)).orElseThrow();
    Schema target = catalog.schema(relationField.relation().targetSchema()).orElseThrow();
    String targetAlias = "t" + (++aliases);
    List<String> rest = segments.subList(1, segments.size());
    if (rest.isEmpty()) {
      rest = List.of(target.primaryKey().name());
    }
    Field next = target.field(rest.get(0)).orElseThrow();
    String inner;
    boolean innermost;
    if (rest.size() == 1 && !next.isRelation()) {
      inner = operators.predicate(targetAlias + "." + next.name(), kind(next), op, value);
      innermost = true;
    } else {
      inner = hops(target, targetAlias, rest, op, negated, value);
      innermost = false;
    }
    String hop = join(schema, alias, relationField, target, targetAlias, inner);
    return innermost && negated ? "NOT (" + hop + ")" : hop;
  }

  private String join(
      Schema schema,
      String alias,
      Field relationField,
      Schema target,
      String targetAlias,
      String inner) {
    Relation relation = relationField.relation();
    String targetPk = targetAlias + "." + target.primaryKey().name();
    if (relation.type() == RelationType.M2M) {
      String junction = "j" + (++aliases);
      return alias
          + "."
          + schema.primaryKey().name()
          + " IN (SELECT "
          + junction
          + "."
          + relation.targetColumn()
          + " FROM "
          + relation.junctionTable()
          + " AS "
          + junction
          + " JOIN "
          + target.table()
          + " AS "
          + targetAlias
          + " ON "
          + junction
          + "."
          + relation.sourceColumn()
          + " = "
          + targetPk
          + " WHERE "
          + inner
          + ")";
    }
    String on;
    if (relation.holdsForeignKey()) {
      on =
          alias
              + "."
              + relation.sourceColumn()
              + " = "
              + targetAlias
              + "."
              + relation.targetColumn();
    } else {
      Relation back = target.field(relation.backField()).orElseThrow().relation();
      on = alias + "." + back.targetColumn() + " = " + targetAlias + "." + back.sourceColumn();
    }
    return "EXISTS (SELECT "
        + targetPk
        + " FROM "
        + target.table()
        + " AS "
        + targetAlias
        + " WHERE "
        + on
        + " AND "
        + inner
        + ")";
  }

  private static DiffColumn.Kind kind(Field field) {
    FieldType type = field.type();
    if (type == FieldType.UUID || type == FieldType.RELATION) {
      return DiffColumn.Kind.UUID;
    }
    return type.name().startsWith("INT") || type.name().startsWith("UINT")
        ? DiffColumn.Kind.INTEGER
        : DiffColumn.Kind.TEXT;
  }
}
