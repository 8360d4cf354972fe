package io.fastschema.realtime.ingest;

import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.event.RecordEvent;
import io.fastschema.realtime.event.RecordEventCodec;
import io.fastschema.realtime.event.RowJson;
import io.fastschema.realtime.event.SourcePosition;
import io.fastschema.realtime.event.TransactionPosition;
import java.util.Objects;

/**
 * A content event ready to publish: ingest's form of a {@link RecordEvent}, whose rows are still
 * Debezium's ({@link RowImage}) and are written straight into the event's JSON by {@link #encode}.
 *
 * @param id the event id ({@link RecordEvent#idOf})
 */
record ContentEvent(String id, ChangeDraft change, TransactionPosition txn) {

  ContentEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(change.key(), "key");
    Objects.requireNonNull(txn, "txn");
    // The same rules as RecordEvent's: consumers rely on them.
    if (change.op() != Operation.DELETE && change.after() == null) {
      throw new IllegalArgumentException(
          change.op().wireName() + " event " + id + " has no after-image");
    }
    if (change.op() == Operation.DELETE && change.before() == null) {
      throw new IllegalArgumentException("delete event " + id + " has no before-image");
    }
  }

  String schema() {
    return change.schema();
  }

  SourcePosition source() {
    return change.source();
  }

  /** The event's JSON: the bytes {@link RecordEventCodec#encode(RecordEvent)} writes. */
  byte[] encode(RecordEventCodec codec) {
    return codec.encode(
        id,
        change.schema(),
        change.table(),
        change.op(),
        change.key(),
        orNull(change.before()),
        orNull(change.after()),
        txn,
        change.source());
  }

  /** The Kafka record key: the primary key object. */
  byte[] encodeKey(RecordEventCodec codec) {
    return codec.encodeKey(change.key());
  }

  private static RowJson orNull(RowImage image) {
    return image != null ? image : RowJson.of(null);
  }
}
