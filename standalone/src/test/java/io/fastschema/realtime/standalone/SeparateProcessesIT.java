package io.fastschema.realtime.standalone;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastschema.realtime.testing.SharedServices;
import io.fastschema.realtime.testing.SharedServicesExtension;
import io.fastschema.realtime.testing.TestTokens;
import io.fastschema.realtime.testing.WebSocketProbe;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The runnable jars as real processes: {@code cdc-ingest.jar} and {@code fanout-server.jar} started
 * with nothing but environment variables, against the shared PostgreSQL and Kafka. Runs after
 * {@code package} (failsafe), because it needs the jars.
 */
@ExtendWith(SharedServicesExtension.class)
class SeparateProcessesIT {

  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void stopProcesses() throws InterruptedException {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  @Test
  void ingestAndFanoutJarsRunAsSeparateProcesses(SharedServices s) throws Exception {
    var db = s.appDb();
    int ingestHealth = freePort();
    int fanoutPort = freePort();
    Map<String, String> common =
        Map.of(
            "FASTSCHEMA_DIR", s.appDir().toString(),
            "KAFKA_BOOTSTRAP_SERVERS", s.kafkaBootstrapServers(),
            "REALTIME_TOPIC_PREFIX", "procs");
    launch(
        "../cdc-ingest/target/cdc-ingest.jar",
        common,
        Map.of(
            "DB_DRIVER",
            "pgx",
            "DB_HOST",
            db.host(),
            "DB_PORT",
            String.valueOf(db.port()),
            "DB_NAME",
            db.database(),
            "DB_USER",
            db.user(),
            "DB_PASS",
            db.password(),
            "INGEST_SLOT_NAME",
            "procs_test",
            "INGEST_PUBLICATION_NAME",
            "procs_test",
            "INGEST_OFFSETS_TOPIC",
            "procs-realtime.offsets",
            "INGEST_HEALTH_PORT",
            String.valueOf(ingestHealth)),
        "ingest");
    awaitReady(ingestHealth);
    launch(
        "../fanout-server/target/fanout-server.jar",
        common,
        Map.of(
            "REALTIME_PORT",
            String.valueOf(fanoutPort),
            "REALTIME_MANAGEMENT_PORT",
            "0",
            "REALTIME_TOPIC_REFRESH_MS",
            "500"),
        "fanout");
    awaitReady(fanoutPort);
    URI uri = URI.create("ws://127.0.0.1:" + fanoutPort + "/api/realtime/content?schema=category");
    try (WebSocketProbe probe =
        WebSocketProbe.connect(
            uri, Map.of("Authorization", "Bearer " + TestTokens.rootUser(s)), List.of())) {
      try (Connection c = db.connect();
          Statement st = c.createStatement()) {
        st.executeUpdate(
            "INSERT INTO categories (id, name, slug) VALUES (gen_random_uuid(), "
                + "'from-process', 'from-process')");
      }
      String msg = probe.awaitMessage(m -> m.contains("from-process"), Duration.ofSeconds(30));
      assertTrue(msg.startsWith("{\"event\":\"create\""), msg);
    }
  }

  private void launch(String jar, Map<String, String> common, Map<String, String> own, String name)
      throws IOException {
    Path log = Files.createTempFile("it-" + name, ".log");
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-jar",
            jar);
    pb.environment()
        .keySet()
        .removeIf(
            k ->
                k.startsWith("DB_")
                    || k.startsWith("INGEST_")
                    || k.startsWith("REALTIME_")
                    || k.equals("APP_KEY"));
    pb.environment().putAll(common);
    pb.environment().putAll(own);
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    processes.add(pb.start());
    System.out.println(name + " log: " + log);
  }

  private static void awaitReady(int port) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
        last = r.statusCode() + " " + r.body();
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("port " + port + " not ready after 90 s: " + last);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
