package io.fastschema.realtime.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fastschema.realtime.testing.SharedServicesExtension;
import io.fastschema.realtime.testing.WebSocketProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /metrics} on the management port of a standalone pipeline (and nowhere on the public
 * port): a change that reaches a client moves the fanout's counters and latency histogram, ingest's
 * meters are there too (one shared registry), and the whole body is Prometheus text.
 */
@ExtendWith(SharedServicesExtension.class)
class MetricsEndpointTest extends StackContract {

  private static final Pattern SAMPLE =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*\\})?) (\\S+)(?: -?\\d+)?");
  private static final Pattern COMMENT =
      Pattern.compile(
          "# (HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*|TYPE [a-zA-Z_:][a-zA-Z0-9_:]* "
              + "(counter|gauge|histogram|summary|untyped))");

  @Test
  void deliveryMovesCountersAndLatencyHistogram() throws Exception {
    Map<String, Double> before = samples(scrape());
    String m = marker();
    try (WebSocketProbe probe = subscribe("schema=blog&event=create")) {
      insertBlog(m);
      awaitJson(probe, "create", m);
      Map<String, Double> during = samples(scrape());
      assertTrue(during.get("fanout_connections_open") >= 1, "open connections: " + during);
      assertTrue(
          during.get("fanout_subscriptions{kind=\"operation\"}") >= 1, "subscriptions: " + during);
    }
    String text = scrape();
    Map<String, Double> after = samples(text);
    assertMoved(before, after, "fanout_events_consumed_total");
    assertMoved(before, after, "fanout_messages_delivered_total");
    assertMoved(before, after, "fanout_delivery_latency_seconds_count");
    assertMoved(before, after, "ingest_events_published_total");
    assertTrue(text.contains("# TYPE fanout_delivery_latency_seconds histogram"), text);
    assertTrue(text.contains("fanout_delivery_latency_seconds_bucket{le=\""), text);
    assertEquals(1.0, after.get("ingest_state{state=\"streaming\"}"), text);
    assertTrue(
        after.keySet().stream().anyMatch(k -> k.startsWith("fanout_kafka_lag_records{")),
        "Kafka lag per topic: " + after.keySet());
    Double lagMs = after.get("fanout_delivery_lag_milliseconds");
    assertTrue(lagMs != null && lagMs < 15_000, "delivery lag of a node keeping up: " + lagMs);
  }

  private String scrape() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + pipeline.managementPort() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(
        r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
        r.headers().toString());
    // Issue 13, item 8: no "Server: Jetty(12.x.y)" telling which version (and CVEs) to try.
    assertEquals("", r.headers().firstValue("Server").orElse(""), "Server header: " + r.headers());
    return r.body();
  }

  @Test
  void thePublicPortServesNoMetricsHoweverSpeltAndTheConsoleGetsSumsOnly() throws Exception {
    for (String path : List.of("/metrics", "/%6detrics", "/%6Detrics", "//metrics")) {
      HttpResponse<String> r = get(pipeline.port(), path);
      assertEquals(404, r.statusCode(), path + ": " + r.body());
      assertFalse(r.body().contains("fanout_"), path + ": " + r.body());
    }
    for (String path : List.of("/healthz", "/readyz")) {
      assertEquals(200, get(pipeline.port(), path).statusCode(), "load balancers use " + path);
      assertEquals(200, get(pipeline.managementPort(), path).statusCode(), path);
    }
    String stats = get(pipeline.port(), "/console/stats").body();
    Map<String, Double> values = samples("# HELP x y\n# TYPE x gauge\n" + stats);
    assertEquals(
        Set.of(
            "fanout_connections_open",
            "fanout_messages_delivered_total",
            "fanout_kafka_lag_records"),
        values.keySet(),
        stats);
    assertFalse(stats.contains("blog"), "no schema names on the public port: " + stats);
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** Every line must be a HELP, a TYPE or a sample: name{labels} value. */
  private static Map<String, Double> samples(String text) {
    assertTrue(text.contains("# HELP ") && text.contains("# TYPE "), text);
    Map<String, Double> out = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("#")) {
        assertTrue(COMMENT.matcher(line).matches(), "not Prometheus text: " + line);
        continue;
      }
      Matcher s = SAMPLE.matcher(line);
      if (!s.matches()) {
        fail("not Prometheus text: " + line);
      }
      out.put(s.group(1), value(s.group(2)));
    }
    return out;
  }

  private static double value(String v) {
    return switch (v) {
      case "NaN" -> Double.NaN;
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(v);
    };
  }

  private static void assertMoved(
      Map<String, Double> before, Map<String, Double> after, String name) {
    Double now = after.get(name);
    assertTrue(now != null, name + " missing from " + after.keySet());
    assertTrue(now > before.getOrDefault(name, 0.0), name + " did not move: " + now);
  }
}
