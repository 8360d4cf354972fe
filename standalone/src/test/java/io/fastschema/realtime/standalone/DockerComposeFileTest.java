package io.fastschema.realtime.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fastschema.realtime.config.ConfigReader;
import io.fastschema.realtime.config.ConfigSource;
import io.fastschema.realtime.config.Setting;
import io.fastschema.realtime.fanout.FanoutConfig;
import io.fastschema.realtime.filter.SqlDialect;
import io.fastschema.realtime.ingest.IngestConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What can be checked of docker-compose.yml without a Docker engine: the services exist, and the
 * environment of every service of ours passes our own configuration validation (so a typo in a
 * variable name or value fails here, not at deployment).
 */
class DockerComposeFileTest {

  private static final Path ROOT = Path.of("..");

  /**
   * SnakeYAML resolves anchors, aliases and merge keys as Compose does (Jackson's tree does not).
   */
  private static JsonNode services() throws Exception {
    return services("docker-compose.yml");
  }

  private static JsonNode services(String file) throws Exception {
    Object compose = new org.yaml.snakeyaml.Yaml().load(Files.readString(ROOT.resolve(file)));
    return new ObjectMapper().valueToTree(compose).get("services");
  }

  private static Map<String, String> environmentOf(JsonNode service) {
    Map<String, String> env = new HashMap<>();
    JsonNode e = service.get("environment");
    if (e != null) {
      e.fields().forEachRemaining(f -> env.put(f.getKey(), f.getValue().asText()));
    }
    return env;
  }

  @Test
  void composeHasTheWholeDeployment() throws Exception {
    JsonNode services = services();
    for (String name :
        List.of(
            "postgres",
            "fastschema",
            "kafka",
            "ingest-1",
            "ingest-2",
            "fanout-1",
            "fanout-2",
            "fanout-3",
            "lb")) {
      assertTrue(services.has(name), "service " + name);
    }
    assertTrue(services.get("postgres").get("command").toString().contains("wal_level=logical"));
    String caddy = Files.readString(ROOT.resolve("docker/caddy/Caddyfile"));
    for (String fanout : List.of("fanout-1:8080", "fanout-2:8080", "fanout-3:8080")) {
      assertTrue(caddy.contains(fanout), "load balancer sends to " + fanout);
    }
    assertTrue(Files.exists(ROOT.resolve("cdc-ingest/Dockerfile")));
    assertTrue(Files.exists(ROOT.resolve("fanout-server/Dockerfile")));
  }

  /** Both files; on the MySQL one every fanout node judges filters as MySQL does. */
  @ParameterizedTest
  @ValueSource(strings = {"docker-compose.yml", "docker-compose.mysql.yml"})
  void ourServicesEnvironmentPassesOurConfigurationValidation(String file) throws Exception {
    JsonNode services = services(file);
    Set<String> known = new HashSet<>();
    for (Setting<?> s : ConfigurationReference.allSettings()) {
      known.add(s.env());
    }
    Iterator<Map.Entry<String, JsonNode>> it = services.fields();
    int checked = 0;
    while (it.hasNext()) {
      var entry = it.next();
      String name = entry.getKey();
      if (!name.startsWith("ingest-") && !name.startsWith("fanout-")) {
        continue;
      }
      Map<String, String> env = environmentOf(entry.getValue());
      for (String variable : env.keySet()) {
        assertTrue(known.contains(variable), name + ": unknown variable " + variable);
      }
      // Compose substitutes ${APP_KEY}; stand in a valid key to validate the rest.
      env.replaceAll((k, v) -> v.startsWith("${APP_KEY") ? "x".repeat(32) : v);
      ConfigReader reader = new ConfigReader(ConfigSource.of(env));
      if (name.startsWith("ingest-")) {
        IngestConfig.read(reader, null, null, null);
      } else {
        FanoutConfig c = FanoutConfig.read(reader, null, null, null);
        assertEquals(
            file.contains("mysql") ? SqlDialect.MYSQL : SqlDialect.POSTGRESQL,
            c.filterDialect(),
            name);
        assertTrue(
            Files.readString(ROOT.resolve("docker/caddy/Caddyfile"))
                .contains(name + ":" + c.port()),
            name + " listens where the load balancer sends");
      }
      reader.finish();
      checked++;
    }
    assertEquals(5, checked, "two ingest and three fanout services");
  }
}
