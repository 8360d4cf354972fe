package io.fastschema.realtime.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastschema.realtime.config.InvalidConfigurationException;
import io.fastschema.realtime.testing.SharedServices;
import io.fastschema.realtime.testing.SharedServicesExtension;
import io.fastschema.realtime.testing.TestTokens;
import io.fastschema.realtime.testing.WebSocketProbe;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The standalone jar's attach mode: given only FastSchema's variables and app directory (APP_KEY
 * comes from its data/.env), it captures an existing database.
 */
@ExtendWith(SharedServicesExtension.class)
class StandaloneAttachTest {

  @Test
  void attachesWithFastSchemasVariablesAndDeliversChanges(SharedServices s) throws Exception {
    var db = s.appDb();
    Map<String, String> env = new HashMap<>();
    env.put("DB_DRIVER", "pgx");
    env.put("DB_HOST", db.host());
    env.put("DB_PORT", String.valueOf(db.port()));
    env.put("DB_NAME", db.database());
    env.put("DB_USER", db.user());
    env.put("DB_PASS", db.password());
    env.put("FASTSCHEMA_DIR", s.appDir().toString()); // APP_KEY is read from data/.env
    env.put("KAFKA_BOOTSTRAP_SERVERS", s.kafkaBootstrapServers());
    env.put("REALTIME_PORT", "0");
    env.put("REALTIME_MANAGEMENT_PORT", "0");
    env.put("INGEST_SLOT_NAME", "attach_test");
    env.put("INGEST_PUBLICATION_NAME", "attach_test");
    env.put("INGEST_OFFSETS_TOPIC", "attach-test.offsets");
    ByteArrayOutputStream banner = new ByteArrayOutputStream();
    try (StandaloneMain running =
        StandaloneMain.launch(env, new PrintStream(banner, true, StandardCharsets.UTF_8))) {
      int port = running.pipeline().port();
      assertTrue(banner.toString(StandardCharsets.UTF_8).contains("attached"), banner.toString());
      URI uri = URI.create("ws://127.0.0.1:" + port + "/api/realtime/content?schema=tag");
      try (WebSocketProbe probe =
          WebSocketProbe.connect(uri, Map.of("X-Auth-Token", TestTokens.rootUser(s)), List.of())) {
        try (Connection c = db.connect();
            Statement st = c.createStatement()) {
          st.executeUpdate(
              "INSERT INTO tags (id, name) VALUES (gen_random_uuid(), 'attached-tag')");
        }
        String msg = probe.awaitMessage(m -> m.contains("attached-tag"), Duration.ofSeconds(20));
        assertTrue(msg.startsWith("{\"event\":\"create\",\"data\":{"), msg);
      }
    }
  }

  @Test
  void everyConfigurationProblemIsReportedAtOnce() {
    Map<String, String> env =
        Map.of(
            "DB_HOST",
            "db.example",
            "DB_PORT",
            "abc",
            "APP_KEY",
            "too-short",
            "REALTIME_PORT",
            "70000",
            "INGEST_TOPIC_PARTITIONS",
            "0");
    InvalidConfigurationException e =
        assertThrows(
            InvalidConfigurationException.class, () -> StandaloneMain.launch(env, System.out));
    String msg = e.getMessage();
    for (String variable :
        List.of(
            "DB_PORT",
            "DB_NAME",
            "DB_USER",
            "DB_PASS",
            "APP_KEY",
            "REALTIME_PORT",
            "INGEST_TOPIC_PARTITIONS",
            "FASTSCHEMA_DIR")) {
      assertTrue(msg.contains(variable), variable + " missing from: " + msg);
    }
    assertEquals(false, msg.contains("too-short"), "secrets are not echoed: " + msg);
  }

  @Test
  void aTakenPortIsOneProblemNamingRealtimePortBeforeAnythingStarts() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
      long started = System.nanoTime();
      InvalidConfigurationException e =
          assertThrows(
              InvalidConfigurationException.class,
              () ->
                  StandaloneMain.launch(
                      Map.of(
                          "REALTIME_PORT",
                          String.valueOf(taken.getLocalPort()),
                          "REALTIME_BIND_ADDRESS",
                          "0.0.0.0"),
                      System.out));
      assertTrue(
          e.getMessage().contains("REALTIME_PORT: port " + taken.getLocalPort()), e.getMessage());
      assertTrue(
          System.nanoTime() - started < java.time.Duration.ofSeconds(5).toNanos(),
          "refused before the database and the broker were started");
    }
  }
}
