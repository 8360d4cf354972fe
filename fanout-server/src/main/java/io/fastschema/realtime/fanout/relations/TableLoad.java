package io.fastschema.realtime.fanout.relations;

import io.fastschema.realtime.event.StateRecord;

/**
 * A table being read for the first time, off the consumer thread, so that a large table does not
 * hold every delivery of the node while it loads; {@link RelationStore#install} then publishes it.
 * Deleted rows it read are not scheduled for forgetting (they stay until their key changes again, a
 * bounded leak of one small version per row deleted shortly before the load).
 *
 * <p>Not thread-safe: one loading thread, then handed over whole.
 */
public final class TableLoad {

  private final String table;
  private final TableState state;
  private final long historyNanos;

  TableLoad(String table, TableState state, long historyNanos) {
    this.table = table;
    this.state = state;
    this.historyNanos = historyNanos;
  }

  public String table() {
    return table;
  }

  TableState state() {
    return state;
  }

  /** Applies one record read from the table's topic; {@code record} null is a tombstone. */
  public void apply(String key, StateRecord record, long nowNanos) {
    RelationStore.applyTo(state, key, record, nowNanos, historyNanos);
  }

  public int rows() {
    return state.size();
  }
}
