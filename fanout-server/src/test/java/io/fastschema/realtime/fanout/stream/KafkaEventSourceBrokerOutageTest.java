package io.fastschema.realtime.fanout.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fastschema.realtime.embedded.InProcessKafkaBroker;
import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.event.RecordEvent;
import io.fastschema.realtime.event.RecordEventCodec;
import io.fastschema.realtime.event.TransactionPosition;
import io.fastschema.realtime.fanout.TestEvents;
import io.fastschema.realtime.security.SecurityTopic;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A broker outage longer than the topic refresh's metadata timeout (10 s) must not end the consumer
 * loop: found by the fault drill (kill -9 of the Kafka broker), where the node kept its clients
 * connected and delivered nothing after the broker came back.
 */
class KafkaEventSourceBrokerOutageTest {

  private static final RecordEventCodec CODEC = new RecordEventCodec();

  private InProcessKafkaBroker broker;
  private KafkaEventSource source;
  private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() throws Exception {
    broker = InProcessKafkaBroker.start();
    send(SecurityTopic.topic("outage"), "seed".getBytes(), "{}".getBytes());
    send(create(1));
    source =
        new KafkaEventSource(
            broker.bootstrapServers(),
            "outage",
            Duration.ofMillis(200),
            CODEC,
            new Dispatcher() {
              @Override
              public void dispatch(Delivery delivery) {
                deliveries.add(delivery);
              }

              @Override
              public void endOfPoll() {}
            },
            new AccessControlSink() {
              @Override
              public void apply(String key, byte[] value) {}

              @Override
              public void flush() {}
            });
    source.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (source.readiness().notReadyBecause() != null && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertNull(source.readiness().notReadyBecause());
  }

  @AfterEach
  void stop() {
    source.close();
    broker.close();
  }

  @Test
  void deliversAgainAfterTheBrokerWasGoneLongerThanTheMetadataTimeout() throws Exception {
    send(create(2));
    assertEquals(2, nextPostId());

    broker.stop();
    Thread.sleep(12_000); // > the 10 s listTopics timeout of the refresh every 200 ms
    broker.restart();
    send(create(3));

    assertEquals(3, nextPostId(), "the node delivers again after the broker is back");
  }

  private long nextPostId() throws InterruptedException {
    Delivery d = deliveries.poll(60, TimeUnit.SECONDS);
    if (d == null) {
      throw new AssertionError("no delivery within 60 s");
    }
    return d.events().get(0).after().path("id").asLong();
  }

  /** Creates with ids growing in n, so the node's replay filter lets each through. */
  private static RecordEvent create(long n) {
    var json = JsonNodeFactory.instance;
    return TestEvents.event(
        "post",
        "posts",
        Operation.CREATE,
        json.objectNode().put("id", n),
        TestEvents.post(n, "p" + n),
        new TransactionPosition("tx-" + n, n, n, true));
  }

  private void send(RecordEvent e) throws Exception {
    send("outage.post", CODEC.encodeKey(e), CODEC.encode(e));
  }

  private void send(String topic, byte[] key, byte[] value) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get(60, TimeUnit.SECONDS);
    }
  }
}
