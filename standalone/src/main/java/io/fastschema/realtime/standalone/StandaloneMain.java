package io.fastschema.realtime.standalone;

import io.fastschema.realtime.config.CommonSettings;
import io.fastschema.realtime.config.ConfigReader;
import io.fastschema.realtime.config.ConfigSource;
import io.fastschema.realtime.config.DatabaseConfig;
import io.fastschema.realtime.config.InvalidConfigurationException;
import io.fastschema.realtime.embedded.DatabaseCoordinates;
import io.fastschema.realtime.embedded.EmbeddedMariaDbServer;
import io.fastschema.realtime.embedded.EmbeddedPostgresServer;
import io.fastschema.realtime.embedded.InProcessKafkaBroker;
import io.fastschema.realtime.embedded.SampleApp;
import io.fastschema.realtime.embedded.SeededIds;
import io.fastschema.realtime.embedded.TempDirectories;
import io.fastschema.realtime.fanout.FanoutConfig;
import io.fastschema.realtime.filter.SqlDialect;
import io.fastschema.realtime.ingest.IngestConfig;
import io.fastschema.realtime.ingest.IngestSettings;
import io.fastschema.realtime.lifecycle.FatalErrorWatch;
import io.fastschema.realtime.lifecycle.ReadinessProbe;
import io.fastschema.realtime.lifecycle.ShutdownDeadline;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar standalone.jar}: the whole pipeline in one JVM.
 *
 * <p>With no configuration it runs on embedded defaults: a real PostgreSQL (wal_level=logical), an
 * in-process Kafka broker and a sample FastSchema app with seeded rows, then prints the URL, a
 * token and a way to make a change. Given FastSchema's variables ({@code DB_*}, {@code APP_KEY},
 * {@code FASTSCHEMA_DIR}) it attaches to that database instead; {@code KAFKA_BOOTSTRAP_SERVERS}
 * replaces the in-process broker.
 */
public final class StandaloneMain implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StandaloneMain.class);

  /** What was started, closed in reverse order. */
  private final List<AutoCloseable> resources = new ArrayList<>();

  private Pipeline pipeline;

  /** More readiness: the process's {@link FatalErrorWatch} when run from {@link #main}. */
  private final ReadinessProbe alsoReady;

  private StandaloneMain(ReadinessProbe alsoReady) {
    this.alsoReady = alsoReady;
  }

  public static void main(String[] args) throws Exception {
    FatalErrorWatch fatal = FatalErrorWatch.install("standalone", System::exit);
    try {
      StandaloneMain running = launch(System.getenv(), System.out, fatal);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    ShutdownDeadline.arm(Duration.ofSeconds(30));
                    running.close();
                  },
                  "standalone-stop"));
    } catch (InvalidConfigurationException e) {
      System.err.println("standalone: " + e.getMessage());
      System.exit(2);
    } catch (Exception e) {
      if (!(rootCause(e) instanceof java.net.BindException bind)) {
        throw e;
      }
      // Lost a race for the port after PortAvailability's check: the same one-line answer.
      System.err.println(
          "standalone: the WebSocket port cannot be bound ("
              + bind.getMessage()
              + "); set REALTIME_PORT / REALTIME_MANAGEMENT_PORT to free ports, or 0 for any");
      System.exit(2);
    }
  }

  private static Throwable rootCause(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  /**
   * Starts on embedded defaults, or attached to FastSchema's database when any of {@code DB_HOST},
   * {@code DB_NAME}, {@code DB_DRIVER}, {@code FASTSCHEMA_DIR} is set; returns once ready, after
   * printing where to connect.
   *
   * @throws InvalidConfigurationException listing every configuration problem
   */
  public static StandaloneMain launch(Map<String, String> env, PrintStream out) throws Exception {
    return launch(env, out, () -> null);
  }

  /**
   * @param alsoReady more readiness for {@code /readyz}
   */
  public static StandaloneMain launch(
      Map<String, String> env, PrintStream out, ReadinessProbe alsoReady) throws Exception {
    ConfigReader reader = new ConfigReader(ConfigSource.withFastSchemaDotEnv(env));
    boolean attach =
        reader.isSet(CommonSettings.DB_HOST)
            || reader.isSet(CommonSettings.DB_NAME)
            || reader.isSet(CommonSettings.DB_DRIVER)
            || reader.isSet(CommonSettings.FASTSCHEMA_DIR);
    StandaloneMain running = new StandaloneMain(alsoReady);
    try {
      if (attach) {
        running.runAttached(reader, out);
      } else {
        running.runEmbedded(reader, out);
      }
      return running;
    } catch (Exception | Error e) {
      running.close();
      throw e;
    }
  }

  public Pipeline pipeline() {
    return pipeline;
  }

  private void runAttached(ConfigReader reader, PrintStream out) throws Exception {
    DatabaseConfig db = DatabaseConfig.read(reader);
    String kafka = reader.get(CommonSettings.KAFKA_BOOTSTRAP_SERVERS);
    IngestConfig ingest = IngestConfig.read(reader, db, kafka == null ? "pending" : kafka, null);
    FanoutConfig fanout = FanoutConfig.read(reader, kafka == null ? "pending" : kafka, null, null);
    warnUnknown(reader);
    reader.finish();
    PortAvailability.requireFree(fanout);
    if (kafka == null) {
      kafka = startBroker();
      ingest = ingest.withKafka(kafka);
      fanout = fanout.withKafka(kafka);
    }
    pipeline = Pipeline.start(ingest, fanout, Clock.systemUTC(), alsoReady);
    resources.add(pipeline);
    io.fastschema.realtime.fanout.JvmMeters.bindTo(pipeline.metrics());
    pipeline.awaitReady(Duration.ofMinutes(2));
    out.printf(
        "%nfastschema-realtime attached to %s, Kafka %s%n  WebSocket: "
            + "ws://localhost:%d/api/realtime/content?schema=<schema>%n  Use a FastSchema access "
            + "token (Authorization: Bearer, X-Auth-Token, cookie token, or subprotocol "
            + "'Authorization, <token>').%n%n",
        db, kafka, pipeline.port());
  }

  private void runEmbedded(ConfigReader reader, PrintStream out) throws Exception {
    String appKey = reader.get(CommonSettings.APP_KEY);
    String kafka = reader.get(CommonSettings.KAFKA_BOOTSTRAP_SERVERS);
    Path appDir = Files.createTempDirectory("fastschema-sample-app");
    // It holds the APP_KEY: removed on exit (closed last, after everything that reads it).
    resources.add(() -> TempDirectories.deleteRecursively(appDir));
    if (appKey == null) {
      appKey = randomKey();
    }
    IngestConfig ingest =
        IngestConfig.read(
            reader, new DatabaseConfig("pending", 1, "p", "p", "p"), "pending", appDir);
    FanoutConfig fanout = FanoutConfig.read(reader, "pending", appDir, appKey);
    boolean mariaDb = "mariadb".equals(reader.get(StandaloneSettings.EMBEDDED_DB));
    warnUnknown(reader);
    reader.finish();
    PortAvailability.requireFree(fanout);

    DatabaseCoordinates app = mariaDb ? startMariaDb() : startPostgres();
    SampleApp.writeAppDir(appDir, appKey);
    SampleApp.createTables(app);
    SeededIds seeded = SampleApp.seed(app);
    if (kafka == null) {
      kafka = startBroker();
    }
    DatabaseConfig db =
        new DatabaseConfig(
            app.host(),
            app.port(),
            app.database(),
            app.user(),
            app.password(),
            mariaDb ? DatabaseConfig.MYSQL : DatabaseConfig.PGX);
    ingest = ingest.withDatabase(db).withKafka(kafka);
    if (!mariaDb && !reader.isSet(IngestSettings.SET_REPLICA_IDENTITY_FULL)) {
      // The sample database is ours: give it full before-images, so deletes honour subscriptions.
      ingest = ingest.withSetReplicaIdentityFull(true);
    }
    fanout =
        fanout
            .withKafka(kafka)
            .withFilterDialect(mariaDb ? SqlDialect.MYSQL : SqlDialect.POSTGRESQL);
    pipeline = Pipeline.start(ingest, fanout, Clock.systemUTC(), alsoReady);
    resources.add(pipeline);
    io.fastschema.realtime.fanout.JvmMeters.bindTo(pipeline.metrics());
    pipeline.awaitReady(Duration.ofMinutes(2));
    String token =
        DemoToken.mint(
            appKey,
            seeded.adminUserId(),
            SampleApp.ADMIN_USERNAME,
            SampleApp.ADMIN_EMAIL,
            List.of(seeded.adminRoleId()),
            Duration.ofDays(7));
    Banner.print(out, pipeline.port(), token, app, seeded, appDir, fanout.console());
  }

  private DatabaseCoordinates startPostgres() {
    LOG.info("Starting embedded PostgreSQL");
    EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(false);
    resources.add(pg);
    return pg.createApplicationDatabase("fastschema", "fastschema", "fastschema");
  }

  /** MariaDB 11.4 with binlog settings ingest checks for; FastSchema's MySQL layout follows. */
  private DatabaseCoordinates startMariaDb() {
    LOG.info("Starting embedded MariaDB");
    EmbeddedMariaDbServer mariaDb = EmbeddedMariaDbServer.start();
    resources.add(mariaDb);
    return mariaDb.createApplicationDatabase("fastschema", "fastschema", "fastschema");
  }

  private String startBroker() {
    LOG.info("Starting in-process Kafka broker");
    InProcessKafkaBroker broker = InProcessKafkaBroker.start();
    broker.releaseShutdownHook(); // closed in order by close()
    resources.add(broker);
    return broker.bootstrapServers();
  }

  private static void warnUnknown(ConfigReader reader) {
    for (String name :
        reader.unknownVariables(
            ConfigurationReference.allSettings(), List.of("REALTIME_", "INGEST_"))) {
      LOG.warn(
          "Unknown variable {} is ignored (typo?). Known ones are listed in the README.", name);
    }
  }

  private static String randomKey() {
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    SecureRandom random = new SecureRandom();
    StringBuilder key = new StringBuilder(32);
    for (int i = 0; i < 32; i++) {
      key.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return key.toString();
  }

  /** Stops everything that was started, newest first. */
  @Override
  public synchronized void close() {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        LOG.warn("Error while stopping {}", resources.get(i), e);
      }
    }
    resources.clear();
  }
}
