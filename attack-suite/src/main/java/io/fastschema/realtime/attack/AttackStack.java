package io.fastschema.realtime.attack;

import io.fastschema.realtime.config.ConfigReader;
import io.fastschema.realtime.config.ConfigSource;
import io.fastschema.realtime.config.DatabaseConfig;
import io.fastschema.realtime.fanout.FanoutConfig;
import io.fastschema.realtime.ingest.IngestConfig;
import io.fastschema.realtime.standalone.Pipeline;
import io.fastschema.realtime.testing.SharedServices;
import io.fastschema.realtime.testing.SharedServicesExtension;
import io.fastschema.realtime.testing.TestTokens;
import io.fastschema.realtime.testing.WebSocketProbe;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The standalone stack under attack, on loopback: embedded PostgreSQL with FastSchema's sample app,
 * an in-process Kafka broker, and the standalone pipeline (ingest and one fanout node) on any free
 * ports, with {@link #SETTINGS}; plus what attackers hold: a root token, and SQL to make changes.
 */
final class AttackStack implements AutoCloseable {

  /**
   * The defaults except where an attack would otherwise take minutes or thousands of sockets: a
   * connection cap that 400 loopback sockets reach (above the 300 handshakes of the `since=now`
   * storm), replay stalls noticed after 2 s, and a resume buffer small enough that resumes replay
   * from Kafka (the path replay starvation attacks).
   */
  static final Map<String, String> SETTINGS =
      Map.of(
          "REALTIME_PORT", "0",
          "REALTIME_MANAGEMENT_PORT", "0",
          "REALTIME_TOPIC_REFRESH_MS", "500",
          "REALTIME_MAX_CONNECTIONS", "400",
          "REALTIME_REPLAY_STALL_MS", "2000",
          "REALTIME_RESUME_BUFFER_EVENTS", "16");

  private final SharedServicesExtension.RunningServices services;
  private final Pipeline pipeline;
  private final String token;

  private AttackStack(
      SharedServicesExtension.RunningServices services, Pipeline pipeline, String token) {
    this.services = services;
    this.pipeline = pipeline;
    this.token = token;
  }

  static AttackStack start() throws Exception {
    SharedServicesExtension.RunningServices running =
        SharedServicesExtension.RunningServices.start();
    try {
      SharedServices s = running.services();
      var db = s.appDb();
      IngestConfig ingest =
          IngestConfig.read(
              new ConfigReader(ConfigSource.of(Map.of("INGEST_SET_REPLICA_IDENTITY_FULL", "true"))),
              new DatabaseConfig(db.host(), db.port(), db.database(), db.user(), db.password()),
              s.kafkaBootstrapServers(),
              s.appDir());
      FanoutConfig fanout =
          FanoutConfig.read(
              new ConfigReader(ConfigSource.of(SETTINGS)),
              s.kafkaBootstrapServers(),
              s.appDir(),
              s.appKey());
      Pipeline pipeline = Pipeline.start(ingest, fanout, Clock.systemUTC());
      pipeline.awaitReady(Duration.ofMinutes(2));
      return new AttackStack(running, pipeline, TestTokens.rootUser(s));
    } catch (Exception | Error e) {
      running.close();
      throw e;
    }
  }

  SharedServices services() {
    return services.services();
  }

  int port() {
    return pipeline.port();
  }

  int managementPort() {
    return pipeline.managementPort();
  }

  String token() {
    return token;
  }

  String realtimePath(String query) {
    return "/api/realtime/content?" + query;
  }

  URI uri(String query) {
    return URI.create("ws://127.0.0.1:" + port() + realtimePath(query));
  }

  WebSocketProbe subscribe(String query) {
    return subscribe(query, Map.of("Authorization", "Bearer " + token));
  }

  WebSocketProbe subscribe(String query, Map<String, String> headers) {
    return WebSocketProbe.connect(uri(query), headers, List.of());
  }

  /** The value of a meter of the node (counter or gauge), 0 if it has none of that name. */
  double meter(String name) {
    var found = pipeline.metrics().find(name);
    if (found.counter() != null) {
      return found.counter().count();
    }
    return found.gauge() == null ? 0 : found.gauge().value();
  }

  int sql(String statement, Object... args) throws SQLException {
    try (Connection c = services().appDb().connect();
        PreparedStatement ps = c.prepareStatement(statement)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      return ps.executeUpdate();
    }
  }

  /** Inserts {@code count} blogs titled {@code <marker>-<n>-} and {@code pad} x's. */
  void insertBlogs(String marker, int count, int pad) throws SQLException {
    sql(
        "INSERT INTO blogs (title, views, published, status, meta) SELECT ? || '-' || g || '-' "
            + "|| repeat('x', ?), 0, false, 'draft', '{}' FROM generate_series(1, ?) g",
        marker,
        pad,
        count);
  }

  @Override
  public void close() throws Exception {
    try {
      pipeline.close();
    } finally {
      services.close();
    }
  }
}
