package io.fastschema.realtime.ingest;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.fastschema.realtime.event.RecordEvent;
import io.fastschema.realtime.event.RecordEventCodec;
import io.fastschema.realtime.security.SecurityTopic;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives Debezium's batches, publishes record events to Kafka, and marks source records processed
 * only after Kafka acknowledged every event they produced: the at-least-once half of the pipeline.
 * A send that fails or times out fails the batch; the engine then stops without committing and is
 * restarted from the last committed offsets, replaying the same event ids.
 *
 * <p>Not thread-safe: Debezium calls {@link #handleBatch} from one thread. One instance per engine
 * run, because it holds the run's {@link GroupMarker} state.
 */
final class ChangeBatchPublisher
    implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

  private static final Logger LOG = LoggerFactory.getLogger(ChangeBatchPublisher.class);

  private final ChangeNormalizer normalizer;
  private final RecordEventCodec codec;
  private final Producer<byte[], byte[]> producer;
  private final Function<String, String> topicOfSchema;
  private final String securityTopic;
  private final Duration ackTimeout;
  private final IngestStats stats;

  private final UnacknowledgedPartitions unacknowledged = new UnacknowledgedPartitions();

  /** The last record event sent in the current batch, for the capture-lag gauge; engine thread. */
  private RecordEvent lastEvent;

  private final GroupMarker marker = new GroupMarker();
  private final LogRecordNumbering numbering = new LogRecordNumbering();

  /** Source records not yet marked processed, in source order, across batches. */
  private final Deque<RecordChangeEvent<SourceRecord>> unmarked = new ArrayDeque<>();

  /** The source record of the change the marker holds back; null when nothing is held. */
  private RecordChangeEvent<SourceRecord> heldRecord;

  /**
   * The source record of the first change of the held change's log record: it and every later
   * record stay unmarked. Debezium resumes after the last stored LSN, so an offset committed in the
   * middle of a multi-change log record (a COPY page) would lose the record's other changes.
   */
  private RecordChangeEvent<SourceRecord> heldLogRecordStart;

  ChangeBatchPublisher(
      ChangeNormalizer normalizer,
      RecordEventCodec codec,
      Producer<byte[], byte[]> producer,
      Function<String, String> topicOfSchema,
      String securityTopic,
      Duration ackTimeout,
      IngestStats stats) {
    this.normalizer = normalizer;
    this.codec = codec;
    this.producer = producer;
    this.topicOfSchema = topicOfSchema;
    this.securityTopic = securityTopic;
    this.ackTimeout = ackTimeout;
    this.stats = stats;
  }

  @Override
  public void handleBatch(
      List<RecordChangeEvent<SourceRecord>> records,
      DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
      throws InterruptedException {
    List<Future<RecordMetadata>> sends = new ArrayList<>();
    lastEvent = null;
    for (RecordChangeEvent<SourceRecord> record : records) {
      unmarked.addLast(record);
      SourceChange change = normalizer.normalize(record.record());
      if (change instanceof SourceChange.Row row) {
        if (!numbering.sameRecordAsLast(row.draft())) {
          heldLogRecordStart = record;
        }
        ChangeDraft draft = numbering.number(row.draft());
        publish(marker.offer(draft), sends);
        heldRecord = record;
        publishSecurity(draft, sends);
      } else if (change instanceof SourceChange.SecurityRow security) {
        publishSecurity(security.key(), security.row(), sends);
      } else if (change instanceof SourceChange.Truncated truncated) {
        stats.truncated();
        warnNotPublished(truncated);
      } else if (change instanceof SourceChange.TransactionEnd end) {
        RecordEvent last = marker.endTransaction(end.txId());
        if (last != null
            && unacknowledged.lastMustWait(
                end.txId(), destinationOf(last.schema(), codec.encodeKey(last)))) {
          // The transaction's other events acknowledged first: its last one (last_in_txn) then
          // tells a consumer that all of them are below their partitions' end offsets.
          awaitAcks(sends);
          sends.clear();
        }
        if (publish(last, sends)) {
          heldRecord = null;
          heldLogRecordStart = null;
        }
      }
    }
    awaitAcks(sends);
    markUpToHeld(committer);
    committer.markBatchFinished();
  }

  private void warnNotPublished(SourceChange.Truncated truncated) {
    String table = truncated.table();
    boolean accessControl =
        List.of(SecurityTopic.ROLES, SecurityTopic.PERMISSIONS, SecurityTopic.ROLES_USERS)
            .contains(table);
    LOG.warn(
        "TRUNCATE of {} is not published: consumers of {} keep the rows it removed{}; README,"
            + " 'TRUNCATE'",
        table,
        truncated.schema() == null ? securityTopic : topicOfSchema.apply(truncated.schema()),
        accessControl
            ? ", and fanout nodes keep granting the access they gave (the security topic is"
                + " only ever upserted: restarts do not heal it)"
            : " (FastSchema sends WebSocket clients nothing for it either)");
  }

  private boolean publish(RecordEvent event, List<Future<RecordMetadata>> sends) {
    if (event == null) {
      return false;
    }
    byte[] key = codec.encodeKey(event);
    TopicPartition destination = destinationOf(event.schema(), key);
    lastEvent = event;
    unacknowledged.sent(event.txn().id(), destination);
    sends.add(
        producer.send(
            new ProducerRecord<>(
                destination.topic(), destination.partition(), key, codec.encode(event))));
    return true;
  }

  /**
   * The partition the producer's default partitioner would choose for the key (README, "Key bytes
   * and partitioner"), named here so that {@link UnacknowledgedPartitions} knows it before sending.
   */
  private TopicPartition destinationOf(String schema, byte[] key) {
    String topic = topicOfSchema.apply(schema);
    int partitions = producer.partitionsFor(topic).size();
    return new TopicPartition(topic, Utils.toPositive(Utils.murmur2(key)) % partitions);
  }

  /**
   * Roles and permissions are content and access control: their rows also go to the security topic.
   */
  private void publishSecurity(ChangeDraft draft, List<Future<RecordMetadata>> sends) {
    if (!SecurityTopic.isSecurityTable(draft.table())) {
      return;
    }
    var image = draft.after() != null ? draft.after() : draft.before();
    String key = SecurityTopic.keyOf(draft.table(), image);
    publishSecurity(
        key,
        draft.after() == null ? null : SecurityTopic.project(draft.table(), draft.after()),
        sends);
  }

  private void publishSecurity(
      String key,
      com.fasterxml.jackson.databind.node.ObjectNode row,
      List<Future<RecordMetadata>> sends) {
    byte[] value = row == null ? null : codec.encodeRow(row);
    sends.add(
        producer.send(
            new ProducerRecord<>(
                securityTopic, key.getBytes(java.nio.charset.StandardCharsets.UTF_8), value)));
  }

  private void awaitAcks(List<Future<RecordMetadata>> sends) throws InterruptedException {
    long deadline = System.nanoTime() + ackTimeout.toNanos();
    for (Future<RecordMetadata> f : sends) {
      try {
        f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException e) {
        throw new KafkaPublishException(
            "Kafka refused an event ("
                + sends.size()
                + " in this batch); offsets stay uncommitted and the batch will be replayed",
            e.getCause());
      } catch (TimeoutException e) {
        throw new KafkaPublishException(
            "no Kafka acknowledgement within "
                + ackTimeout
                + " for a batch of "
                + sends.size()
                + " events; it will be replayed",
            e);
      }
    }
    unacknowledged.acknowledged();
    stats.published(sends.size());
    if (lastEvent != null) {
      stats.captureLag(lastEvent.source().captureTimeMs() - lastEvent.source().commitTimeMs());
    }
  }

  private void markUpToHeld(
      DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
      throws InterruptedException {
    while (!unmarked.isEmpty() && unmarked.peekFirst() != heldLogRecordStart) {
      committer.markProcessed(unmarked.pollFirst());
    }
    if (LOG.isTraceEnabled() && heldRecord != null) {
      LOG.trace(
          "holding one change until its group's end is known; {} records unmarked",
          unmarked.size());
    }
  }

  /** Kafka did not take a batch: retriable, the engine restarts from committed offsets. */
  static final class KafkaPublishException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    KafkaPublishException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
