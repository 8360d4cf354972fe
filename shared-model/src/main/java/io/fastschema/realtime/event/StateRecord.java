package io.fastschema.realtime.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One version of one row on a relation state topic ({@link RelationStateTopic}): what ingest
 * publishes for every change of a table a relation can reach, and for every row of it in the
 * initial snapshot. A delete carries the row as it was; the Kafka record that follows it is a
 * tombstone (null value) under the same key, so that compaction forgets the row.
 *
 * @param table the database table
 * @param key the primary key ({@code {"id": 3}}), or for a junction table both id columns
 * @param op {@code snapshot}, {@code create}, {@code update} or {@code delete}
 * @param row the row in event encoding (for a delete, as it was before)
 * @param id the change's event id (as on schema topics), or null for a snapshot row
 * @param position the transaction's order key ({@code source.prev_commit_lsn} of its events on the
 *     schema topics; binlog: the transaction's position): equal for all changes of a transaction
 *     and growing with commit order; 0 for snapshot rows, which are older than every change
 * @param commitTimeMs commit time of the change (0 for snapshot rows)
 */
public record StateRecord(
    String table,
    ObjectNode key,
    String op,
    ObjectNode row,
    String id,
    long position,
    long commitTimeMs) {

  public static final String SNAPSHOT = "snapshot";

  public StateRecord {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(row, "row");
  }

  public boolean isDelete() {
    return op.equals(Operation.DELETE.wireName());
  }
}
