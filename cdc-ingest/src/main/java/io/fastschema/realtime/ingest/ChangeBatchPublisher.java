package io.fastschema.realtime.ingest;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.fastschema.realtime.event.JsonOutput;
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
 * <p>Relation state (RELATIONS.md): every change of a table a relation can reach also goes to that
 * table's state topic, and a transaction's content events are sent only once the transaction has
 * ended and every state record sent so far is acknowledged. So a fanout node that reads the state
 * topics to their end after reading a content event judges it with at least every change of its own
 * transaction and of all before it. A transaction of more than {@link #MAX_HELD_CONTENT} content
 * events is not held whole (memory): its events are sent batch by batch, still each after the state
 * records of its batch.
 *
 * <p>The last source offset marked in a batch carries a {@link ResumePoint} when it falls inside a
 * transaction, and the first batch of a run reads the one stored: so a restart inside a transaction
 * keeps the {@code txn} fields (orders, group start) as they would have been without it. A TRUNCATE
 * waits for everything sent before it, then deletes the table's rows from the compacted topics
 * ({@link TruncatedRows}).
 *
 * <p>Not thread-safe: Debezium calls {@link #handleBatch} from one thread. One instance per engine
 * run, because it holds the run's {@link GroupMarker} state.
 */
final class ChangeBatchPublisher
    implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

  private static final Logger LOG = LoggerFactory.getLogger(ChangeBatchPublisher.class);

  /** Content events of one open transaction held back at most (see the class comment). */
  static final int MAX_HELD_CONTENT = 10_000;

  private final ChangeNormalizer normalizer;
  private final RecordEventCodec codec;

  /** Encodes this thread's events with one reused generator and buffer. */
  private final JsonOutput json;

  private final Producer<byte[], byte[]> producer;
  private final Function<String, String> topicOfSchema;
  private final String securityTopic;
  private final RelationState relationState;
  private final TruncatedRows truncatedRows;
  private final Duration ackTimeout;
  private final IngestStats stats;

  private final UnacknowledgedPartitions unacknowledged = new UnacknowledgedPartitions();

  /** The last record event sent in the current batch, for the capture-lag gauge; engine thread. */
  private ContentEvent lastEvent;

  private final GroupMarker marker = new GroupMarker();
  private final LogRecordNumbering numbering = new LogRecordNumbering();

  /** Source records not yet marked processed, in source order, across batches. */
  private final Deque<Unmarked> unmarked = new ArrayDeque<>();

  /** Where the previous engine run stopped inside a transaction, read at the first batch. */
  private final StoredResumePoint storedResume;

  private boolean resumeChecked;

  /** The same the normalizer corrects positions with. */
  private final ResumedTransaction resumed;

  /** The open transaction's last change so far, its order corrected; null between transactions. */
  private ChangeNormalizer.TransactionOrder lastCounted;

  /**
   * A source record not marked processed yet, with the {@link ResumePoint} right after it (null
   * outside transactions): stored with its offset when it is the last record marked, so that a
   * restart right after it continues the transaction's orders and groups.
   */
  private record Unmarked(RecordChangeEvent<SourceRecord> event, ResumePoint point) {}

  /** The source record of the change the marker holds back; null when nothing is held. */
  private RecordChangeEvent<SourceRecord> heldRecord;

  /**
   * The source record of the first change of the held change's log record: it and every later
   * record stay unmarked. Debezium resumes after the last stored LSN, so an offset committed in the
   * middle of a multi-change log record (a COPY page) would lose the record's other changes.
   */
  private RecordChangeEvent<SourceRecord> heldLogRecordStart;

  /** Content events not sent yet: those of the open transaction, or a batch's before its state. */
  private final List<PendingEvent> pendingContent = new ArrayList<>();

  /** How many of {@link #pendingContent} belong to ended transactions. */
  private int releasable;

  /**
   * The first source record of the open transaction while its content events are held: it and every
   * later record stay unmarked. Null when no transaction is open or it is too large to hold.
   */
  private RecordChangeEvent<SourceRecord> openTransactionStart;

  /** The open transaction outgrew {@link #MAX_HELD_CONTENT}: its events go out batch by batch. */
  private boolean oversizedTransaction;

  private record PendingEvent(
      ContentEvent event, TopicPartition destination, ProducerRecord<byte[], byte[]> record) {}

  ChangeBatchPublisher(
      ChangeNormalizer normalizer,
      ResumedTransaction resumed,
      RecordEventCodec codec,
      Producer<byte[], byte[]> producer,
      Function<String, String> topicOfSchema,
      String securityTopic,
      RelationState relationState,
      TruncatedRows truncatedRows,
      StoredResumePoint storedResume,
      Duration ackTimeout,
      IngestStats stats) {
    this.normalizer = normalizer;
    this.resumed = resumed;
    this.codec = codec;
    this.json = codec.newOutput();
    this.producer = producer;
    this.topicOfSchema = topicOfSchema;
    this.securityTopic = securityTopic;
    this.relationState = relationState;
    this.truncatedRows = truncatedRows;
    this.storedResume = storedResume;
    this.ackTimeout = ackTimeout;
    this.stats = stats;
  }

  @Override
  public void handleBatch(
      List<RecordChangeEvent<SourceRecord>> records,
      DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
      throws InterruptedException {
    List<Future<RecordMetadata>> stateSends = new ArrayList<>();
    List<Future<RecordMetadata>> sends = new ArrayList<>();
    lastEvent = null;
    if (!resumeChecked) {
      ResumePoint point = storedResume.read();
      resumed.resumeAfter(point);
      marker.resumeAfter(point == null ? null : point.group());
      resumeChecked = true;
    }
    for (RecordChangeEvent<SourceRecord> record : records) {
      SourceChange change = normalizer.normalize(record.record());
      ChangeNormalizer.TransactionOrder counted = normalizer.transactionOrderOf(record.record());
      if (counted != null) {
        lastCounted = counted;
      }
      if (change instanceof SourceChange.Row row) {
        if (openTransactionStart == null && !oversizedTransaction) {
          openTransactionStart = record;
        }
        if (!numbering.sameRecordAsLast(row.draft())) {
          heldLogRecordStart = record;
        }
        ChangeDraft draft = numbering.number(row.draft());
        hold(marker.offer(draft));
        heldRecord = record;
        relationState.publish(draft, stateSends);
        publishSecurity(draft, sends);
      } else if (change instanceof SourceChange.StateRow state) {
        relationState.publish(state.state(), stateSends);
      } else if (change instanceof SourceChange.SecurityRow security) {
        publishSecurity(security.key(), security.row(), sends);
        if (security.state() != null) {
          relationState.publish(security.state(), stateSends);
        }
      } else if (change instanceof SourceChange.Truncated truncated) {
        stats.truncated();
        // The topics are read to learn the truncated rows: what was sent must be in them first.
        awaitAcks(stateSends, "relation state record");
        awaitAcks(sends, "access-control record");
        truncatedRows.publish(truncated, sends, stateSends);
        warnNotOnSchemaTopic(truncated);
      } else if (change instanceof SourceChange.TransactionEnd end) {
        if (hold(marker.endTransaction(end.txId()))) {
          heldRecord = null;
          heldLogRecordStart = null;
        }
        releasable = pendingContent.size();
        openTransactionStart = null;
        oversizedTransaction = false;
        lastCounted = null;
      }
      unmarked.addLast(
          new Unmarked(
              record,
              lastCounted == null
                  ? null
                  : new ResumePoint(
                      lastCounted.txId(),
                      lastCounted.order(),
                      lastCounted.prevCommitLsn(),
                      marker.tail())));
    }
    awaitAcks(stateSends, "relation state record");
    if (pendingContent.size() > MAX_HELD_CONTENT) {
      LOG.info(
          "Transaction of more than {} changes: its events are sent before it ends",
          MAX_HELD_CONTENT);
      releasable = pendingContent.size();
      openTransactionStart = null;
      oversizedTransaction = true;
    } else if (oversizedTransaction) {
      releasable = pendingContent.size();
    }
    release(sends);
    awaitAcks(sends, "event");
    markUpToHeld(committer);
    committer.markBatchFinished();
  }

  /** Holds a content event until its transaction ends (see the class comment). */
  private boolean hold(ContentEvent event) {
    if (event == null) {
      return false;
    }
    byte[] key = event.encodeKey(json);
    TopicPartition destination = destinationOf(event.schema(), key);
    pendingContent.add(
        new PendingEvent(
            event,
            destination,
            new ProducerRecord<>(
                destination.topic(), destination.partition(), key, event.encode(json))));
    return true;
  }

  /**
   * Sends the content events of ended transactions (their state is acknowledged by now). A
   * transaction's last event ({@code last_in_txn}) leaves only once its other events on other
   * partitions are acknowledged: it then tells a consumer that all of them are below their
   * partitions' end offsets.
   */
  private void release(List<Future<RecordMetadata>> sends) throws InterruptedException {
    if (releasable == 0) {
      return;
    }
    List<PendingEvent> ready = pendingContent.subList(0, releasable);
    for (PendingEvent pending : ready) {
      ContentEvent event = pending.event();
      if (event.txn().lastInTransaction()
          && unacknowledged.lastMustWait(event.txn().id(), pending.destination())) {
        awaitAcks(sends, "event");
        sends.clear();
      }
      lastEvent = event;
      unacknowledged.sent(event.txn().id(), pending.destination());
      sends.add(producer.send(pending.record()));
    }
    ready.clear();
    releasable = 0;
  }

  private void warnNotOnSchemaTopic(SourceChange.Truncated truncated) {
    if (truncated.schema() == null) {
      return;
    }
    LOG.warn(
        "TRUNCATE of {} is not published on {}: its consumers keep the rows it removed (FastSchema"
            + " sends WebSocket clients nothing for it either); README, 'TRUNCATE'",
        truncated.table(),
        topicOfSchema.apply(truncated.schema()));
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
    RowImage image = draft.after() != null ? draft.after() : draft.before();
    String key = SecurityTopic.keyOf(draft.table(), image.tree());
    publishSecurity(
        key,
        draft.after() == null ? null : SecurityTopic.project(draft.table(), draft.after().tree()),
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

  private void awaitAcks(List<Future<RecordMetadata>> sends, String what)
      throws InterruptedException {
    if (sends.isEmpty()) {
      return;
    }
    long deadline = System.nanoTime() + ackTimeout.toNanos();
    for (Future<RecordMetadata> f : sends) {
      try {
        f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException e) {
        throw new KafkaPublishException(
            "Kafka refused a "
                + what
                + " ("
                + sends.size()
                + " in this batch); offsets stay uncommitted and the batch will be replayed",
            e.getCause());
      } catch (TimeoutException e) {
        throw new KafkaPublishException(
            "no Kafka acknowledgement within "
                + ackTimeout
                + " for a batch of "
                + sends.size()
                + " "
                + what
                + "s; it will be replayed",
            e);
      }
    }
    if (!what.equals("event")) {
      return;
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
    // Held content events of the open transaction: nothing from its first record on is marked.
    RecordChangeEvent<SourceRecord> stop =
        pendingContent.isEmpty() ? heldLogRecordStart : openTransactionStart;
    while (!unmarked.isEmpty() && unmarked.peekFirst().event() != stop) {
      Unmarked next = unmarked.pollFirst();
      boolean lastMarked = unmarked.isEmpty() || unmarked.peekFirst().event() == stop;
      if (lastMarked && next.point() != null) {
        // Only the last offset marked is committed: it carries where it stops in its transaction.
        DebeziumEngine.Offsets offsets = committer.buildOffsets();
        next.event().record().sourceOffset().forEach(offsets::set);
        next.point().writeTo(offsets::set);
        committer.markProcessed(next.event(), offsets);
      } else {
        committer.markProcessed(next.event());
      }
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
