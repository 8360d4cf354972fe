package io.fastschema.realtime.benchmarks.compression;

import io.fastschema.realtime.benchmarks.MachineInfo;
import io.fastschema.realtime.benchmarks.compression.BlogEventSample.Message;
import io.fastschema.realtime.benchmarks.support.BenchArgs;
import io.fastschema.realtime.benchmarks.support.ResultFiles;
import io.fastschema.realtime.embedded.InProcessKafkaBroker;
import io.fastschema.realtime.ingest.ProducerSettings;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What each Kafka compression codec costs and saves on ingest's events.
 *
 * <p>Workload: {@link BlogEventSample} events (the sample app's {@code blogs}, create + update with
 * before-image, ~0.4-2.5 KB each), produced by a producer with ingest's own settings ({@link
 * ProducerSettings}: acks=all, one request in flight, 256 KiB batches, linger 0) to a fresh topic
 * per codec on the in-process broker, in two modes:
 *
 * <ul>
 *   <li>{@code bulk}: sent as fast as the producer takes them (as ingest publishes a Debezium batch
 *       of a large transaction or a backlog): batches fill while the one request is out;
 *   <li>{@code single}: each send waits for its acknowledgement (a quiet system: one change per
 *       commit), so every batch holds one event.
 * </ul>
 *
 * Measured per codec and mode: the producer's CPU (the sending thread, where records are compressed
 * as they are appended, plus the producer's network thread, which closes the batches), from {@link
 * ThreadMXBean}, so other threads on the machine do not count; bytes of the topic's log on the
 * broker's disk (Kafka's own {@code describeLogDirs} size) against the raw key + value bytes; and
 * the CPU of a Java consumer thread reading the topic back from the start. The broker keeps the
 * producer's codec (topic {@code compression.type=producer}, Kafka's default).
 *
 * <pre>
 * mvn -o -q -pl benchmarks -am package -DskipTests
 * java -cp "benchmarks/target/benchmarks.jar:$(cat benchmarks/target/classpath.txt)" \
 *     io.fastschema.realtime.benchmarks.compression.CompressionCost \
 *     [events=100000] [single-events=2000] [rounds=3] [codecs=none,gzip,snappy,lz4,zstd]
 * </pre>
 *
 * Prints one line per codec, mode and round, then the medians, and writes {@code
 * benchmarks/target/results/compression-cost.json}. Round 0 (a full pass, not reported) warms the
 * JIT.
 */
public final class CompressionCost {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** One codec, one mode, one round. */
  record Result(
      String codec,
      String mode,
      int round,
      int events,
      long rawBytes,
      long diskBytes,
      long producerCpuNanos,
      long consumerCpuNanos,
      long wallNanos) {

    double ratio() {
      return (double) rawBytes / diskBytes;
    }

    double producerMicrosPerEvent() {
      return producerCpuNanos / 1000.0 / events;
    }

    double consumerMicrosPerEvent() {
      return consumerCpuNanos / 1000.0 / events;
    }

    double eventsPerSecond() {
      return events * 1e9 / wallNanos;
    }

    String line() {
      return String.format(
          "%-6s %-6s %5d %8d %,13d %,13d %6.2f %9.1f %9.1f %,10.0f",
          codec,
          mode,
          round,
          events,
          rawBytes,
          diskBytes,
          ratio(),
          producerMicrosPerEvent(),
          consumerMicrosPerEvent(),
          eventsPerSecond());
    }

    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("codec", codec);
      m.put("mode", mode);
      m.put("round", round);
      m.put("events", events);
      m.put("raw_bytes", rawBytes);
      m.put("disk_bytes", diskBytes);
      m.put("ratio", ratio());
      m.put("producer_cpu_us_per_event", producerMicrosPerEvent());
      m.put("consumer_cpu_us_per_event", consumerMicrosPerEvent());
      m.put("events_per_second", eventsPerSecond());
      return m;
    }
  }

  static final String HEADER =
      String.format(
          "%-6s %-6s %5s %8s %13s %13s %6s %9s %9s %10s",
          "codec",
          "mode",
          "round",
          "events",
          "raw bytes",
          "disk bytes",
          "ratio",
          "prod µs",
          "cons µs",
          "events/s");

  private final InProcessKafkaBroker broker;
  private final Admin admin;
  private int topics;

  private CompressionCost(InProcessKafkaBroker broker) {
    this.broker = broker;
    this.admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
  }

  public static void main(String[] args) throws Exception {
    ResultFiles.quietLoggingUnlessConfigured(CompressionCost.class.getPackageName());
    BenchArgs a;
    try {
      a =
          BenchArgs.parse(
              args, Set.of("events", "single-events", "rounds", "codecs"), System.getProperties());
    } catch (IllegalArgumentException e) {
      System.err.println("CompressionCost: " + e.getMessage());
      System.exit(2);
      return;
    }
    int events = a.integer("events", 100_000, 1, 10_000_000);
    int singleEvents = a.integer("single-events", 2_000, 1, 1_000_000);
    int rounds = a.integer("rounds", 3, 1, 100);
    List<String> codecs = a.words("codecs", "none,gzip,snappy,lz4,zstd");
    PrintStream out = System.out;
    List<Message> bulk = BlogEventSample.generate(events, 42);
    List<Message> single = bulk.subList(0, Math.min(singleEvents, bulk.size()));
    List<Result> results = new ArrayList<>();
    try (InProcessKafkaBroker broker = InProcessKafkaBroker.start()) {
      CompressionCost bench = new CompressionCost(broker);
      out.println(HEADER);
      for (int round = 0; round <= rounds; round++) {
        for (int i = 0; i < codecs.size(); i++) {
          // Rotated each round, so no codec always runs first (or right after a GC-heavy one).
          String codec = codecs.get((i + round) % codecs.size());
          for (String mode : List.of("bulk", "single")) {
            Result r = bench.measure(codec, mode, round, mode.equals("bulk") ? bulk : single);
            out.println(r.line() + (round == 0 ? "  (warm-up)" : ""));
            if (round > 0) {
              results.add(r);
            }
          }
        }
      }
      bench.admin.close();
    }
    out.println();
    out.println("Medians over " + rounds + " rounds:");
    out.println(HEADER);
    List<Map<String, Object>> medians = new ArrayList<>();
    for (String mode : List.of("bulk", "single")) {
      for (String codec : codecs) {
        List<Result> of =
            results.stream().filter(r -> r.codec.equals(codec) && r.mode.equals(mode)).toList();
        Result median = medianOf(of);
        out.println(median.line());
        medians.add(median.toJson());
      }
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("benchmark", "compression-cost");
    json.put("machine", MachineInfo.current().toJson());
    json.put("medians", medians);
    json.put("runs", results.stream().map(Result::toJson).toList());
    Path file =
        ResultFiles.write(
            ResultFiles.defaultDir(CompressionCost.class), "compression-cost.json", json);
    out.println("Result written to " + file.toAbsolutePath());
    System.exit(0);
  }

  /** Per column median (producer CPU, consumer CPU and wall separately); bytes are equal. */
  private static Result medianOf(List<Result> of) {
    Result first = of.get(0);
    return new Result(
        first.codec,
        first.mode,
        0,
        first.events,
        first.rawBytes,
        median(of.stream().mapToLong(Result::diskBytes).toArray()),
        median(of.stream().mapToLong(Result::producerCpuNanos).toArray()),
        median(of.stream().mapToLong(Result::consumerCpuNanos).toArray()),
        median(of.stream().mapToLong(Result::wallNanos).toArray()));
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private Result measure(String codec, String mode, int round, List<Message> messages)
      throws Exception {
    String topic = "compression-" + codec + "-" + mode + "-" + (topics++);
    admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    String clientId = "compression-bench-" + topic;
    Properties p = ProducerSettings.of(broker.bootstrapServers(), codec);
    p.setProperty(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    long raw = 0;
    long producerCpu;
    long wall;
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      producer.partitionsFor(topic); // metadata first: not part of the measurement
      Thread network = threadNamed("kafka-producer-network-thread | " + clientId);
      long mine0 = THREADS.getCurrentThreadCpuTime();
      long net0 = THREADS.getThreadCpuTime(network.getId());
      long t0 = System.nanoTime();
      Future<RecordMetadata> last = null;
      for (Message m : messages) {
        raw += m.key().length + m.value().length;
        last = producer.send(new ProducerRecord<>(topic, m.key(), m.value()));
        if (mode.equals("single")) {
          last.get();
        }
      }
      last.get();
      wall = System.nanoTime() - t0;
      producerCpu =
          THREADS.getCurrentThreadCpuTime()
              - mine0
              + THREADS.getThreadCpuTime(network.getId())
              - net0;
    }
    return new Result(
        codec,
        mode,
        round,
        messages.size(),
        raw,
        diskBytes(topic),
        producerCpu,
        consumeAll(topic, messages.size()),
        wall);
  }

  private long diskBytes(String topic) throws Exception {
    int brokerId = admin.describeCluster().nodes().get().iterator().next().id();
    Map<String, LogDirDescription> dirs =
        admin.describeLogDirs(List.of(brokerId)).allDescriptions().get().get(brokerId);
    TopicPartition partition = new TopicPartition(topic, 0);
    long size = 0;
    for (LogDirDescription dir : dirs.values()) {
      if (dir.replicaInfos().containsKey(partition)) {
        size += dir.replicaInfos().get(partition).size();
      }
    }
    return size;
  }

  /** The consumer thread's CPU to read {@code count} records from the start. */
  private long consumeAll(String topic, int count) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      consumer.position(partition); // connection and metadata: not measured
      long cpu0 = THREADS.getCurrentThreadCpuTime();
      int read = 0;
      while (read < count) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofSeconds(5));
        if (records.isEmpty()) {
          throw new IllegalStateException(topic + ": read " + read + " of " + count);
        }
        read += records.count();
      }
      return THREADS.getCurrentThreadCpuTime() - cpu0;
    }
  }

  private static Thread threadNamed(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no thread " + name));
  }
}
