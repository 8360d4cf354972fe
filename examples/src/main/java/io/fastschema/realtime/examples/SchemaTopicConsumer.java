package io.fastschema.realtime.examples;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A consumer of one schema topic ({@code <prefix>.<schema>}) written only against the Kafka
 * contract (README "The Kafka event contract"): every value is validated against {@code
 * record-event.schema.json} and its key checked to be the event's {@code key} as compact JSON;
 * replays are dropped by event id; events are regrouped into FastSchema's per-transaction groups,
 * each handed out once complete.
 *
 * <pre>
 * java -jar examples/target/examples.jar localhost:9092 fastschema.blog
 * </pre>
 *
 * prints one line per group ({@code txn table op ids}), and invalid records on stderr. Reads every
 * partition from the beginning, without a consumer group: a sketch of what a consumer must do, not
 * of offset management.
 *
 * <p>Not thread-safe: one thread polls.
 */
public final class SchemaTopicConsumer implements AutoCloseable {

  /** What the consumer found; called on the polling thread. */
  public interface Handler {
    void group(TransactionGroups.Group group);

    void duplicate(ConsumerRecord<byte[], byte[]> record, String eventId);

    void invalid(ConsumerRecord<byte[], byte[]> record, List<String> problems);
  }

  /**
   * Lossless numbers: a bigint beyond 2^53 stays exact (JavaScript's JSON.parse would round it; use
   * a lossless parser there), and decimals stay as written.
   */
  static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final EventValidator validator = EventValidator.fromClasspath();
  private final Deduplicator dedup = new Deduplicator();
  private final TransactionGroups groups = new TransactionGroups();
  private final Handler handler;

  public SchemaTopicConsumer(String bootstrapServers, String topic, Handler handler) {
    this.handler = handler;
    Properties p = new Properties();
    p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.setProperty(ConsumerConfig.CLIENT_ID_CONFIG, "fastschema-realtime-example");
    p.setProperty(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.setProperty(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    this.consumer = new KafkaConsumer<>(p);
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
            .map(info -> new TopicPartition(topic, info.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Polls once and handles what arrived; returns the number of records read. */
  public int pollOnce(Duration timeout) {
    int n = 0;
    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
      n++;
      handle(r);
    }
    return n;
  }

  private void handle(ConsumerRecord<byte[], byte[]> r) {
    JsonNode event;
    try {
      event = JSON.readTree(r.value());
    } catch (IOException e) {
      handler.invalid(r, List.of("not JSON: " + e.getMessage()));
      return;
    }
    List<String> problems = new java.util.ArrayList<>(validator.problems(event));
    if (problems.isEmpty() && !Arrays.equals(r.key(), compact(event.get("key")))) {
      problems.add(
          "record key "
              + (r.key() == null
                  ? "null"
                  : new String(r.key(), java.nio.charset.StandardCharsets.UTF_8))
              + " is not the event's key as compact JSON");
    }
    if (!problems.isEmpty()) {
      handler.invalid(r, problems);
      return;
    }
    String id = event.get("id").asText();
    if (!dedup.firstTime(r.partition(), id)) {
      handler.duplicate(r, id);
      return;
    }
    TransactionGroups.Group complete = groups.offer(event);
    if (complete != null) {
      handler.group(complete);
    }
  }

  private static byte[] compact(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Groups still waiting for events on other partitions. */
  public int incompleteGroups() {
    return groups.incomplete();
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println(
          "usage: SchemaTopicConsumer <bootstrap servers> <topic, e.g. fastschema.blog>");
      System.exit(2);
    }
    Handler print =
        new Handler() {
          @Override
          public void group(TransactionGroups.Group g) {
            System.out.println(
                "txn "
                    + g.txId()
                    + " "
                    + g.table()
                    + " "
                    + g.op()
                    + " "
                    + g.events().stream().map(e -> e.get("id").asText()).toList());
          }

          @Override
          public void duplicate(ConsumerRecord<byte[], byte[]> r, String id) {
            System.err.println(
                "duplicate dropped: "
                    + id
                    + " at "
                    + r.topic()
                    + "-"
                    + r.partition()
                    + "@"
                    + r.offset());
          }

          @Override
          public void invalid(ConsumerRecord<byte[], byte[]> r, List<String> problems) {
            System.err.println(
                "invalid record at "
                    + r.topic()
                    + "-"
                    + r.partition()
                    + "@"
                    + r.offset()
                    + ": "
                    + problems);
          }
        };
    try (SchemaTopicConsumer c = new SchemaTopicConsumer(args[0], args[1], print)) {
      while (!Thread.currentThread().isInterrupted()) {
        c.pollOnce(Duration.ofSeconds(1));
      }
    }
  }
}
