package io.fastschema.realtime.filter;

import io.fastschema.realtime.model.Field;
import io.fastschema.realtime.model.Relation;
import io.fastschema.realtime.model.RelationType;
import io.fastschema.realtime.model.SchemaCatalog;
import java.util.Set;

/** The tables one relation hop reads: what a node must hold to follow it. */
final class RelationHops {

  private RelationHops() {}

  /** Adds the hop's target table, and for m2m its junction table. */
  static void addHop(Field field, SchemaCatalog catalog, Set<String> tables) {
    Relation relation = field.relation();
    catalog.schema(relation.targetSchema()).ifPresent(t -> tables.add(t.table()));
    if (relation.type() == RelationType.M2M && relation.junctionTable() != null) {
      tables.add(relation.junctionTable());
    }
  }
}
