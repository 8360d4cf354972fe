package io.fastschema.realtime.fanout.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastschema.realtime.fanout.CloseReason;
import io.fastschema.realtime.fanout.FanoutMetrics;
import io.fastschema.realtime.fanout.TestEvents;
import io.fastschema.realtime.fanout.TestSchemas;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class FanoutMetricsTest {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final FanoutMetrics metrics = new FanoutMetrics(registry);

  @Test
  void closed_tagsKnownCodesAndBucketsTheRest() {
    metrics.closed(CloseReason.SLOW_CONSUMER.code());
    metrics.closed(1000);
    metrics.closed(4999);
    metrics.closed(4123);
    String text = registry.scrape();
    assertTrue(text.contains("fanout_connections_closed_total{code=\"4008\"} 1.0"), text);
    assertTrue(text.contains("fanout_connections_closed_total{code=\"1000\"} 1.0"), text);
    assertTrue(text.contains("fanout_connections_closed_total{code=\"other\"} 2.0"), text);
  }

  @Test
  void slowConsumerClose_isCountedOnceByTheRegistry() {
    SubscriptionRegistry subscriptions =
        new SubscriptionRegistry(
            new MessageEncoder(new com.fasterxml.jackson.databind.ObjectMapper()), metrics);
    RecordingTransport transport = new RecordingTransport();
    ClientSession s =
        new ClientSession(
            new Subscription(TestSchemas.post(), null, null, null, "test.resource"),
            transport,
            1,
            1 << 20,
            subscriptions);
    subscriptions.add(s);
    assertEquals(1, subscriptions.count(SubscriptionRegistry.Kind.SCHEMA));
    s.enqueue("in-flight");
    s.enqueue("q1");
    s.enqueue("q2"); // overflows

    assertEquals(1.0, metrics.slowConsumerCloses.count());
    assertEquals(0, subscriptions.count(SubscriptionRegistry.Kind.SCHEMA));
  }

  @Test
  void replayedMessages_countsWhatAReplayQueuedToItsSession() {
    SubscriptionRegistry subscriptions =
        new SubscriptionRegistry(
            new MessageEncoder(new com.fasterxml.jackson.databind.ObjectMapper()), metrics);
    ClientSession s =
        new ClientSession(
            new Subscription(TestSchemas.post(), null, null, null, "test.resource"),
            RecordingTransport.autoCompleting(),
            10,
            1 << 20,
            subscriptions);

    subscriptions.dispatchTo(
        s, io.fastschema.realtime.fanout.stream.Delivery.of(TestEvents.create(1, "replayed")));

    assertEquals(1.0, metrics.replayedMessages.count());
    assertTrue(registry.scrape().contains("fanout_replays_messages_total 1.0"));
  }

  @Test
  void delivered_recordsCommitToEnqueueOncePerCall() {
    metrics.delivered(System.currentTimeMillis() - 40);
    metrics.delivered(System.currentTimeMillis() + 5_000); // source clock ahead: counts as 0
    String text = registry.scrape();
    assertTrue(text.contains("fanout_delivery_latency_seconds_count 2"), text);
    assertTrue(text.contains("# TYPE fanout_delivery_latency_seconds histogram"), text);
  }
}
