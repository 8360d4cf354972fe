package io.fastschema.realtime.benchmarks;

import io.fastschema.realtime.benchmarks.baseline.FastSchemaBaselineMain;
import io.fastschema.realtime.fanout.FanoutMain;
import java.util.Locale;

/** Which realtime server the load clients talk to; each runs as its own JVM. */
enum ServerUnderTest {
  /** Our fanout node, {@code fanout-server.jar}'s main class, against the benchmark's Kafka. */
  FANOUT(FanoutMain.class.getName(), "fanout_messages_delivered_total"),
  /** FastSchema's strategy: one re-query per client per event (see the baseline package). */
  FASTSCHEMA(FastSchemaBaselineMain.class.getName(), "baseline_messages_queued_total");

  private final String mainClass;
  private final String deliveredMetric;

  ServerUnderTest(String mainClass, String deliveredMetric) {
    this.mainClass = mainClass;
    this.deliveredMetric = deliveredMetric;
  }

  String mainClass() {
    return mainClass;
  }

  /** The counter of messages the server handed to its WebSocket sessions. */
  String deliveredMetric() {
    return deliveredMetric;
  }

  String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static ServerUnderTest parse(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "fanout", "ours" -> FANOUT;
      case "fastschema", "baseline" -> FASTSCHEMA;
      default ->
          throw new IllegalArgumentException(
              "server must be fanout or fastschema, was '" + text + "'");
    };
  }
}
