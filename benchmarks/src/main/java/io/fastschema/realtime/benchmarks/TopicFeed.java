package io.fastschema.realtime.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.event.RecordEvent;
import io.fastschema.realtime.event.RecordEventCodec;
import io.fastschema.realtime.event.SourcePosition;
import io.fastschema.realtime.event.TransactionPosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes the benchmark's changes straight to the blog topic, as ingest would have published
 * them, instead of committing them to PostgreSQL ({@code feed=topic}): the fanout node is then
 * measured without the database, Debezium and ingest sharing its machine (issue 14 item 2 allows "a
 * pre-filled topic"). Each statement is one transaction of one event per row, built from the last
 * event ingest published on the topic (so the row has FastSchema's shape and size) with the row's
 * id, the new {@code views}, and positions above everything ingest wrote: ids keep growing,
 * transactions are grouped as ingest groups them (one group per statement, {@code last_in_txn} on
 * its last event), and keys go to the partition ingest would choose (the producer's default). The
 * start of a change is the send; its acknowledgement is Kafka's ({@code acks=all}), in place of the
 * commit.
 *
 * <p>Thread-safe: positions are taken and records sent under one lock, so ids grow in the order the
 * records reach each partition; acknowledgements are awaited outside it.
 */
final class TopicFeed implements ChangeWriter {

  private final KafkaProducer<byte[], byte[]> producer;
  private final RecordEventCodec codec = new RecordEventCodec();
  private final WriteLog log;
  private final String topic;
  private final RecordEvent template;

  /** The last position handed out; guarded by this. */
  private long lsn;

  /** The previous transaction's commit position; guarded by this. */
  private long prevCommitLsn;

  private boolean closed;

  private TopicFeed(
      KafkaProducer<byte[], byte[]> producer, WriteLog log, String topic, RecordEvent template) {
    this.producer = producer;
    this.log = log;
    this.topic = topic;
    this.template = template;
    // Far above ingest's positions, so the node never takes a feed event for a replay.
    this.prevCommitLsn = template.source().lsn() + (1L << 32);
    this.lsn = prevCommitLsn;
  }

  /** Opens a producer on {@code topic}, whose last event (an update of a blog) is the template. */
  static TopicFeed open(String bootstrap, String topic, WriteLog log) {
    RecordEvent template = lastUpdateOn(bootstrap, topic);
    KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                0,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class.getName()));
    return new TopicFeed(producer, log, topic, template);
  }

  private static RecordEvent lastUpdateOn(String bootstrap, String topic) {
    RecordEventCodec codec = new RecordEventCodec();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                "bootstrap.servers",
                bootstrap,
                "enable.auto.commit",
                "false",
                "key.deserializer",
                ByteArrayDeserializer.class.getName(),
                "value.deserializer",
                ByteArrayDeserializer.class.getName()))) {
      List<TopicPartition> parts = new ArrayList<>();
      consumer
          .partitionsFor(topic)
          .forEach(p -> parts.add(new TopicPartition(topic, p.partition())));
      consumer.assign(parts);
      Map<TopicPartition, Long> ends = consumer.endOffsets(parts);
      for (TopicPartition p : parts) {
        consumer.seek(p, Math.max(0, ends.get(p) - 1));
      }
      RecordEvent found = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (found == null && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.value() == null) {
            continue;
          }
          RecordEvent e = codec.decode(r.value());
          if (e.op() == Operation.UPDATE && e.after() != null) {
            found = e;
          }
        }
      }
      if (found == null) {
        throw new IllegalStateException(
            "no update event on " + topic + " to copy: warm the pipeline with writes first");
      }
      return found;
    } catch (RecordEventCodec.MalformedEventException e) {
      throw new IllegalStateException("the last event on " + topic + " does not decode", e);
    }
  }

  @Override
  public void writeRows(int seq, Long[] blogIds) throws Exception {
    List<Future<RecordMetadata>> acks = new ArrayList<>(blogIds.length);
    long started;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the topic feed is closed");
      }
      started = System.nanoTime();
      long commitMs = System.currentTimeMillis();
      long prev = prevCommitLsn;
      String txId = "feed-" + seq;
      for (int i = 0; i < blogIds.length; i++) {
        long at = ++lsn;
        RecordEvent e = eventOf(blogIds[i], seq, txId, i, blogIds.length, prev, at, commitMs);
        // No partition given: the producer's default for a keyed record is ingest's choice too.
        acks.add(producer.send(new ProducerRecord<>(topic, codec.encodeKey(e), codec.encode(e))));
      }
      prevCommitLsn = lsn;
    }
    for (Future<RecordMetadata> ack : acks) {
      ack.get(60, TimeUnit.SECONDS);
    }
    log.record(seq, started, System.nanoTime());
  }

  private RecordEvent eventOf(
      long blogId, int seq, String txId, int index, int size, long prev, long at, long commitMs) {
    ObjectNode key = template.key().deepCopy();
    key.put("id", blogId);
    ObjectNode after = template.after().deepCopy();
    after.put("id", blogId);
    after.put("views", RowValue.of(seq));
    ObjectNode before = null;
    if (template.before() != null) {
      before = template.before().deepCopy();
      before.put("id", blogId);
    }
    boolean last = index == size - 1;
    return new RecordEvent(
        RecordEvent.idOf(prev, at, 0),
        template.schema(),
        template.table(),
        Operation.UPDATE,
        key,
        before,
        after,
        new TransactionPosition(txId, index + 1, 1, last, last),
        new SourcePosition(at, prev, commitMs, commitMs));
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      producer.close(Duration.ofSeconds(10));
    }
  }
}
