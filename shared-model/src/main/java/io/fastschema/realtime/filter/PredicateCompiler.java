package io.fastschema.realtime.filter;

import io.fastschema.realtime.model.Column;
import io.fastschema.realtime.model.Field;
import io.fastschema.realtime.model.Relation;
import io.fastschema.realtime.model.Schema;
import io.fastschema.realtime.model.SchemaCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gives validated predicates the meaning of the SQL FastSchema runs on PostgreSQL, or MySQL/MariaDB
 * ({@code pkg/entdbadapter/predicates.go} through ent), as in-memory {@link Condition}s.
 *
 * <p>Refused here, with messages of our own: relation paths and relations without a foreign key in
 * this table (they need other tables), and values PostgreSQL would reject on every query.
 *
 * <p>A relation named without a dot on the side that holds the foreign key, {@code {"category":
 * v}}, is FastSchema's {@code EXISTS (SELECT … FROM categories WHERE posts.category_id =
 * categories.id AND categories.id <op> v)}. With the foreign-key constraint FastSchema creates,
 * that is {@code category_id <op> v} for the positive operators; the negative ones are {@code NOT
 * EXISTS} of the positive operator, so they match rows whose foreign key is NULL; {@code $null:
 * true} asks for a related record with a NULL primary key and never matches, {@code $null: false}
 * is {@code category_id IS NOT NULL}.
 *
 * <p>Thread-safety: immutable; used by one parse at a time anyway.
 */
final class PredicateCompiler {

  private final Schema schema;

  /** Checks that a foreign key references the target's primary key; may be null. */
  private final SchemaCatalog catalog;

  /**
   * True when relation paths compile to {@link Condition.RelatedMatch}es (the caller evaluates with
   * {@link RelatedRows}); false refuses them as before. Needs a catalog.
   */
  private final boolean relations;

  /** The database whose semantics the conditions take. */
  private final SqlDialect dialect;

  PredicateCompiler(Schema schema, SchemaCatalog catalog, boolean relations, SqlDialect dialect) {
    if (relations && catalog == null) {
      throw new IllegalArgumentException("relation filters need a catalog");
    }
    this.schema = schema;
    this.catalog = catalog;
    this.relations = relations;
    this.dialect = dialect;
  }

  /** The condition of the top-level predicates, or null when there is nothing to test. */
  Condition compile(List<FilterPredicate> topLevel) throws FilterException {
    return group(false, topLevel);
  }

  private Condition compile(FilterPredicate predicate) throws FilterException {
    if (predicate instanceof FilterPredicate.Group) {
      FilterPredicate.Group group = (FilterPredicate.Group) predicate;
      return group(group.any(), group.members());
    }
    return leaf((FilterPredicate.Leaf) predicate);
  }

  private Condition group(boolean any, List<FilterPredicate> members) throws FilterException {
    List<Condition> conditions = new ArrayList<>();
    for (FilterPredicate member : members) {
      Condition condition = compile(member);
      if (condition != null) {
        conditions.add(condition);
      }
    }
    if (conditions.isEmpty()) {
      return null;
    }
    if (conditions.size() == 1) {
      return conditions.get(0);
    }
    return any ? new Condition.AnyOf(conditions) : new Condition.AllOf(conditions);
  }

  private Condition leaf(FilterPredicate.Leaf leaf) throws FilterException {
    if (leaf.isRelationPath() && relations) {
      return path(leaf);
    }
    if (leaf.isRelationPath()) {
      throw new FilterException(
          "filter error: relation path "
              + leaf.key()
              + " is not supported yet by realtime filters (only fields of this table can be"
              + " filtered)");
    }
    Field field = leaf.field();
    if (field.isRelation()) {
      return relation(leaf, field);
    }
    return new LeafBuilder(leaf, new RowColumn(field.name(), SqlType.of(field.type(), dialect)))
        .build(leaf.op());
  }

  private Condition relation(FilterPredicate.Leaf leaf, Field field) throws FilterException {
    Relation relation = field.relation();
    Optional<Column> foreignKey =
        relation.holdsForeignKey() ? schema.column(relation.sourceColumn()) : Optional.empty();
    if (foreignKey.isEmpty() && relations) {
      return path(leaf);
    }
    if (foreignKey.isEmpty()) {
      throw new FilterException(
          "filter error: filter on relation field "
              + field.name()
              + " is not supported yet by realtime filters (only a relation whose foreign key"
              + " column is in this table can be filtered)");
    }
    if (catalog != null) {
      String targetKey =
          catalog
              .schema(relation.targetSchema())
              .map(target -> target.primaryKey().name())
              .orElse(relation.targetColumn());
      if (!targetKey.equals(relation.targetColumn()) && relations) {
        return path(leaf);
      }
      if (!targetKey.equals(relation.targetColumn())) {
        throw new FilterException(
            "filter error: filter on relation field "
                + field.name()
                + " is not supported yet by realtime filters (its foreign key references "
                + relation.targetSchema()
                + "."
                + relation.targetColumn()
                + ", not the primary key)");
      }
    }
    Column column = foreignKey.get();
    LeafBuilder builder =
        new LeafBuilder(leaf, new RowColumn(column.name(), SqlType.of(column.type(), dialect)));
    Operator positive = leaf.op().positiveForRelation();
    if (positive != null) {
      return new Condition.NoRelatedMatch(builder.build(positive));
    }
    if (leaf.op() == Operator.NULL) {
      boolean isNull = ((GoValue.Bool) leaf.value()).value();
      return isNull ? new Condition.Never() : builder.build(Operator.NULL);
    }
    return builder.build(leaf.op());
  }

  /**
   * A relation path ({@code category.name}, {@code tags.blogs.title}) or a relation named without a
   * dot ({@code tags} ≡ {@code tags.<target pk>}), as FastSchema's {@code createRelationsPredicate}
   * builds it: one hop per relation segment, the operator on the last field of the last target, and
   * for a negative operator the positive one under a {@code NOT} of the innermost hop only. A path
   * ending on a relation field (possible with {@code $null}, which skips type validation) gets a
   * further hop to that relation's primary key, as FastSchema's recursion does.
   */
  private Condition path(FilterPredicate.Leaf leaf) throws FilterException {
    List<Schema> owners = new ArrayList<>();
    List<Field> hops = new ArrayList<>();
    Schema current = schema;
    Field last = null;
    for (String segment : PredicateParser.pathSegments(leaf.key())) {
      if (last != null) {
        owners.add(current);
        hops.add(last);
        current = target(last);
      }
      Schema owner = current;
      last =
          owner
              .field(segment)
              .orElseThrow(() -> new IllegalStateException("unvalidated path " + leaf.key()));
    }
    while (last.isRelation()) {
      owners.add(current);
      hops.add(last);
      current = target(last);
      last = current.primaryKey();
    }
    Operator positive = leaf.op().positiveForRelation();
    Condition condition =
        new LeafBuilder(leaf, new RowColumn(last.name(), SqlType.of(last.type(), dialect)))
            .build(positive != null ? positive : leaf.op());
    for (int i = hops.size() - 1; i >= 0; i--) {
      boolean innermost = i == hops.size() - 1;
      condition =
          new Condition.RelatedMatch(
              owners.get(i), hops.get(i), condition, innermost && positive != null);
    }
    return condition;
  }

  private Schema target(Field relationField) throws FilterException {
    String target = relationField.relation().targetSchema();
    return catalog
        .schema(target)
        .orElseThrow(
            () ->
                new FilterException(
                    "filter error: invalid relation schema "
                        + relationField.name()
                        + ": schema "
                        + target
                        + " not found"));
  }
}
