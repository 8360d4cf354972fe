package io.fastschema.realtime.standalone;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastschema.realtime.testing.SharedServices;
import io.fastschema.realtime.testing.SharedServicesExtension;
import io.fastschema.realtime.testing.WebSocketProbe;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code REALTIME_EMBEDDED_DB=mariadb}: the one-command run on an embedded MariaDB instead of
 * PostgreSQL, driven only by what its banner prints (the token and the way to change a row), with
 * filters judged as MariaDB would (a case-, accent- and trailing-space-insensitive title).
 */
@ExtendWith(SharedServicesExtension.class)
class EmbeddedMariaDbStartTest {

  private static final Pattern TOKEN =
      Pattern.compile("Access token \\(root user 'admin', valid 7 days\\):\\R  (\\S+)");
  private static final Pattern JDBC = Pattern.compile("SqlCommand '(jdbc:mariadb://[^']+)'");

  @Test
  void startsOnMariaDbWithTheSameBannerAndMySqlFilters(SharedServices shared) throws Exception {
    Map<String, String> env =
        Map.of(
            "REALTIME_EMBEDDED_DB", "mariadb",
            "REALTIME_PORT", "0",
            "REALTIME_MANAGEMENT_PORT", "0",
            // The run's broker: starting another one would only add time.
            "KAFKA_BOOTSTRAP_SERVERS", shared.kafkaBootstrapServers(),
            "REALTIME_TOPIC_PREFIX", "embedded-mariadb",
            "INGEST_OFFSETS_TOPIC", "embedded-mariadb-realtime.offsets",
            "INGEST_SCHEMA_HISTORY_TOPIC", "embedded-mariadb-realtime.schema-history");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (StandaloneMain running =
        StandaloneMain.launch(env, new PrintStream(out, true, StandardCharsets.UTF_8))) {
      String banner = out.toString(StandardCharsets.UTF_8);
      assertTrue(banner.contains("fastschema-realtime is ready"), banner);
      assertTrue(banner.contains("Embedded MariaDB"), banner);
      assertTrue(banner.contains("mariadb -h "), banner);
      String token = group(TOKEN, banner);
      String jdbcUrl = group(JDBC, banner);

      String blogs =
          "ws://127.0.0.1:" + running.pipeline().port() + "/api/realtime/content?schema=blog";
      String filter = "{\"title\":\"ÉTÉ À LA PLAGE  \"}";
      Map<String, String> auth = Map.of("Authorization", "Bearer " + token);
      try (WebSocketProbe all = WebSocketProbe.connect(URI.create(blogs), auth, List.of());
          WebSocketProbe filtered =
              WebSocketProbe.connect(
                  URI.create(
                      blogs + "&filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8)),
                  auth,
                  List.of())) {
        try (Connection db = DriverManager.getConnection(jdbcUrl);
            Statement statement = db.createStatement()) {
          statement.executeUpdate("INSERT INTO blogs (title) VALUES ('ete a la plage (other)')");
          statement.executeUpdate("INSERT INTO blogs (title) VALUES ('été à la plage')");
        }
        all.awaitMessage(m -> m.contains("été à la plage\""), Duration.ofSeconds(60));
        String message = filtered.awaitMessage(m -> true, Duration.ofSeconds(30));
        assertTrue(message.startsWith("{\"event\":\"create\""), message);
        assertTrue(message.contains("\"title\":\"été à la plage\""), message);
      }
    }
  }

  private static String group(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    assertTrue(m.find(), pattern + " not in " + text);
    return m.group(1);
  }
}
