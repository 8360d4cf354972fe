package io.fastschema.realtime.ingest;

import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.event.RecordEvent;
import io.fastschema.realtime.event.RecordEventCodec;
import io.fastschema.realtime.event.SourcePosition;
import io.fastschema.realtime.event.StateRecord;
import io.fastschema.realtime.event.StateRecordCodec;
import io.fastschema.realtime.security.SecurityTopic;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes what a TRUNCATE removed from the compacted topics that hold table state: on {@code
 * <prefix>._security} a tombstone for every row of the table it holds (roles, permissions,
 * roles_users), and on the table's relation state topic a delete record and a tombstone for every
 * row it holds, exactly as for a DELETE of each row. The rows are read from the topic itself
 * ({@link LiveTopicRecords}), since a TRUNCATE names no rows.
 *
 * <p>Why deletes and not a per-table "truncate" marker that readers apply: deletes leave each topic
 * holding exactly the table's rows, so compaction keeps a correct log (a marker would have to stay
 * forever, and every row written before it would stay too, dead but never compacted away, on every
 * partition); the record format stays the same, so fanout nodes of every version and other
 * consumers follow without a change; and it is idempotent: if ingest dies before the source offset
 * past the TRUNCATE is committed, the replay reads the topic again and deletes what is still there
 * (rows re-published by the replayed changes before the TRUNCATE included), and the replayed
 * changes after it publish their rows again.
 *
 * <p>Not thread-safe: the engine's handler thread.
 */
final class TruncatedRows {

  private static final Logger LOG = LoggerFactory.getLogger(TruncatedRows.class);

  private final LiveTopicRecords topics;
  private final String securityTopic;
  private final RelationState relationState;
  private final StateRecordCodec stateCodec;
  private final Producer<byte[], byte[]> producer;

  TruncatedRows(
      LiveTopicRecords topics,
      String securityTopic,
      RelationState relationState,
      StateRecordCodec stateCodec,
      Producer<byte[], byte[]> producer) {
    this.topics = topics;
    this.securityTopic = securityTopic;
    this.relationState = relationState;
    this.stateCodec = stateCodec;
    this.producer = producer;
  }

  /**
   * Sends the deletes of a truncated table's rows. Call only once everything sent before is
   * acknowledged: the topics are read to their end to learn the rows.
   */
  void publish(
      SourceChange.Truncated truncated,
      List<Future<RecordMetadata>> securitySends,
      List<Future<RecordMetadata>> stateSends) {
    String table = truncated.table();
    if (SecurityTopic.isSecurityTable(table)) {
      byte[] prefix = (table + "/").getBytes(StandardCharsets.UTF_8);
      int rows = 0;
      for (ByteBuffer key : topics.read(securityTopic, k -> startsWith(k, prefix)).keySet()) {
        securitySends.add(producer.send(new ProducerRecord<>(securityTopic, bytes(key), null)));
        rows++;
      }
      LOG.info("TRUNCATE of {}: deleting its {} rows on {}", table, rows, securityTopic);
    }
    String stateTopic = relationState.topicOf(table);
    if (stateTopic != null) {
      int rows = 0;
      for (Map.Entry<ByteBuffer, byte[]> row : topics.read(stateTopic, k -> true).entrySet()) {
        byte[] key = bytes(row.getKey());
        StateRecord delete = deleteOf(table, row.getValue(), truncated.at());
        if (delete != null) {
          stateSends.add(
              producer.send(new ProducerRecord<>(stateTopic, key, stateCodec.encode(delete))));
        }
        stateSends.add(producer.send(new ProducerRecord<>(stateTopic, key, null)));
        rows++;
      }
      LOG.info("TRUNCATE of {}: deleting its {} rows on {}", table, rows, stateTopic);
    }
  }

  /**
   * The delete record of a row the topic holds, at the TRUNCATE's position; null (the tombstone
   * alone removes the row) when the record cannot be read.
   */
  private StateRecord deleteOf(String table, byte[] value, SourcePosition at) {
    StateRecord last;
    try {
      last = stateCodec.decode(value);
    } catch (RecordEventCodec.MalformedEventException e) {
      LOG.warn(
          "Unreadable {} state record, removed by its tombstone only: {}", table, e.getMessage());
      return null;
    }
    return new StateRecord(
        table,
        last.key(),
        Operation.DELETE.wireName(),
        last.row(),
        RecordEvent.idOf(at.prevCommitLsn(), at.lsn()),
        at.prevCommitLsn(),
        at.commitTimeMs());
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && java.util.Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static byte[] bytes(ByteBuffer key) {
    return key.array();
  }
}
