package io.fastschema.realtime.ingest;

import io.fastschema.realtime.event.JsonOutput;
import io.fastschema.realtime.event.StateRecord;
import io.fastschema.realtime.event.StateRecordCodec;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes row versions of the tables relations reach to their state topics (RELATIONS.md): one
 * record per change (a delete also a tombstone after it, so that compaction forgets the row).
 *
 * <p>Not thread-safe: the engine's handler thread.
 */
final class RelationState {

  private final Set<String> tables;
  private final Function<String, String> topicOfTable;
  private final StateRecordCodec codec;

  /** Encodes state records of content changes with one reused generator and buffer. */
  private final JsonOutput json;

  private final Producer<byte[], byte[]> producer;

  RelationState(
      Set<String> tables,
      Function<String, String> topicOfTable,
      StateRecordCodec codec,
      Producer<byte[], byte[]> producer) {
    this.tables = Set.copyOf(tables);
    this.topicOfTable = topicOfTable;
    this.codec = codec;
    this.json = codec.newOutput();
    this.producer = producer;
  }

  /** The state topic of {@code table}, or null when relations do not reach it. */
  String topicOf(String table) {
    return tables.contains(table) ? topicOfTable.apply(table) : null;
  }

  /** The state record of a content table's change, when relations reach the table. */
  void publish(ChangeDraft draft, List<Future<RecordMetadata>> sends) {
    if (!tables.contains(draft.table())) {
      return;
    }
    boolean delete = draft.after() == null;
    send(
        draft.table(),
        json.write(draft.key(), "a state record key"),
        json.write(
            StateRecordCodec.record(
                draft.table(),
                draft.op().wireName(),
                draft.key(),
                delete ? draft.before() : draft.after(),
                draft.id(),
                draft.source().prevCommitLsn(),
                draft.source().commitTimeMs()),
            "a state record"),
        delete,
        sends);
  }

  void publish(StateRecord state, List<Future<RecordMetadata>> sends) {
    send(state.table(), codec.encodeKey(state), codec.encode(state), state.isDelete(), sends);
  }

  /** A delete is followed by a tombstone, so that compaction forgets the row. */
  private void send(
      String table, byte[] key, byte[] value, boolean delete, List<Future<RecordMetadata>> sends) {
    String topic = topicOfTable.apply(table);
    sends.add(producer.send(new ProducerRecord<>(topic, key, value)));
    if (delete) {
      sends.add(producer.send(new ProducerRecord<>(topic, key, null)));
    }
  }
}
