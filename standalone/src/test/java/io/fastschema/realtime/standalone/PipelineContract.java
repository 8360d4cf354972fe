package io.fastschema.realtime.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fastschema.realtime.testing.WebSocketProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The pipeline end to end: SQL writes on the real database reach real WebSocket clients through
 * Debezium, Kafka and Jetty, in FastSchema's message shapes, with FastSchema's handshake errors.
 */
abstract class PipelineContract extends StackContract {

  @Test
  void createArrivesAsOneObjectWithFastSchemaEncodings() throws Exception {
    try (WebSocketProbe probe = subscribe("schema=blog&event=create")) {
      String m = marker();
      String ref = UUID.randomUUID().toString();
      String category = services.seeded().categoryIds().get(0);
      // MySQL's datetime has no zone and no fraction: FastSchema writes UTC seconds there.
      sql(
          "INSERT INTO blogs (title, views, published, status, meta, external_ref, category_id, "
              + "published_at) VALUES (?, 7, true, 'published', '{\"a\":1}', "
              + uuidParam()
              + ", "
              + uuidParam()
              + ", "
              + (onMariaDb() ? "'2025-01-02 01:04:05'" : "'2025-01-02 03:04:05.120+02'")
              + ")",
          m,
          ref,
          category);
      JsonNode msg = awaitJson(probe, "create", m);
      assertEquals(List.of("event", "data"), names(msg));
      JsonNode row = msg.get("data");
      assertTrue(row.isObject(), msg.toString());
      assertEquals(m, row.get("title").asText());
      assertEquals(7, row.get("views").asInt());
      assertTrue(row.get("published").asBoolean());
      assertEquals(
          onMariaDb() ? "2025-01-02T01:04:05Z" : "2025-01-02T01:04:05.12Z",
          row.get("published_at").asText());
      assertEquals(1, row.get("meta").get("a").asInt(), "json is embedded, not a string");
      assertEquals(ref, row.get("external_ref").asText());
      assertEquals(category, row.get("category_id").asText());
      assertFalse(row.has("body"), "NULL text is absent, as FastSchema: " + row);
      assertEquals("id", names(row).get(0), "primary key first (table order): " + row);
      assertNull(row.get("deleted_at"));
    }
  }

  /**
   * The README's definition of what a connection without {@code since} receives: every change the
   * node dispatches after the connection opened, none it dispatched before.
   */
  /**
   * Text outside ASCII (2-, 3- and 4-byte UTF-8: Vietnamese, CJK, an emoji outside the BMP) and
   * characters JSON escapes arrive intact, through a filter on that very value: ingest's encoding,
   * Kafka, the node's encode-once bytes shared by every receiver, and the frame.
   */
  @Test
  void textOutsideAsciiArrivesIntactAndMatchesAFilterOnIt() throws Exception {
    String m = marker();
    String title = m + " Tiếng Việt · 中文 · 😀🐈 · \"quoted\" \\ tab\t";
    String filter = json.createObjectNode().put("title", title).toString();
    try (WebSocketProbe filtered =
            subscribe("schema=blog&event=create&select=id,title&filter=" + q(filter));
        WebSocketProbe all = subscribe("schema=blog&event=create")) {
      insertBlog(m + " other");
      insertBlog(title);
      JsonNode one = awaitJson(all, "create", m + " Ti");
      assertEquals(title, one.get("data").get("title").asText(), one.toString());
      JsonNode matched = awaitJson(filtered, "create", m);
      assertEquals(title, matched.get("data").get("title").asText(), matched.toString());
      assertEquals(List.of("id", "title"), names(matched.get("data")));
      assertNull(poll(filtered, x -> x.contains(m + " other"), QUIET), "the filter applied");
    }
  }

  /**
   * The same through a raw socket that reads the server's frames byte for byte (not Jetty's
   * client): a ping gets its pong, a client's text is echoed as FastSchema does, and a change with
   * 2-, 3- and 4-byte UTF-8 arrives as one text frame of exactly those characters.
   */
  @Test
  void aRawSocketGetsPongsEchoesAndMultiByteTextAsSent() throws Exception {
    String m = marker();
    try (var raw =
        io.fastschema.realtime.testing.StalledClientSocket.open(
            pipeline.port(), "/api/realtime/content?schema=blog&event=create", token)) {
      byte[] ping = "are you there".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      raw.sendPing(ping);
      assertEquals(
          "are you there", new String(raw.nextPong(WAIT), java.nio.charset.StandardCharsets.UTF_8));
      String sent = "héllo 😀 " + m;
      raw.sendText(sent);
      assertEquals(sent, raw.nextText(WAIT), "the client's text echoed");
      String title = m + " Tiếng Việt · 中文 · 😀🐈";
      insertBlog(title);
      JsonNode msg = json.readTree(raw.nextText(WAIT));
      while (!msg.get("data").get("title").asText().startsWith(m)) {
        msg = json.readTree(raw.nextText(WAIT)); // another test's row
      }
      assertEquals(title, msg.get("data").get("title").asText(), msg.toString());
    }
  }

  @Test
  void aNewConnectionGetsWhatTheNodeDispatchesAfterItOpenedAndNothingBefore() throws Exception {
    String before = marker();
    String after = marker();
    try (WebSocketProbe early = subscribe("schema=blog&event=create")) {
      insertBlog(before);
      // Dispatched: a connection open on the node received it.
      awaitJson(early, "create", before);
      try (WebSocketProbe late = subscribe("schema=blog&event=create")) {
        insertBlog(after);
        String first = late.awaitMessage(m -> m.contains(before) || m.contains(after), WAIT);
        assertTrue(
            first.contains(after),
            "a change dispatched before the connection opened is" + " not sent to it: " + first);
        assertNull(poll(late, x -> x.contains(before), QUIET));
      }
    }
  }

  /**
   * FastSchema's documented URL, with the braces and quotes as browsers and Node's ws send them.
   */
  @Test
  void aFilterWrittenRawInTheRequestLineIsAccepted() throws Exception {
    String m = marker();
    try (var raw =
        io.fastschema.realtime.testing.StalledClientSocket.open(
            pipeline.port(),
            "/api/realtime/content?schema=blog&event=create&filter={\"title\":\"" + m + "\"}",
            token)) {
      insertBlog(m + "-other");
      insertBlog(m);
      JsonNode msg = json.readTree(raw.nextText(WAIT));
      assertEquals(m, msg.get("data").get("title").asText(), "the filter applied: " + msg);
    }
  }

  @Test
  void rawCharactersThatJavaNetUriRefusesAreAcceptedInTheQuery() throws Exception {
    String m = marker();
    // | ^ [ ] and a space-free JSON array: all outside RFC 3986, all left raw by the URL parser.
    try (var raw =
        io.fastschema.realtime.testing.StalledClientSocket.open(
            pipeline.port(),
            "/api/realtime/content?schema=blog&event=create&filter={\"title\":{\"$in\":[\""
                + m
                + "|^\"]}}",
            token)) {
      insertBlog(m + "|^");
      JsonNode msg = json.readTree(raw.nextText(WAIT));
      assertEquals(m + "|^", msg.get("data").get("title").asText(), msg.toString());
    }
  }

  @Test
  void aQueryThatCannotBeDecodedIsUpgradedAndClosed4400() throws Exception {
    try (var raw =
        io.fastschema.realtime.testing.StalledClientSocket.open(
            pipeline.port(), "/api/realtime/content?schema=blog&filter=%zz", token)) {
      var got = raw.readAll();
      assertEquals(4400, got.closeCode(), got.toString());
      assertEquals(
          "realtime.content: invalid query: malformed percent-encoding '%zz'", got.closeReason());
    }
  }

  /** What the JS SDK requests when its base URL ends with a slash. */
  @Test
  void aDoubleSlashBeforeTheApiPathIsServed() throws Exception {
    String m = marker();
    try (var raw =
        io.fastschema.realtime.testing.StalledClientSocket.open(
            pipeline.port(), "//api/realtime/content?schema=blog&event=create", token)) {
      insertBlog(m);
      String msg;
      do {
        msg = raw.nextText(WAIT);
      } while (!msg.contains(m));
      assertEquals("create", json.readTree(msg).get("event").asText());
    }
  }

  @Test
  void javasClientWithTheFilterPercentEncodedGetsTheSameAnswer() throws Exception {
    String m = marker();
    String filter =
        java.net.URLEncoder.encode(
            "{\"title\":\"" + m + "\"}", java.nio.charset.StandardCharsets.UTF_8);
    try (WebSocketProbe probe = subscribe("schema=blog&event=create&filter=" + filter)) {
      insertBlog(m + "-other");
      insertBlog(m);
      JsonNode msg = awaitJson(probe, "create", m);
      assertEquals(m, msg.get("data").get("title").asText());
      assertNull(poll(probe, x -> x.contains(m + "-other"), QUIET), "filtered out");
    }
  }

  @Test
  void bulkUpdateOfFiftyRowsIsOneArrayMessage() throws Exception {
    String m = marker();
    for (int i = 0; i < 50; i++) {
      insertBlog(m + "-" + i);
    }
    try (WebSocketProbe probe = subscribe("schema=blog&event=update")) {
      assertEquals(50, sql("UPDATE blogs SET views = views + 1 WHERE title LIKE ?", m + "-%"));
      JsonNode msg = awaitJson(probe, "update", m);
      assertTrue(msg.get("data").isArray(), msg.toString());
      assertEquals(50, msg.get("data").size());
      for (JsonNode row : msg.get("data")) {
        assertEquals(1, row.get("views").asInt());
      }
      assertNull(poll(probe, x -> x.contains(m), QUIET), "one message, not several");
    }
  }

  @Test
  void bulkDeleteInOneTransactionIsOneArrayOfFullBeforeImages() throws Exception {
    String m = marker();
    for (int i = 0; i < 5; i++) {
      insertBlog(m + "-" + i);
    }
    try (WebSocketProbe probe = subscribe("schema=blog&event=delete")) {
      try (Connection c = services.appDb().connect()) {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
          st.executeUpdate("DELETE FROM blogs WHERE title LIKE '" + m + "-%'");
        }
        c.commit();
      }
      JsonNode msg = awaitJson(probe, "delete", m);
      assertEquals(5, msg.get("data").size(), msg.toString());
      JsonNode first = msg.get("data").get(0);
      assertTrue(
          first.has("title") && first.has("status") && first.has("created_at"),
          "full before-image: " + first);
    }
  }

  @Test
  void multiTableTransactionReachesEachSchemasSubscribersAfterCommit() throws Exception {
    long blog = insertBlog(marker());
    String m = marker();
    try (WebSocketProbe blogs = subscribe("schema=blog");
        WebSocketProbe categories = subscribe("schema=category&event=create")) {
      try (Connection c = services.appDb().connect()) {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
          st.executeUpdate(
              "INSERT INTO categories (id, name, slug) VALUES ("
                  + newUuid()
                  + ", '"
                  + m
                  + "', '"
                  + m
                  + "')");
          st.executeUpdate("UPDATE blogs SET title = '" + m + "' WHERE id = " + blog);
          assertNull(
              poll(blogs, x -> x.contains(m), Duration.ofMillis(700)), "nothing before commit");
        }
        c.commit();
      }
      JsonNode created = awaitJson(categories, "create", m);
      assertEquals(m, created.get("data").get("name").asText());
      JsonNode updated = awaitJson(blogs, "update", m);
      assertEquals(blog, updated.get("data").get(0).get("id").asLong());
    }
  }

  @Test
  void rolledBackTransactionsSendNothing() throws Exception {
    String m = marker();
    try (WebSocketProbe probe = subscribe("schema=blog")) {
      try (Connection c = services.appDb().connect()) {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
          st.executeUpdate(
              "INSERT INTO blogs (title, views, published, status) VALUES ('"
                  + m
                  + "', 0, false, 'draft')");
        }
        c.rollback();
      }
      assertNull(poll(probe, x -> x.contains(m), QUIET));
    }
  }

  @Test
  void integerIdSubscriptionGetsOnlyThatRecordAsObjects() throws Exception {
    String m = marker();
    long mine = insertBlog(m + "-mine");
    long other = insertBlog(m + "-other");
    try (WebSocketProbe probe = subscribe("schema=blog&id=" + mine)) {
      sql("UPDATE blogs SET views = 5 WHERE id IN (?, ?)", mine, other);
      JsonNode update = awaitJson(probe, "update", m);
      assertTrue(update.get("data").isObject(), update.toString());
      assertEquals(mine, update.get("data").get("id").asLong());
      sql("DELETE FROM blogs WHERE id IN (?, ?)", mine, other);
      JsonNode delete = awaitJson(probe, "delete", m);
      assertEquals(mine, delete.get("data").get("id").asLong());
      assertNull(
          poll(probe, x -> x.contains(m + "-other"), QUIET),
          "the other record never reaches an id subscriber");
    }
  }

  @Test
  void uuidIdSubscriptionWorks() throws Exception {
    String m = marker();
    String mine = UUID.randomUUID().toString();
    sql("INSERT INTO categories (id, name, slug) VALUES (" + uuidParam() + ", ?, ?)", mine, m, m);
    sql(
        "INSERT INTO categories (id, name, slug) VALUES (" + newUuid() + ", ?, ?)",
        m + "-o",
        m + "-o");
    try (WebSocketProbe probe =
        subscribe("schema=category&event=update&id=" + mine.toUpperCase())) {
      sql("UPDATE categories SET name = CONCAT(name, '!') WHERE slug LIKE ?", m + "%");
      JsonNode msg = awaitJson(probe, "update", m);
      assertEquals(mine, msg.get("data").get("id").asText());
      assertNull(poll(probe, x -> x.contains(m + "-o"), QUIET));
    }
  }

  @Test
  void eventArgumentSelectsOneOperation() throws Exception {
    String m = marker();
    try (WebSocketProbe updates = subscribe("schema=blog&event=update")) {
      long id = insertBlog(m);
      sql("UPDATE blogs SET views = 9 WHERE id = ?", id);
      sql("DELETE FROM blogs WHERE id = ?", id);
      List<String> got = new ArrayList<>();
      String msg;
      while ((msg = poll(updates, x -> x.contains(m), QUIET)) != null) {
        got.add(json.readTree(msg).get("event").asText());
      }
      assertEquals(List.of("update"), got);
    }
  }

  @Test
  void badArgumentsUpgradeThenCloseWithFastSchemasReason() throws Exception {
    try (WebSocketProbe p = subscribe("schema=nope")) {
      var close = p.awaitClose(WAIT);
      assertEquals(4404, close.code());
      assertEquals("realtime.content: schema not found: nope", close.reason());
    }
    try (WebSocketProbe p = subscribe("schema=nope&event=invalid")) {
      var close = p.awaitClose(WAIT);
      assertEquals(4400, close.code());
      assertEquals(
          "realtime.content: invalid event 'invalid'",
          close.reason(),
          "event is validated before schema");
    }
    try (WebSocketProbe p = subscribe("schema=blog&id=abc")) {
      assertEquals(4400, p.awaitClose(WAIT).code());
    }
  }

  @Test
  void missingOrForgedTokensCloseWith4401() throws Exception {
    try (WebSocketProbe p = WebSocketProbe.connect(uri("schema=blog"), Map.of(), List.of())) {
      var close = p.awaitClose(WAIT);
      assertEquals(4401, close.code());
      assertEquals("[401] Unauthorized", close.reason());
    }
    String forged = token.substring(0, token.length() - 4) + "AAAA";
    try (WebSocketProbe p =
        WebSocketProbe.connect(
            uri("schema=blog"), Map.of("Authorization", "Bearer " + forged), List.of())) {
      assertEquals(4401, p.awaitClose(WAIT).code());
    }
  }

  @Test
  void tokenAsSubprotocolIsAcceptedAndAuthorizationIsSelected() throws Exception {
    String m = marker();
    try (WebSocketProbe p =
        WebSocketProbe.connect(
            uri("schema=blog&event=create"), Map.of(), List.of("Authorization", token))) {
      assertEquals("Authorization", p.negotiatedSubprotocol());
      insertBlog(m);
      awaitJson(p, "create", m);
      p.send("hello " + m);
      assertEquals(
          "hello " + m,
          p.awaitMessage(x -> x.startsWith("hello"), WAIT),
          "client frames are echoed");
    }
  }

  @Test
  void oversizedClientFrameClosesWith1009() throws Exception {
    try (WebSocketProbe p = subscribe("schema=blog")) {
      p.send("x".repeat(70_000));
      assertEquals(1009, p.awaitClose(WAIT).code());
    }
  }

  @Test
  void aNodeThatHasNotLoadedAccessControlAsksClientsToComeBackWith1013() throws Exception {
    // A topic prefix without an access-control topic: the node never becomes ready.
    var config =
        io.fastschema.realtime.fanout.FanoutConfig.read(
            new io.fastschema.realtime.config.ConfigReader(
                io.fastschema.realtime.config.ConfigSource.of(
                    Map.of(
                        "REALTIME_PORT",
                        "0",
                        "REALTIME_MANAGEMENT_PORT",
                        "0",
                        "REALTIME_TOPIC_PREFIX",
                        "never-ingested"))),
            services.kafkaBootstrapServers(),
            services.appDir(),
            services.appKey());
    try (var node =
        new io.fastschema.realtime.fanout.FanoutServer(
            config,
            new io.fastschema.realtime.fanout.LiveSchemaCatalog(services.appDir()),
            java.time.Clock.systemUTC(),
            null)) {
      node.start();
      try (WebSocketProbe probe =
          WebSocketProbe.connect(
              URI.create("ws://127.0.0.1:" + node.port() + "/api/realtime/content?schema=blog"),
              Map.of("Authorization", "Bearer " + token),
              List.of())) {
        WebSocketProbe.CloseStatus closed = probe.awaitClose(WAIT);
        assertEquals(1013, closed.code(), "not 4403: nobody was refused, the node is not ready");
        assertTrue(closed.reason().startsWith("realtime.content: node not ready"), closed.reason());
      }
    }
  }

  @Test
  void readinessAnswers200WhenStreaming() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + pipeline.port() + "/readyz"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    HttpResponse<String> plain =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + pipeline.port() + "/api/realtime/content"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(426, plain.statusCode(), "a plain request to the realtime path");
  }

  @Test
  void ingestStoppedAndRestartedMidStreamLosesNothing() throws Exception {
    String m = marker();
    int before = 20;
    int during = 30;
    int after = 20;
    try (WebSocketProbe probe = subscribe("schema=blog&event=create")) {
      for (int i = 0; i < before; i++) {
        insertBlog(m + "-" + i);
      }
      pipeline.stopIngest();
      assertEquals(503, readyzStatus(), "not ready while ingest is stopped");
      for (int i = before; i < before + during; i++) {
        insertBlog(m + "-" + i);
      }
      pipeline.startIngest();
      for (int i = before + during; i < before + during + after; i++) {
        insertBlog(m + "-" + i);
      }
      Set<String> titles = new HashSet<>();
      List<String> all = new ArrayList<>();
      String msg;
      while ((msg = poll(probe, x -> x.contains(m), Duration.ofSeconds(15))) != null) {
        String title = json.readTree(msg).get("data").get("title").asText();
        all.add(title);
        titles.add(title);
        if (titles.size() == before + during + after) {
          break;
        }
      }
      assertEquals(before + during + after, titles.size(), "every committed row arrives");
      assertNull(poll(probe, x -> x.contains(m), QUIET), "and none twice");
      assertEquals(titles.size(), all.size(), "no duplicates: " + all);
      pipeline.awaitReady(WAIT);
    }
  }

  @Test
  void aNewSchemaIsServedWithoutRestartingFanout() throws Exception {
    String name = "note" + marker().substring(1, 6);
    String table = name + "s";
    // What FastSchema does when a schema is created: write the JSON file, create the table.
    java.nio.file.Files.writeString(
        services.appDir().resolve("data/schemas/" + name + ".json"),
        "{\"name\":\""
            + name
            + "\",\"namespace\":\""
            + table
            + "\",\"label_field\":\"text\","
            + "\"fields\":[{\"type\":\"string\",\"name\":\"text\",\"label\":\"Text\"}]}");
    String time = onMariaDb() ? "datetime" : "timestamptz";
    sql(
        "CREATE TABLE "
            + table
            + " (id uuid PRIMARY KEY, text varchar(255) NOT NULL, created_at "
            + time
            + " NOT NULL DEFAULT CURRENT_TIMESTAMP, updated_at "
            + time
            + " NULL, deleted_at "
            + time
            + " NULL)");
    // Ingest captures the tables it found at start (documented): restart it, not fanout.
    pipeline.stopIngest();
    pipeline.startIngest();
    pipeline.awaitReady(WAIT);
    String m = marker();
    long deadline = System.nanoTime() + WAIT.toNanos();
    WebSocketProbe probe = null;
    while (probe == null) {
      WebSocketProbe p = subscribe("schema=" + name);
      if (poll(p, x -> false, Duration.ofMillis(300)) == null && p.isOpen()) {
        probe = p;
      } else {
        p.close();
        assertTrue(System.nanoTime() < deadline, "schema " + name + " never became known");
      }
    }
    try (WebSocketProbe open = probe) {
      sql("INSERT INTO " + table + " (id, text) VALUES (" + newUuid() + ", ?)", m);
      JsonNode created = awaitJson(open, "create", m);
      assertEquals(m, created.get("data").get("text").asText());
    }
  }
}
