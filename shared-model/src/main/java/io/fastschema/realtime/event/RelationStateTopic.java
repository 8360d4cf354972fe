package io.fastschema.realtime.event;

import io.fastschema.realtime.model.Field;
import io.fastschema.realtime.model.JunctionTable;
import io.fastschema.realtime.model.Schema;
import io.fastschema.realtime.model.SchemaCatalog;
import java.util.Set;
import java.util.TreeSet;

/**
 * The relation state topics' names and which tables have one: what relation filters and selects
 * read instead of querying the database (see RELATIONS.md). One compacted topic per table, {@code
 * <prefix>-state.<table>}: outside the {@code <prefix>.} namespace of the schema topics, so that
 * nothing that reads "every schema topic" mistakes one for a schema.
 */
public final class RelationStateTopic {

  private static final String INFIX = "-state.";

  private RelationStateTopic() {}

  public static String topic(String prefix, String table) {
    return prefix + INFIX + table;
  }

  /** The table of a state topic under {@code prefix}, or null when it is not one. */
  public static String tableOf(String prefix, String topic) {
    String head = prefix + INFIX;
    return topic.startsWith(head) && topic.length() > head.length()
        ? topic.substring(head.length())
        : null;
  }

  /**
   * The tables a relation path can reach: the table of every schema that has a relation field (it
   * is the target of the other side, or of its own self relation) and every junction table.
   */
  public static Set<String> tables(SchemaCatalog catalog) {
    Set<String> tables = new TreeSet<>();
    for (Schema schema : catalog.schemas()) {
      if (catalog.isJunctionTable(schema.table())) {
        continue;
      }
      for (Field field : schema.fields()) {
        if (field.isRelation()) {
          tables.add(schema.table());
          catalog.schema(field.relation().targetSchema()).ifPresent(t -> tables.add(t.table()));
        }
      }
    }
    for (JunctionTable junction : catalog.junctionTables()) {
      tables.add(junction.table());
    }
    return tables;
  }
}
