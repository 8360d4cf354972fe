package io.fastschema.realtime.filter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.model.Field;
import io.fastschema.realtime.model.Schema;
import java.util.List;

/**
 * The records related to one row through one relation field, as relation filters and relation
 * selects read them: the rows FastSchema's SQL would join ({@code EXISTS} per o2o/o2m hop, the
 * junction table for m2m), in FastSchema's JSON encoding as events carry them (SQL NULLs as absent
 * keys or JSON {@code null}).
 *
 * <p>An implementation decides which state it answers from (for events: the state their consistency
 * rule asks for, see the README's "Relations" section); this package only asks.
 *
 * <p>Thread-safety: up to the implementation; a filter calls it on the thread that evaluates it.
 */
public interface RelatedRows {

  /**
   * The rows of {@code relation.relation().targetSchema()} related to {@code row}.
   *
   * @param schema the schema of {@code row}
   * @param relation a relation field of {@code schema}
   * @param row a row of {@code schema}
   * @return the related rows, ordered by primary key; empty when there are none
   */
  List<ObjectNode> related(Schema schema, Field relation, ObjectNode row);
}
