package io.fastschema.realtime.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InProcessKafkaBrokerTest {

  private static InProcessKafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = InProcessKafkaBroker.start();
  }

  @AfterAll
  static void closeBroker() {
    broker.close();
  }

  @Test
  void producedRecordsCanBeConsumedOnAnAutoCreatedTopic() throws Exception {
    send("round-trip", "k1", "hello");
    send("round-trip", "k2", "world");

    assertEquals(List.of("k1=hello", "k2=world"), readAll("round-trip", 2));
  }

  @Test
  void restartKeepsBootstrapAddressTopicsAndRecords() throws Exception {
    String bootstrap = broker.bootstrapServers();
    send("survives-restart", "before", "1");

    broker.stop();
    assertFalse(broker.isRunning());
    broker.restart();

    assertTrue(broker.isRunning());
    assertEquals(bootstrap, broker.bootstrapServers());
    send("survives-restart", "after", "2");
    assertEquals(List.of("before=1", "after=2"), readAll("survives-restart", 2));
  }

  @Test
  void closedBrokerCannotBeRestartedAndClosingTwiceIsHarmless() {
    InProcessKafkaBroker second = InProcessKafkaBroker.start(Map.of("num.partitions", "2"));
    second.close();
    second.close();

    assertFalse(second.isRunning());
    assertThrows(IllegalStateException.class, second::restart);
  }

  @Test
  void brokerStartedAgainOnItsDirectoryAndPortsKeepsItsRecords() throws Exception {
    java.nio.file.Path directory = TempDirectories.create("kafka-startat-");
    int[] ports = FreePorts.loopback(2);
    try {
      InProcessKafkaBroker first =
          InProcessKafkaBroker.startAt(directory, ports[0], ports[1], Map.of());
      send(first.bootstrapServers(), "survives-new-instance", "before", "1");
      first.close();
      assertTrue(
          java.nio.file.Files.isDirectory(directory.resolve("logs")),
          "startAt's close keeps the data");

      InProcessKafkaBroker second =
          InProcessKafkaBroker.startAt(directory, ports[0], ports[1], Map.of());
      try {
        assertEquals(first.bootstrapServers(), second.bootstrapServers());
        send(second.bootstrapServers(), "survives-new-instance", "after", "2");
        assertEquals(
            List.of("before=1", "after=2"),
            readAll(second.bootstrapServers(), "survives-new-instance", 2));
      } finally {
        second.close();
      }
    } finally {
      TempDirectories.deleteRecursively(directory);
    }
  }

  private static void send(String topic, String key, String value)
      throws InterruptedException, ExecutionException, TimeoutException {
    send(broker.bootstrapServers(), topic, key, value);
  }

  private static void send(String bootstrap, String topic, String key, String value)
      throws InterruptedException, ExecutionException, TimeoutException {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    }
  }

  /** Reads partition 0 from the beginning until {@code count} records arrived (30 s at most). */
  private static List<String> readAll(String topic, int count) {
    return readAll(broker.bootstrapServers(), topic, count);
  }

  private static List<String> readAll(String bootstrap, String topic, int count) {
    List<String> received = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new StringDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (received.size() < count && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          received.add(record.key() + "=" + record.value());
        }
      }
    }
    return received;
  }
}
