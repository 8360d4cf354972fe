package io.fastschema.realtime.ingest;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastschema.realtime.config.ConfigReader;
import io.fastschema.realtime.config.ConfigSource;
import io.fastschema.realtime.config.DatabaseConfig;
import io.fastschema.realtime.config.InvalidConfigurationException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings that are wrong only together. */
class IngestConfigTest {

  private static final DatabaseConfig DB = new DatabaseConfig("h", 5432, "d", "u", "p");

  private static void read(Map<String, String> env) {
    ConfigReader r = new ConfigReader(ConfigSource.of(env));
    IngestConfig.read(r, DB, "k:9092", Path.of("/app"));
    r.finish();
  }

  @Test
  void anOffsetsTopicUnderTheSchemaTopicsPrefixIsRefusedNamingBothVariables() {
    var e =
        assertThrows(
            InvalidConfigurationException.class,
            () ->
                read(
                    Map.of(
                        "REALTIME_TOPIC_PREFIX", "shop", "INGEST_OFFSETS_TOPIC", "shop.offsets")));

    assertTrue(
        e.getMessage().contains("INGEST_OFFSETS_TOPIC")
            && e.getMessage().contains("REALTIME_TOPIC_PREFIX"),
        e.getMessage());
  }

  @Test
  void theDefaultsAndASimilarButDifferentPrefixAreFine() {
    assertDoesNotThrow(() -> read(Map.of()));
    assertDoesNotThrow(
        () ->
            read(
                Map.of(
                    "REALTIME_TOPIC_PREFIX",
                    "shop",
                    "INGEST_OFFSETS_TOPIC",
                    "shop-realtime.offsets")));
  }
}
