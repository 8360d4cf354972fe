package io.fastschema.realtime.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fastschema.realtime.fanout.FanoutServer;
import io.fastschema.realtime.testing.StalledClientSocket;
import io.fastschema.realtime.testing.WebSocketProbe;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
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

  /**
   * Rows missed by the resuming clients: with the default queue bounds (a replay waits at 2 MB
   * queued), enough that the stalled sockets' buffers fill and the replay waits.
   */
  private static final int REPLAY_ROWS = 800;

  /** Rows of ~16 KB: the stalled socket's buffers fill after a few hundred. */
  private static final int PAD = 16_000;

  @Test
  void aStalledClientIsClosedWith4008WithoutHoldingOthersBackAndResumesGapFree() throws Exception {
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (FanoutServer node =
        startNode(meters, Map.of("REALTIME_CLIENT_MAX_QUEUE_MESSAGES", "20"))) {
      String m = marker();
      String query =
          "schema=blog&event=create&since=now&select="
              + paddedColumns()
              + "&filter="
              + q("{\"title\":{\"$like\":\"" + m + "%\"}}");
      try (StalledClientSocket stalled =
              StalledClientSocket.open(node.port(), "/api/realtime/content?" + query, token);
          WebSocketProbe healthy =
              WebSocketProbe.connect(
                  URI.create("ws://127.0.0.1:" + node.port() + "/api/realtime/content?" + query),
                  Map.of("Authorization", "Bearer " + token),
                  List.of())) {
        insertPaddedBlogs(m, ROWS);

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
                "schema=blog&event=create&select="
                    + paddedColumns()
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

  /**
   * Issue 13 item 4: resuming clients that never read held every replay slot, and a normal resuming
   * client waited (58.7 s in the attack run; for ever here). Now a replay whose client makes no
   * room within REALTIME_REPLAY_STALL_MS loses its slot and is closed with 4008 and its cursor.
   */
  @Test
  void resumingClientsThatDoNotReadLoseTheirReplaySlotsAndANormalOneCompletes() throws Exception {
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (FanoutServer node =
        startNode(
            meters,
            Map.of(
                "REALTIME_MAX_CONCURRENT_REPLAYS", "2",
                "REALTIME_RESUME_BUFFER_EVENTS", "16",
                "REALTIME_REPLAY_STALL_MS", "2000"))) {
      String m = marker();
      String query =
          "schema=blog&event=create&select="
              + paddedColumns()
              + "&filter="
              + q("{\"title\":{\"$like\":\"" + m + "%\"}}");
      URI uri = URI.create("ws://127.0.0.1:" + node.port() + "/api/realtime/content?" + query);
      Map<String, String> auth = Map.of("Authorization", "Bearer " + token);
      String cursor;
      try (WebSocketProbe first = WebSocketProbe.connect(uri(uri, "now"), auth, List.of())) {
        insertBlog(m + "-first");
        cursor = json.readTree(first.awaitMessage(x -> x.contains(m), WAIT)).get("cursor").asText();
        // Missed by the cursor: far more than the node keeps in memory, so every resume replays
        // (read here first, so that the node has passed them all before anyone resumes).
        insertPaddedBlogs(m, REPLAY_ROWS);
        for (int i = 0; i < REPLAY_ROWS; i++) {
          first.awaitMessage(x -> x.contains(m), WAIT);
        }
      }
      String path = "/api/realtime/content?" + query + "&since=" + cursor;
      try (StalledClientSocket a = StalledClientSocket.open(node.port(), path, token);
          StalledClientSocket b = StalledClientSocket.open(node.port(), path, token)) {
        Thread.sleep(500); // both hold a slot (of 2) and stop reading
        long start = System.nanoTime();
        try (WebSocketProbe normal = WebSocketProbe.connect(uri(uri, cursor), auth, List.of())) {
          Set<Long> ids = new HashSet<>();
          for (int i = 0; i < REPLAY_ROWS; i++) {
            ids.add(
                json.readTree(normal.awaitMessage(x -> x.contains(m), WAIT))
                    .get("data")
                    .get("id")
                    .asLong());
          }
          long tookMs = (System.nanoTime() - start) / 1_000_000;
          assertEquals(REPLAY_ROWS, ids.size(), "the normal client got every missed row once");
          assertTrue(tookMs < 15_000, "the normal resume took " + tookMs + " ms");
        }
        for (StalledClientSocket stalled : List.of(a, b)) {
          StalledClientSocket.Received got = stalled.readAll();
          assertEquals(4008, got.closeCode(), "a stalled replay is closed: " + got);
          assertTrue(got.closeReason().startsWith("slow consumer since="), got.closeReason());
        }
        assertTrue(
            scrape(meters).contains("fanout_replays_stalled_total 2.0"), "both counted stalled");
      }
    }
  }

  /**
   * Inserts {@code rows} blogs marked {@code <marker>-<n>} and padded with {@link #PAD} x's with
   * one statement, one transaction. PostgreSQL: the padding in the title ({@code varchar} without a
   * length there), rows from generate_series. MariaDB: FastSchema's MySQL title is {@code
   * varchar(255)}, so the padding goes into {@code body} ({@code longtext}).
   */
  private void insertPaddedBlogs(String marker, int rows) throws java.sql.SQLException {
    if (onMariaDb()) {
      sql(
          "INSERT INTO blogs (title, body, views, published, status, meta) SELECT CONCAT(?, '-', "
              + "seq), REPEAT('x', ?), 0, false, 'draft', '{}' FROM "
              + rowNumbers(rows),
          marker,
          PAD);
    } else {
      sql(
          "INSERT INTO blogs (title, views, published, status, meta) SELECT ? || '-' || seq || '-' "
              + "|| repeat('x', ?), 0, false, 'draft', '{}' FROM "
              + rowNumbers(rows),
          marker,
          PAD);
    }
  }

  /** The select of the subscriptions: the columns that carry the padding. */
  private String paddedColumns() {
    return onMariaDb() ? "id,title,body" : "id,title";
  }

  private static URI uri(URI base, String since) {
    return URI.create(base + "&since=" + since);
  }

  private static String scrape(PrometheusMeterRegistry meters) {
    return meters.scrape();
  }
}
