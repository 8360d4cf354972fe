package io.fastschema.realtime.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fastschema.realtime.fanout.FanoutServer;
import io.fastschema.realtime.testing.WebSocketProbe;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Opt-in resume ({@code since=}): cursors in messages, gap-free and duplicate-free replay from
 * Kafka with the subscription's filter and select, on any node, and the documented refusals.
 */
abstract class ResumeContract extends StackContract {

  private WebSocketProbe subscribeOn(int port, String query) throws Exception {
    return WebSocketProbe.connect(
        URI.create("ws://127.0.0.1:" + port + "/api/realtime/content?" + query),
        Map.of("Authorization", "Bearer " + token),
        List.of());
  }

  private static String cursorOf(JsonNode message) {
    assertTrue(message.has("cursor"), "a resumable session's message carries a cursor: " + message);
    return message.get("cursor").asText();
  }

  private static String filterOn(String marker) {
    return q("{\"title\":{\"$like\":\"" + marker + "%\"}}");
  }

  @Test
  void cursorsOnlyWithSinceAndOtherwiseTheSameBytes() throws Exception {
    String m = marker();
    try (WebSocketProbe plain = subscribe("schema=blog&filter=" + filterOn(m));
        WebSocketProbe resumable = subscribe("schema=blog&since=now&filter=" + filterOn(m))) {
      insertBlog(m + "-a");

      String p = plain.awaitMessage(x -> x.contains(m), WAIT);
      String r = resumable.awaitMessage(x -> x.contains(m), WAIT);

      assertFalse(p.contains("\"cursor\""), p);
      assertTrue(
          r.startsWith(p.substring(0, p.length() - 1) + ",\"cursor\":\""),
          "the same message with a last cursor field:\n" + p + "\n" + r);
      assertTrue(cursorOf(json.readTree(r)).matches("[A-Za-z0-9_-]+"));
    }
  }

  @Test
  void reconnectingWithTheLastCursorReplaysExactlyWhatWasMissedThenContinuesLive()
      throws Exception {
    String m = marker();
    String cursor;
    long first;
    try (WebSocketProbe before = subscribe("schema=blog&since=now&filter=" + filterOn(m))) {
      first = insertBlog(m + "-0");
      cursor = cursorOf(awaitJson(before, "create", m + "-0"));
    }
    // Missed while away: creates, an update group of two rows, a delete, and rows of no interest.
    long a = insertBlog(m + "-1");
    long b = insertBlog(m + "-2");
    insertBlog("other-" + m);
    sql("UPDATE blogs SET views = views + 1 WHERE id IN (?, ?)", first, a);
    sql("DELETE FROM blogs WHERE id = ?", b);

    try (WebSocketProbe after =
        subscribe("schema=blog&filter=" + filterOn(m) + "&since=" + cursor)) {
      List<String> got = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        got.add(after.awaitMessage(x -> x.contains(m), WAIT));
      }
      assertEquals(
          List.of("create", "create", "update", "delete"),
          got.stream().map(x -> read(x).get("event").asText()).toList(),
          String.join("\n", got));
      assertEquals(a, read(got.get(0)).get("data").get("id").asLong());
      assertEquals(b, read(got.get(1)).get("data").get("id").asLong());
      assertEquals(List.of(first, a), ids(read(got.get(2)).get("data")));
      assertTrue(got.stream().noneMatch(x -> x.contains("other-")), "the filter applies on replay");

      long live = insertBlog(m + "-live");
      JsonNode next = awaitJson(after, "create", m + "-live");
      assertEquals(live, next.get("data").get("id").asLong());
      assertNull(poll(after, x -> x.contains(m), QUIET), "nothing twice");
    }
  }

  /**
   * The hand-over while writes keep coming: the live stream moves on while a resuming session
   * catches up. On the pipeline's node the cursor is recent (caught up from recent deliveries); on
   * a node that keeps only 16, the same cursor is too old and a Kafka replay reads first, then
   * hands over. Either way: every row exactly once.
   */
  @Test
  void resumingWhileWritesContinueMissesNothingAndRepeatsNothing() throws Exception {
    try (FanoutServer smallBuffer = startNode(Map.of("REALTIME_RESUME_BUFFER_EVENTS", "16"))) {
      for (int port : new int[] {pipeline.port(), smallBuffer.port()}) {
        String m = marker();
        String query = "schema=blog&event=create&select=id&filter=" + filterOn(m);
        java.util.Set<Long> got = new java.util.HashSet<>();
        java.util.Set<Long> written = java.util.concurrent.ConcurrentHashMap.newKeySet();
        var writer = java.util.concurrent.Executors.newSingleThreadExecutor();
        java.util.concurrent.Future<?> writing;
        String cursor;
        try (WebSocketProbe first = subscribeOn(port, query + "&since=now")) {
          // Rows committed once since=now was answered: all of them are this client's.
          writing =
              writer.submit(
                  () -> {
                    for (int i = 0; i < 120; i++) {
                      written.add(insertBlog(m + "-" + i));
                      Thread.sleep(15);
                    }
                    return null;
                  });
          cursor = null;
          while (got.size() < 10) {
            JsonNode msg = read(first.awaitMessage(x -> x.contains("cursor"), WAIT));
            assertTrue(got.add(msg.get("data").get("id").asLong()), "twice: " + msg);
            cursor = cursorOf(msg);
          }
        }
        Thread.sleep(500); // away while rows keep coming (more than 16 deliveries)
        try (WebSocketProbe again = subscribeOn(port, query + "&since=" + cursor)) {
          writing.get(60, java.util.concurrent.TimeUnit.SECONDS);
          while (!got.containsAll(written)) {
            String text = again.pollMessage(x -> x.contains("cursor"), WAIT);
            if (text == null) {
              java.util.Set<Long> missing = new java.util.TreeSet<>(written);
              missing.removeAll(got);
              throw new AssertionError(
                  "port "
                      + port
                      + ": "
                      + missing.size()
                      + " of "
                      + written.size()
                      + " rows never arrived after resuming: "
                      + missing
                      + "; got "
                      + new java.util.TreeSet<>(got));
            }
            JsonNode msg = read(text);
            assertTrue(got.add(msg.get("data").get("id").asLong()), "twice: " + msg);
          }
          assertNull(poll(again, x -> x.contains("cursor"), QUIET), "nothing more");
        } finally {
          writer.shutdownNow();
        }
        assertEquals(written, got, "node on port " + port);
      }
    }
  }

  @Test
  void replayAppliesSelect() throws Exception {
    String m = marker();
    String cursor;
    try (WebSocketProbe before =
        subscribe("schema=blog&since=now&select=id,title&filter=" + filterOn(m))) {
      insertBlog(m + "-0");
      cursor = cursorOf(awaitJson(before, "create", m + "-0"));
    }
    insertBlog(m + "-1");
    try (WebSocketProbe after =
        subscribe("schema=blog&select=id,title&filter=" + filterOn(m) + "&since=" + cursor)) {
      JsonNode missed = awaitJson(after, "create", m + "-1");
      assertEquals(List.of("id", "title"), names(missed.get("data")));
    }
  }

  @Test
  void aStoppingNodeClosesWith1001AndACursorThatResumesOnAnotherNode() throws Exception {
    FanoutServer second = startNode(Map.of());
    String m = marker();
    WebSocketProbe.CloseStatus closed;
    try (WebSocketProbe onSecond =
        subscribeOn(second.port(), "schema=blog&since=now&filter=" + filterOn(m))) {
      insertBlog(m + "-0");
      awaitJson(onSecond, "create", m + "-0");
      second.close();
      closed = onSecond.awaitClose(WAIT);
    } finally {
      second.close();
    }
    assertEquals(1001, closed.code());
    assertTrue(closed.reason().startsWith("node shutting down since="), closed.reason());
    String cursor = closed.reason().substring("node shutting down since=".length());

    long missed = insertBlog(m + "-1");
    try (WebSocketProbe onFirst =
        subscribe("schema=blog&filter=" + filterOn(m) + "&since=" + cursor)) {
      JsonNode got = awaitJson(onFirst, "create", m);
      assertEquals(
          missed, got.get("data").get("id").asLong(), "the first message is the missed one");
      assertNull(poll(onFirst, x -> x.contains(m), QUIET));
    }
  }

  @Test
  void badCursorsCloseWith4400NamingTheProblem() throws Exception {
    try (WebSocketProbe garbage = subscribe("schema=blog&since=" + q("not*a*cursor"))) {
      WebSocketProbe.CloseStatus s = garbage.awaitClose(WAIT);
      assertEquals(4400, s.code());
      assertEquals("realtime.content: invalid since: cursor is not base64url", s.reason());
    }
    String m = marker();
    String blogCursor;
    try (WebSocketProbe blog = subscribe("schema=blog&since=now&filter=" + filterOn(m))) {
      insertBlog(m);
      blogCursor = cursorOf(awaitJson(blog, "create", m));
    }
    try (WebSocketProbe tag = subscribe("schema=tag&since=" + blogCursor)) {
      WebSocketProbe.CloseStatus s = tag.awaitClose(WAIT);
      assertEquals(4400, s.code());
      assertEquals(NOT_ISSUED_HERE, s.reason());
    }
  }

  private static final String NOT_ISSUED_HERE =
      "realtime.content: invalid since: cursor was not issued to this user for this schema, "
          + "event, id, filter and select";

  /**
   * Issue 13 item 3: cursors are authenticated and bound to the user and the subscription. Before,
   * a cursor was a CRC of the topic name and offsets: anyone could write one at offset 0 and read
   * every create and delete still in Kafka, and any user could use anyone's.
   */
  @Test
  void aCursorIsBoundToItsUserAndSubscriptionAndCannotBeForged() throws Exception {
    String m = marker();
    String query = "schema=blog&filter=" + filterOn(m);
    String cursor;
    try (WebSocketProbe blog = subscribe(query + "&since=now")) {
      insertBlog(m);
      cursor = cursorOf(awaitJson(blog, "create", m));
    }
    // Another subscription of the same user: another filter, another event, a select.
    for (String other :
        List.of(
            "schema=blog&filter=" + filterOn(m + "x"),
            query + "&event=create",
            query + "&select=id")) {
      try (WebSocketProbe p = subscribe(other + "&since=" + cursor)) {
        WebSocketProbe.CloseStatus s = p.awaitClose(WAIT);
        assertEquals(4400, s.code(), other);
        assertEquals(NOT_ISSUED_HERE, s.reason(), other);
      }
    }
    // Another user, as privileged (root role), with the same query.
    String otherUser = java.util.UUID.randomUUID().toString();
    sql(
        "INSERT INTO users (id, username, email, active) VALUES (" + uuidParam() + ", ?, ?, true)",
        otherUser,
        "u" + otherUser.substring(0, 8),
        otherUser.substring(0, 8) + "@example.com");
    sql(
        "INSERT INTO roles_users (roles, users) VALUES (" + uuidParam() + ", " + uuidParam() + ")",
        services.seeded().adminRoleId(),
        otherUser);
    String otherToken =
        io.fastschema.realtime.testing.TestTokens.builder()
            .user(otherUser)
            .active(true)
            .roleIds(services.seeded().adminRoleId())
            .signHs256(services.appKey());
    assertEquals(NOT_ISSUED_HERE, closeOnceAllowed(otherToken, query + "&since=" + cursor));
    // The forged cursor of the attack run: version 2 (a CRC of the topic), offset 0.
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(topic("blog").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    int c = (int) crc.getValue();
    byte[] v2 = {2, (byte) (c >>> 24), (byte) (c >>> 16), (byte) (c >>> 8), (byte) c, 1, 0, 0};
    String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(v2);
    try (WebSocketProbe p = subscribe("schema=blog&since=" + forged)) {
      WebSocketProbe.CloseStatus s = p.awaitClose(WAIT);
      assertEquals(4400, s.code());
      assertEquals(
          "realtime.content: invalid since: cursor of an older, unsigned version; reload, then "
              + "since=now",
          s.reason());
    }
  }

  /** The close reason of a handshake with {@code jwt}, once the node knows the user's roles. */
  private String closeOnceAllowed(String jwt, String query) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      try (WebSocketProbe p =
          WebSocketProbe.connect(uri(query), Map.of("Authorization", "Bearer " + jwt), List.of())) {
        WebSocketProbe.CloseStatus s = p.awaitClose(WAIT);
        if (s.code() != 4403) {
          assertEquals(4400, s.code(), s.reason());
          return s.reason();
        }
      }
      assertTrue(System.nanoTime() < deadline, "never allowed: " + query);
      Thread.sleep(100);
    }
  }

  /**
   * Issue 13 item 6: a cursor at the live end of the blog topic (1 partition) but naming 0, 2 or
   * 2,000 partitions was joined from memory; every path refuses it.
   */
  @Test
  void aCursorNamingAnotherPartitionCountThanTheTopicsIsRefusedWith4400() throws Exception {
    String m = marker();
    try (WebSocketProbe blog = subscribe("schema=blog&since=now&filter=" + filterOn(m))) {
      insertBlog(m);
      awaitJson(blog, "create", m); // the node reads the topic and stands at its end
    }
    long end = endOffset(new TopicPartition(topic("blog"), 0));
    for (int n : new int[] {0, 2, 2000}) {
      long[] offsets = new long[n];
      if (n > 0) {
        offsets[0] = end;
      }
      String cursor = signedCursor(topic("blog"), offsets);
      try (WebSocketProbe resumed = subscribe("schema=blog&since=" + cursor)) {
        WebSocketProbe.CloseStatus s = resumed.awaitClose(WAIT);
        assertEquals(4400, s.code(), n + " partitions: " + s.reason());
        assertEquals(
            "realtime.content: invalid since: cursor names "
                + n
                + " partitions, "
                + topic("blog")
                + " has 1",
            s.reason());
      }
    }
  }

  /**
   * A cursor at the given offsets (no event ids), as the node would write it for the root user's
   * schema-wide subscription without filter or select: signed, so only its partitions are wrong.
   */
  private String signedCursor(String topic, long[] offsets) {
    var binding =
        io.fastschema.realtime.fanout.stream.CursorKey.derive(
                services.appKey().getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .bind(services.seeded().adminUserId(), topic, "*", null, "", "");
    return new io.fastschema.realtime.fanout.stream.StreamPosition(
            topic, offsets, new String[offsets.length])
        .cursor(binding);
  }

  private long endOffset(TopicPartition tp) throws Exception {
    Properties p = new Properties();
    p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafkaBootstrapServers());
    try (Admin admin = Admin.create(p)) {
      return admin
          .listOffsets(Map.of(tp, org.apache.kafka.clients.admin.OffsetSpec.latest()))
          .all()
          .get()
          .get(tp)
          .offset();
    }
  }

  @Test
  void aCursorOlderThanWhatKafkaKeepsClosesWith4410() throws Exception {
    // A node that keeps only 16 recent deliveries, so that the old cursor must be read from Kafka.
    try (FanoutServer node = startNode(Map.of("REALTIME_RESUME_BUFFER_EVENTS", "16"))) {
      String m = marker();
      String old;
      try (WebSocketProbe probe = subscribeOn(node.port(), "schema=tag&since=now")) {
        sql("INSERT INTO tags (id, name) VALUES (" + newUuid() + ", ?)", m);
        old = cursorOf(awaitJson(probe, "create", m));
        sql(
            "INSERT INTO tags (id, name) SELECT "
                + newUuid()
                + ", CONCAT(?, seq) FROM "
                + rowNumbers(20),
            m + "-later");
        for (int i = 1; i <= 20; i++) {
          awaitJson(probe, "create", m + "-later" + i); // in Kafka: the deletion below covers it
        }
      }
      // What retention does to old records, done now: delete everything up to the end.
      Properties p = new Properties();
      p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafkaBootstrapServers());
      try (Admin admin = Admin.create(p)) {
        TopicPartition tp = new TopicPartition(topic("tag"), 0);
        long end =
            admin
                .listOffsets(Map.of(tp, org.apache.kafka.clients.admin.OffsetSpec.latest()))
                .all()
                .get()
                .get(tp)
                .offset();
        admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(end))).all().get();
      }
      try (WebSocketProbe late = subscribeOn(node.port(), "schema=tag&since=" + old)) {
        WebSocketProbe.CloseStatus s = late.awaitClose(WAIT);
        assertEquals(4410, s.code());
        assertTrue(s.reason().startsWith("realtime.content: cursor expired"), s.reason());
      }
    }
  }

  /**
   * Issue 13 item 5: a consumer thread that is stuck (a long poll, a slow dispatch) must not hold
   * {@code since=now} handshakes, nor through them the Jetty threads that health checks need.
   */
  @Test
  void sinceNowHandshakesAndHealthChecksDoNotWaitForAStalledConsumer() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    pipeline
        .fanout()
        .source()
        .betweenDeliveries(
            stream -> {
              try {
                release.await(30, java.util.concurrent.TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return null;
            });
    List<WebSocketProbe> probes = new ArrayList<>();
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      Thread.sleep(300); // the consumer thread is inside the task now
      long started = System.nanoTime();
      List<java.util.concurrent.Future<WebSocketProbe>> opening = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        opening.add(pool.submit(() -> subscribe("schema=blog&event=create&since=now")));
      }
      long askedHealth = System.nanoTime();
      int health = readyzStatus(); // on the public port, while the handshakes run
      long healthMs = (System.nanoTime() - askedHealth) / 1_000_000;
      for (var f : opening) {
        probes.add(f.get(20, java.util.concurrent.TimeUnit.SECONDS));
      }
      long tookMs = (System.nanoTime() - started) / 1_000_000;
      assertTrue(tookMs < 5_000, "16 since=now handshakes took " + tookMs + " ms");
      assertTrue(health == 200 || health == 503, "health answered: " + health);
      assertTrue(healthMs < 1_000, "/readyz took " + healthMs + " ms");
      for (WebSocketProbe p : probes) {
        assertTrue(p.isOpen(), "upgraded and open");
      }
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
    // Exact once the consumer runs again: a change committed now reaches every one of them.
    String m = marker();
    insertBlog(m);
    for (WebSocketProbe p : probes) {
      try (p) {
        assertTrue(p.awaitMessage(x -> x.contains(m), WAIT).contains("\"cursor\""));
      }
    }
  }

  private JsonNode read(String message) {
    try {
      return json.readTree(message);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + message, e);
    }
  }
}
