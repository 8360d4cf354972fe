package io.fastschema.realtime.ingest;

import io.fastschema.realtime.event.JsonOutput;
import io.fastschema.realtime.event.JsonWritable;
import io.fastschema.realtime.event.RecordEvent;
import io.fastschema.realtime.event.RecordEventCodec;
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
    RecordEvent.requireImages(id, change.op(), change.before() != null, change.after() != null);
  }

  String schema() {
    return change.schema();
  }

  SourcePosition source() {
    return change.source();
  }

  /** The event's JSON: the bytes {@link RecordEventCodec#encode(RecordEvent)} writes. */
  byte[] encode(JsonOutput out) {
    return out.write(
        RecordEventCodec.event(
            id,
            change.schema(),
            change.table(),
            change.op(),
            change.key(),
            orNull(change.before()),
            orNull(change.after()),
            txn,
            change.source()),
        "an event");
  }

  /** The Kafka record key: the primary key object ({@link RecordEventCodec#encodeKey}). */
  byte[] encodeKey(JsonOutput out) {
    return out.write(change.key(), "an event key");
  }

  private static JsonWritable orNull(RowImage image) {
    return image != null ? image : JsonWritable.of(null);
  }
}
