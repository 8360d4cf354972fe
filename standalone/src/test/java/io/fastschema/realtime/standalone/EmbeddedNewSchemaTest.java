package io.fastschema.realtime.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fastschema.realtime.config.ConfigReader;
import io.fastschema.realtime.config.ConfigSource;
import io.fastschema.realtime.config.DatabaseConfig;
import io.fastschema.realtime.fanout.FanoutConfig;
import io.fastschema.realtime.ingest.IngestConfig;
import io.fastschema.realtime.testing.RuntimeSchemas;
import io.fastschema.realtime.testing.SharedServices;
import io.fastschema.realtime.testing.SharedServicesExtension;
import io.fastschema.realtime.testing.TestTokens;
import io.fastschema.realtime.testing.WebSocketProbe;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Schemas created and deleted in FastSchema while the stack runs: a new schema is served (its first
 * row reaches a WebSocket client) without restarting anything, and subscribers of a deleted schema
 * are closed with 4404 and a reason. Prints the time from CREATE TABLE to the first delivered
 * message.
 */
@ExtendWith(SharedServicesExtension.class)
class EmbeddedNewSchemaTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void aSchemaCreatedAtRunTimeIsServedAndADeletedOneClosesItsSubscribers(SharedServices s)
      throws Exception {
    Path appDir = RuntimeSchemas.copyOfAppDir(s);
    String suffix = UUID.randomUUID().toString().substring(0, 6);
    String schema = "memo" + suffix;
    String table = "memos_" + suffix;
    var db = s.appDb();
    IngestConfig ingest =
        IngestConfig.read(
            new ConfigReader(
                ConfigSource.of(
                    Map.of(
                        "INGEST_SLOT_NAME", "new_schema",
                        "INGEST_PUBLICATION_NAME", "new_schema",
                        "INGEST_OFFSETS_TOPIC", "new-schema.offsets",
                        "REALTIME_TOPIC_PREFIX", "newschema",
                        "INGEST_SCHEMA_REFRESH_MS", "500"))),
            new DatabaseConfig(db.host(), db.port(), db.database(), db.user(), db.password()),
            s.kafkaBootstrapServers(),
            appDir);
    FanoutConfig fanout =
        FanoutConfig.read(
            new ConfigReader(
                ConfigSource.of(
                    Map.of(
                        "REALTIME_PORT", "0",
                        "REALTIME_MANAGEMENT_PORT", "0",
                        "REALTIME_TOPIC_REFRESH_MS", "500",
                        "REALTIME_TOPIC_PREFIX", "newschema"))),
            s.kafkaBootstrapServers(),
            appDir,
            s.appKey());
    try (Pipeline pipeline = Pipeline.start(ingest, fanout, Clock.systemUTC())) {
      pipeline.awaitReady(WAIT);
      String token = TestTokens.rootUser(s);
      long created = System.nanoTime();
      RuntimeSchemas.create(s, appDir, schema, table);
      URI uri =
          URI.create(
              "ws://127.0.0.1:" + pipeline.port() + "/api/realtime/content?schema=" + schema);
      WebSocketProbe probe = null;
      JsonNode first = null;
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (first == null && System.nanoTime() < deadline) {
        if (probe == null || !probe.isOpen()) {
          // 4404 until the node has reloaded the schemas: reconnect, as a client would.
          probe =
              WebSocketProbe.connect(uri, Map.of("Authorization", "Bearer " + token), List.of());
        }
        RuntimeSchemas.sql(s, "INSERT INTO " + table + " (text) VALUES ('hello')");
        String m = probe.pollMessage(x -> x.contains("hello"), Duration.ofMillis(500));
        if (m != null) {
          first = new ObjectMapper().readTree(m);
        }
      }
      assertTrue(first != null, "no message of the new schema within " + WAIT);
      System.out.printf(
          "EmbeddedNewSchemaTest: CREATE TABLE -> first message delivered: %d ms%n",
          (System.nanoTime() - created) / 1_000_000);
      assertEquals("create", first.get("event").asText());

      RuntimeSchemas.delete(s, appDir, schema, table);
      WebSocketProbe.CloseStatus closed = probe.awaitClose(WAIT);
      assertEquals(4404, closed.code(), closed.toString());
      assertEquals("realtime.content: schema " + schema + " was deleted", closed.reason());
    } finally {
      RuntimeSchemas.sql(s, "DROP TABLE IF EXISTS " + table);
    }
  }
}
