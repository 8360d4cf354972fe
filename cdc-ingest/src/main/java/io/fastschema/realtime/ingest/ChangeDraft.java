package io.fastschema.realtime.ingest;

import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.event.RecordEvent;
import io.fastschema.realtime.event.SourcePosition;
import io.fastschema.realtime.event.TransactionPosition;

/** A normalized change whose place in its group is not known yet (see {@link GroupMarker}). */
record ChangeDraft(
    String schema,
    String table,
    Operation op,
    RowImage key,
    RowImage before,
    RowImage after,
    String txId,
    long order,
    SourcePosition source,
    int indexInRecord) {

  /** The same change, numbered within its log record (see {@link LogRecordNumbering}). */
  ChangeDraft withIndexInRecord(int index) {
    return new ChangeDraft(schema, table, op, key, before, after, txId, order, source, index);
  }

  ContentEvent complete(long groupStart, boolean lastInGroup, boolean lastInTransaction) {
    return new ContentEvent(
        id(),
        this,
        new TransactionPosition(txId, order, groupStart, lastInGroup, lastInTransaction));
  }

  /** The change's event id ({@link RecordEvent#idOf}). */
  String id() {
    return RecordEvent.idOf(source.prevCommitLsn(), source.lsn(), indexInRecord);
  }
}
