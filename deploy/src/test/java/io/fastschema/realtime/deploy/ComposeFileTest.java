package io.fastschema.realtime.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docker-compose.yml as an operator expects it, checked without a Docker engine: a healthcheck and
 * a restart policy on every service, start order that follows health, pinned images, Kafka's log on
 * its volume, and every file it mounts present. (standalone's DockerComposeFileTest validates our
 * services' environment against our configuration.)
 */
class ComposeFileTest {

  private static final Path ROOT = Path.of("..");

  /** The deployment on PostgreSQL, and the same on MySQL/MariaDB. */
  static final String POSTGRES_FILE = "docker-compose.yml";

  static final String MYSQL_FILE = "docker-compose.mysql.yml";

  static JsonNode services() throws Exception {
    return services(POSTGRES_FILE);
  }

  /** SnakeYAML resolves anchors, aliases and merge keys as Compose does. */
  static JsonNode services(String file) throws Exception {
    Object compose = new org.yaml.snakeyaml.Yaml().load(Files.readString(ROOT.resolve(file)));
    return new ObjectMapper().valueToTree(compose).get("services");
  }

  /** host:port of /metrics of every ingest and fanout service. */
  static Set<String> ourMetricsEndpoints() throws Exception {
    Set<String> out = new TreeSet<>();
    services()
        .fields()
        .forEachRemaining(
            s -> {
              JsonNode env = s.getValue().path("environment");
              if (s.getKey().startsWith("ingest-")) {
                out.add(s.getKey() + ":" + env.path("INGEST_HEALTH_PORT").asText());
              } else if (s.getKey().startsWith("fanout-")) {
                out.add(s.getKey() + ":" + env.path("REALTIME_MANAGEMENT_PORT").asText());
              }
            });
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {POSTGRES_FILE, MYSQL_FILE})
  void everyServiceHasAHealthcheckAndARestartPolicy(String file) throws Exception {
    List<String> problems = new ArrayList<>();
    services(file)
        .fields()
        .forEachRemaining(
            s -> {
              JsonNode test = s.getValue().path("healthcheck").path("test");
              if (!test.isArray() || test.size() < 2) {
                problems.add(s.getKey() + ": no healthcheck");
              }
              if (!"unless-stopped".equals(s.getValue().path("restart").asText())) {
                problems.add(s.getKey() + ": restart is not unless-stopped");
              }
            });
    assertTrue(problems.isEmpty(), problems.toString());
    assertTrue(services(file).size() >= 11, "services: " + services(file).size());
  }

  @ParameterizedTest
  @ValueSource(strings = {POSTGRES_FILE, MYSQL_FILE})
  void dependenciesWaitForHealth(String file) throws Exception {
    JsonNode services = services(file);
    List<String> problems = new ArrayList<>();
    services
        .fields()
        .forEachRemaining(
            s -> {
              JsonNode deps = s.getValue().path("depends_on");
              if (deps.isArray()) {
                problems.add(s.getKey() + ": depends_on without conditions");
              }
              deps.fields()
                  .forEachRemaining(
                      d -> {
                        if (!"service_healthy".equals(d.getValue().path("condition").asText())) {
                          problems.add(
                              s.getKey() + " -> " + d.getKey() + " does not wait for health");
                        }
                        if (!services.has(d.getKey())) {
                          problems.add(s.getKey() + " -> unknown service " + d.getKey());
                        }
                      });
            });
    assertTrue(problems.isEmpty(), problems.toString());
    assertTrue(services.path("ingest-1").path("depends_on").has("fastschema"));
    assertTrue(services.path("lb").path("depends_on").has("fanout-3"));
  }

  @ParameterizedTest
  @ValueSource(strings = {POSTGRES_FILE, MYSQL_FILE})
  void imagesArePinned(String file) throws Exception {
    List<String> problems = new ArrayList<>();
    services(file)
        .fields()
        .forEachRemaining(
            s -> {
              String image = s.getValue().path("image").asText("");
              if (image.isEmpty()) {
                assertTrue(s.getValue().has("build"), s.getKey() + ": neither image nor build");
                return;
              }
              String tag = image.substring(image.lastIndexOf(':') + 1);
              // A version with a minor part at least (postgres:17.6, not postgres:17 or :latest).
              if (!image.contains(":") || !tag.matches("v?\\d+\\.\\d+.*")) {
                problems.add(s.getKey() + ": " + image);
              }
            });
    assertTrue(problems.isEmpty(), "unpinned images: " + problems);
    assertTrue(
        services(file)
            .path("fastschema")
            .path("image")
            .asText()
            .startsWith("ghcr.io/fastschema/fastschema:"));
  }

  @ParameterizedTest
  @ValueSource(strings = {POSTGRES_FILE, MYSQL_FILE})
  void kafkaKeepsItsLogOnTheVolume(String file) throws Exception {
    JsonNode kafka = services(file).path("kafka");
    String logDirs = kafka.path("environment").path("KAFKA_LOG_DIRS").asText();
    assertFalse(
        logDirs.isEmpty(), "KAFKA_LOG_DIRS unset: the broker writes to /tmp in the container");
    boolean onVolume = false;
    for (JsonNode v : kafka.path("volumes")) {
      String[] parts = v.asText().split(":");
      onVolume |= parts[0].equals("kafka-data") && parts[1].equals(logDirs);
    }
    assertTrue(onVolume, "KAFKA_LOG_DIRS " + logDirs + " is not the kafka-data mount");
    assertFalse(
        kafka.path("environment").path("CLUSTER_ID").asText().isEmpty(),
        "a fixed cluster id, so a recreated container accepts the formatted volume");
  }

  @ParameterizedTest
  @ValueSource(strings = {POSTGRES_FILE, MYSQL_FILE})
  void everyMountedFileExists(String file) throws Exception {
    List<String> missing = new ArrayList<>();
    services(file)
        .fields()
        .forEachRemaining(
            s ->
                s.getValue()
                    .path("volumes")
                    .forEach(
                        v -> {
                          String source = v.asText().split(":")[0];
                          if (source.startsWith("./") && !Files.exists(ROOT.resolve(source))) {
                            missing.add(s.getKey() + ": " + source);
                          }
                        }));
    assertTrue(missing.isEmpty(), missing.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {POSTGRES_FILE, MYSQL_FILE})
  void theLoadBalancerChecksReadinessOfEveryFanoutNode(String file) throws Exception {
    String caddy = Files.readString(ROOT.resolve("docker/caddy/Caddyfile"));
    assertTrue(caddy.contains("health_uri /readyz"), caddy);
    Set<String> fanouts = new TreeSet<>();
    for (var s : (Iterable<Map.Entry<String, JsonNode>>) services(file)::fields) {
      if (s.getKey().startsWith("fanout-")) {
        JsonNode env = s.getValue().path("environment");
        String e = s.getKey() + ":" + env.path("REALTIME_PORT").asText();
        fanouts.add(e);
        assertTrue(caddy.contains(e), "load balancer sends to " + e);
        String management = s.getKey() + ":" + env.path("REALTIME_MANAGEMENT_PORT").asText();
        assertFalse(caddy.contains(management), "management port behind the balancer: " + e);
      }
    }
    assertEquals(3, fanouts.size());
    assertTrue(caddy.contains("tls {$LB_TLS:internal}"), "TLS mode is switchable");
    Map<String, String> env =
        Map.of("LB_TLS", services(file).path("lb").path("environment").path("LB_TLS").asText());
    assertTrue(env.get("LB_TLS").contains("internal"), env.toString());
  }

  /**
   * The MySQL variant: FastSchema, both ingest instances and every fanout node on DB_DRIVER=mysql
   * (fanout judges filters by it), and a MariaDB started with what ingest's start-up checks ask.
   */
  @Test
  void theMySqlVariantRunsEverythingOnMariaDb() throws Exception {
    JsonNode services = services(MYSQL_FILE);
    for (var s : (Iterable<Map.Entry<String, JsonNode>>) services::fields) {
      if (s.getKey().matches("fastschema|ingest-\\d|fanout-\\d")) {
        assertEquals(
            "mysql", s.getValue().path("environment").path("DB_DRIVER").asText(), s.getKey());
      }
    }
    assertFalse(services.has("postgres"));
    String command = services.path("mariadb").path("command").toString();
    for (String flag :
        List.of(
            "--log-bin",
            "--binlog-format=ROW",
            "--binlog-row-image=FULL",
            "--binlog-row-metadata=FULL",
            "--binlog-expire-logs-seconds=86400",
            "--collation-server=utf8mb4_unicode_ci")) {
      assertTrue(command.contains(flag), flag + " missing from " + command);
    }
    String grants = Files.readString(ROOT.resolve("docker/mariadb-init/grants.sql"));
    assertTrue(
        grants.contains("SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, BINLOG MONITOR"),
        grants);
  }
}
