package io.fastschema.realtime.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fastschema.realtime.config.ConfigReader;
import io.fastschema.realtime.config.ConfigSource;
import io.fastschema.realtime.config.DatabaseConfig;
import io.fastschema.realtime.embedded.SampleApp;
import io.fastschema.realtime.fanout.FanoutConfig;
import io.fastschema.realtime.fanout.FanoutServer;
import io.fastschema.realtime.ingest.IngestConfig;
import io.fastschema.realtime.testing.RowNumbers;
import io.fastschema.realtime.testing.SharedServices;
import io.fastschema.realtime.testing.TestTokens;
import io.fastschema.realtime.testing.WebSocketProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What every end-to-end contract shares: one pipeline (ingest + fanout) per test class on the
 * services the subclass's extension provides (embedded always; containers where Docker exists), a
 * root token, and helpers for SQL writes and WebSocket probes. Tests write their own rows, marked
 * with a unique text, and look only at messages carrying it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StackContract {

  protected static final Duration WAIT = Duration.ofSeconds(20);
  protected static final Duration QUIET = Duration.ofMillis(1500);

  /** Any free ports (public and management), new topics found within 0.5 s. */
  protected static final Map<String, String> FANOUT_TEST_SETTINGS =
      Map.of(
          "REALTIME_PORT",
          "0",
          "REALTIME_MANAGEMENT_PORT",
          "0",
          "REALTIME_TOPIC_REFRESH_MS",
          "500");

  protected final ObjectMapper json = new ObjectMapper();
  protected Pipeline pipeline;
  protected SharedServices services;
  protected String token;

  /**
   * {@code mariadb} or {@code mysql} on a binlog database, null on PostgreSQL: the topic prefix of
   * the class's pipeline.
   */
  private String binlogFlavour;

  /**
   * The services come from the subclass's extension (embedded or containers); a MariaDB subclass
   * overrides this with a {@code @MariaDb} parameter and calls it.
   */
  @BeforeAll
  void startPipeline(SharedServices provided) throws Exception {
    services = provided;
    if (onMariaDb()) {
      try (Connection c = services.appDb().connect()) {
        binlogFlavour = SampleApp.isMySqlServer(c) ? "mysql" : "mariadb";
      }
    }
    Map<String, String> settings = new java.util.HashMap<>(databaseSettings());
    settings.put("INGEST_SET_REPLICA_IDENTITY_FULL", "true");
    var db = services.appDb();
    IngestConfig ingest =
        IngestConfig.read(
            new ConfigReader(ConfigSource.of(settings)),
            new DatabaseConfig(
                db.host(),
                db.port(),
                db.database(),
                db.user(),
                db.password(),
                onMariaDb() ? DatabaseConfig.MYSQL : DatabaseConfig.PGX),
            services.kafkaBootstrapServers(),
            services.appDir());
    FanoutConfig fanout = fanoutConfig(FANOUT_TEST_SETTINGS);
    pipeline = Pipeline.start(ingest, fanout, Clock.systemUTC());
    pipeline.awaitReady(Duration.ofSeconds(60));
    token = TestTokens.rootUser(services);
  }

  /** A uuid parameter: PostgreSQL needs the cast from text, MariaDB's uuid type converts. */
  protected String uuidParam() {
    return onMariaDb() ? "?" : "?::uuid";
  }

  /** The Kafka topic of a schema for this class's pipeline. */
  protected String topic(String schema) {
    return (onMariaDb() ? binlogFlavour + "." : "fastschema.") + schema;
  }

  /** The numbers 1..{@code n} as a derived table with column {@code seq} ({@link RowNumbers}). */
  protected String rowNumbers(int n) {
    return RowNumbers.table(services.appDb().kind(), n);
  }

  /** A new random uuid in SQL. */
  protected String newUuid() {
    return onMariaDb() ? "UUID()" : "gen_random_uuid()";
  }

  protected boolean onMariaDb() {
    return services.appDb().kind() == io.fastschema.realtime.embedded.DatabaseKind.MARIADB;
  }

  /**
   * On MariaDB and MySQL, topics of their own: the run's Kafka is shared with the PostgreSQL
   * contracts, whose pipelines write the same schemas under {@code fastschema.*}, and with each
   * other.
   */
  private Map<String, String> databaseSettings() {
    return onMariaDb()
        ? Map.of(
            "REALTIME_TOPIC_PREFIX", binlogFlavour,
            "INGEST_OFFSETS_TOPIC", binlogFlavour + "-realtime.offsets",
            "INGEST_SCHEMA_HISTORY_TOPIC", binlogFlavour + "-realtime.schema-history")
        : Map.of();
  }

  /** A fanout node's configuration on the services, filters in the database's dialect. */
  private FanoutConfig fanoutConfig(Map<String, String> settings) {
    Map<String, String> env = new java.util.HashMap<>(settings);
    databaseSettings().forEach(env::putIfAbsent);
    return FanoutConfig.read(
            new ConfigReader(ConfigSource.of(env)),
            services.kafkaBootstrapServers(),
            services.appDir(),
            services.appKey())
        .withFilterDialect(
            onMariaDb()
                ? io.fastschema.realtime.filter.SqlDialect.MYSQL
                : io.fastschema.realtime.filter.SqlDialect.POSTGRESQL);
  }

  @AfterAll
  void stopPipeline() throws Exception {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  protected WebSocketProbe subscribe(String query) throws Exception {
    return WebSocketProbe.connect(
        uri(query), Map.of("Authorization", "Bearer " + token), List.of());
  }

  protected URI uri(String query) {
    return URI.create("ws://127.0.0.1:" + pipeline.port() + "/api/realtime/content?" + query);
  }

  protected int sql(String statement, Object... args) throws SQLException {
    try (Connection c = services.appDb().connect();
        PreparedStatement ps = c.prepareStatement(statement)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      return ps.executeUpdate();
    }
  }

  /** Inserts a blog and returns its id (generated keys: MySQL has no INSERT ... RETURNING). */
  protected long insertBlog(String title) throws SQLException {
    try (Connection c = services.appDb().connect();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO blogs (title, views, published, status, meta) "
                    + "VALUES (?, 0, false, 'draft', '{\"tags\":[\"x\"]}')",
                new String[] {"id"})) {
      ps.setString(1, title);
      ps.executeUpdate();
      try (ResultSet rs = ps.getGeneratedKeys()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** The next matching message, or null when none arrives within the wait. */
  protected static String poll(
      WebSocketProbe probe, java.util.function.Predicate<String> matching, Duration wait) {
    return probe.pollMessage(matching, wait);
  }

  protected JsonNode awaitJson(WebSocketProbe probe, String event, String marker) throws Exception {
    return json.readTree(
        probe.awaitMessage(
            m -> m.contains("\"event\":\"" + event + "\"") && m.contains(marker), WAIT));
  }

  protected static String marker() {
    return "m" + UUID.randomUUID().toString().substring(0, 8);
  }

  protected static String q(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  protected static List<Long> ids(JsonNode rows) {
    List<Long> out = new ArrayList<>();
    rows.forEach(r -> out.add(r.get("id").asLong()));
    return out;
  }

  protected int readyzStatus() throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pipeline.port() + "/readyz"))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  protected static List<String> names(JsonNode node) {
    List<String> out = new ArrayList<>();
    Iterator<String> it = node.fieldNames();
    it.forEachRemaining(out::add);
    return out;
  }

  /**
   * Connects with {@code jwt} until the handshake is accepted: access changes reach a node
   * asynchronously.
   */
  protected static WebSocketProbe connectWhenAllowed(URI uri, String jwt) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      WebSocketProbe p =
          WebSocketProbe.connect(uri, Map.of("Authorization", "Bearer " + jwt), List.of());
      if (p.pollMessage(x -> false, Duration.ofMillis(300)) == null && p.isOpen()) {
        return p;
      }
      p.close();
      org.junit.jupiter.api.Assertions.assertTrue(
          System.nanoTime() < deadline, "never allowed: " + uri);
    }
  }

  /** Another fanout node on the same services, started and ready; settings added to the test's. */
  protected FanoutServer startNode(Map<String, String> extra) throws Exception {
    return startNode(
        new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
            io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT),
        extra);
  }

  /** The same, with its meters in {@code meters}. */
  protected FanoutServer startNode(
      io.micrometer.prometheusmetrics.PrometheusMeterRegistry meters, Map<String, String> extra)
      throws Exception {
    Map<String, String> env = new java.util.HashMap<>(FANOUT_TEST_SETTINGS);
    env.putAll(extra);
    FanoutConfig config = fanoutConfig(env);
    FanoutServer node =
        new FanoutServer(
            config,
            new io.fastschema.realtime.fanout.LiveSchemaCatalog(services.appDir()),
            Clock.systemUTC(),
            null,
            meters);
    node.start();
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (client
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/readyz"))
                    .build(),
                HttpResponse.BodyHandlers.discarding())
            .statusCode()
        != 200) {
      if (System.nanoTime() > deadline) {
        node.close();
        throw new AssertionError("fanout node not ready within " + WAIT);
      }
      Thread.sleep(50);
    }
    return node;
  }
}
