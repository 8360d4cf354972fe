package io.fastschema.realtime.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fastschema.realtime.config.ConfigReader;
import io.fastschema.realtime.config.ConfigSource;
import io.fastschema.realtime.fanout.FanoutConfig;
import io.fastschema.realtime.fanout.FanoutServer;
import io.fastschema.realtime.fanout.LiveSchemaCatalog;
import io.fastschema.realtime.testing.StalledClientSocket;
import io.fastschema.realtime.testing.WebSocketProbe;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading: the node closes it with 4008 once its bounded queue overflows, the
 * other clients of the node keep getting everything meanwhile, and the stalled client resumes from
 * the cursor it was handed without a gap or a duplicate.
 */
abstract class SlowClientContract extends StackContract {

  private static final int ROWS = 400;

  /** Rows of ~16 KB: the stalled socket's buffers fill after a few hundred. */
  private static final int PAD = 16_000;

  @Test
  void aStalledClientIsClosedWith4008WithoutHoldingOthersBackAndResumesGapFree() throws Exception {
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    FanoutConfig config =
        FanoutConfig.read(
            new ConfigReader(
                ConfigSource.of(
                    Map.of(
                        "REALTIME_PORT",
                        "0",
                        "REALTIME_TOPIC_REFRESH_MS",
                        "500",
                        "REALTIME_CLIENT_MAX_QUEUE_MESSAGES",
                        "20"))),
            services.kafkaBootstrapServers(),
            services.appDir(),
            services.appKey());
    try (FanoutServer node =
        new FanoutServer(
            config, new LiveSchemaCatalog(services.appDir()), Clock.systemUTC(), null, meters)) {
      node.start();
      awaitReady(node);
      String m = marker();
      String query =
          "schema=blog&event=create&since=now&select=id,title&filter="
              + q("{\"title\":{\"$like\":\"" + m + "%\"}}");
      try (StalledClientSocket stalled =
              StalledClientSocket.open(node.port(), "/api/realtime/content?" + query, token);
          WebSocketProbe healthy =
              WebSocketProbe.connect(
                  URI.create("ws://127.0.0.1:" + node.port() + "/api/realtime/content?" + query),
                  Map.of("Authorization", "Bearer " + token),
                  List.of())) {
        sql(
            "INSERT INTO blogs (title, views, published, status, meta) SELECT ? || '-' || g || '-' "
                + "|| repeat('x', ?), 0, false, 'draft', '{}' FROM generate_series(1, ?) g",
            m,
            PAD,
            ROWS);

        Set<Long> healthyIds = new HashSet<>();
        for (int i = 0; i < ROWS; i++) {
          healthyIds.add(
              json.readTree(healthy.awaitMessage(x -> x.contains(m), WAIT))
                  .get("data")
                  .get("id")
                  .asLong());
        }
        assertEquals(ROWS, healthyIds.size(), "the healthy client got every row once");
        assertTrue(
            scrape(meters).contains("fanout_slow_consumer_closes_total 1.0"),
            "the stalled client was closed as a slow consumer while it read nothing");

        StalledClientSocket.Received got = stalled.readAll();
        assertEquals(4008, got.closeCode(), "close frame after what was in flight: " + got);
        assertTrue(got.closeReason().startsWith("slow consumer since="), got.closeReason());
        String cursor = got.closeReason().substring("slow consumer since=".length());
        Set<Long> stalledIds = new HashSet<>();
        for (String message : got.messages()) {
          assertTrue(stalledIds.add(json.readTree(message).get("data").get("id").asLong()));
        }
        assertTrue(stalledIds.size() < ROWS, "it was cut off: " + stalledIds.size());

        try (WebSocketProbe resumed =
            subscribe(
                "schema=blog&event=create&select=id,title"
                    + "&filter="
                    + q("{\"title\":{\"$like\":\"" + m + "%\"}}")
                    + "&since="
                    + cursor)) {
          while (stalledIds.size() < ROWS) {
            JsonNode next = json.readTree(resumed.awaitMessage(x -> x.contains(m), WAIT));
            long id = next.get("data").get("id").asLong();
            assertTrue(stalledIds.add(id), "delivered twice after resuming: " + id);
          }
          assertEquals(healthyIds, stalledIds, "before the cut + after the resume = everything");
          assertEquals(null, poll(resumed, x -> x.contains(m), QUIET), "and nothing more");
        }
      }
    }
  }

  private static String scrape(PrometheusMeterRegistry meters) {
    return meters.scrape();
  }

  private static void awaitReady(FanoutServer node) throws Exception {
    var client = java.net.http.HttpClient.newHttpClient();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (client
            .send(
                java.net.http.HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + node.port() + "/readyz"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.discarding())
            .statusCode()
        != 200) {
      assertTrue(System.nanoTime() < deadline, "node not ready within " + WAIT);
      Thread.sleep(50);
    }
  }
}
