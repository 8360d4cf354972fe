package io.fastschema.realtime.benchmarks;

import io.fastschema.realtime.benchmarks.support.EmbeddedAppDatabase;
import io.fastschema.realtime.benchmarks.support.StartedResources;
import io.fastschema.realtime.config.CommonSettings;
import io.fastschema.realtime.config.ConfigReader;
import io.fastschema.realtime.config.ConfigSource;
import io.fastschema.realtime.config.DatabaseConfig;
import io.fastschema.realtime.embedded.DatabaseCoordinates;
import io.fastschema.realtime.embedded.DatabaseKind;
import io.fastschema.realtime.embedded.InProcessKafkaBroker;
import io.fastschema.realtime.embedded.SampleApp;
import io.fastschema.realtime.embedded.SeededIds;
import io.fastschema.realtime.fanout.FanoutConfig;
import io.fastschema.realtime.filter.SqlDialect;
import io.fastschema.realtime.ingest.IngestConfig;
import io.fastschema.realtime.ingest.IngestSettings;
import io.fastschema.realtime.standalone.ConfigurationReference;
import io.fastschema.realtime.standalone.Pipeline;
import io.fastschema.realtime.testing.TestTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone jar's embedded mode, started step by step as {@code StandaloneMain.runEmbedded}
 * does it (which is private): embedded PostgreSQL, the sample app with its seeded rows, the
 * in-process Kafka broker unless {@code KAFKA_BOOTSTRAP_SERVERS} is set, and {@link Pipeline} with
 * full replica identity unless configured otherwise. The one deliberate difference: the fanout port
 * is always 0 (a free port). Pipeline settings come from the environment as in the standalone jar,
 * so {@code INGEST_POLL_INTERVAL_MS=1 java ...} measures another configuration.
 *
 * <p>Lifecycle: {@link #start} blocks until the pipeline is ready; {@link #close} stops everything
 * in reverse order. Not thread-safe.
 */
final class EmbeddedStack implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStack.class);
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

  /** Everything started, in start order; closed in reverse. */
  private final List<AutoCloseable> resources;

  private final DatabaseCoordinates appDb;
  private final SeededIds seeded;
  private final String appKey;
  private final IngestConfig ingest;
  private final Pipeline pipeline;
  private final boolean inProcessKafka;
  private final Path appDir;

  private EmbeddedStack(
      List<AutoCloseable> resources,
      DatabaseCoordinates appDb,
      SeededIds seeded,
      String appKey,
      IngestConfig ingest,
      Pipeline pipeline,
      boolean inProcessKafka,
      Path appDir) {
    this.appDir = appDir;
    this.resources = resources;
    this.appDb = appDb;
    this.seeded = seeded;
    this.appKey = appKey;
    this.ingest = ingest;
    this.pipeline = pipeline;
    this.inProcessKafka = inProcessKafka;
  }

  static EmbeddedStack start(Map<String, String> environment) throws Exception {
    return start(environment, DatabaseKind.POSTGRESQL);
  }

  /**
   * The stack on an embedded PostgreSQL 17 or MariaDB 11.4 ({@code DB_DRIVER=mysql}: ingest reads
   * the binlog, fanout filters in the MySQL dialect).
   */
  static EmbeddedStack start(Map<String, String> environment, DatabaseKind kind) throws Exception {
    Map<String, String> env = new HashMap<>(environment);
    env.put("REALTIME_PORT", "0");
    env.put("REALTIME_MANAGEMENT_PORT", "0");
    ConfigReader reader = new ConfigReader(ConfigSource.of(env));
    String appKey = reader.get(CommonSettings.APP_KEY);
    String kafka = reader.get(CommonSettings.KAFKA_BOOTSTRAP_SERVERS);
    Path appDir = Files.createTempDirectory("fastschema-sample-app");
    if (appKey == null) {
      appKey = randomKey();
    }
    IngestConfig ingest =
        IngestConfig.read(
            reader, new DatabaseConfig("pending", 1, "p", "p", "p"), "pending", appDir);
    FanoutConfig fanout = FanoutConfig.read(reader, "pending", appDir, appKey);
    warnUnknown(reader);
    reader.finish();

    List<AutoCloseable> resources = new ArrayList<>();
    try {
      DatabaseCoordinates app = EmbeddedAppDatabase.start(kind, resources);
      SampleApp.writeAppDir(appDir, appKey);
      SampleApp.createTables(app);
      SeededIds seeded = SampleApp.seed(app);
      boolean inProcess = kafka == null;
      if (inProcess) {
        LOG.info("Starting in-process Kafka broker");
        InProcessKafkaBroker broker = InProcessKafkaBroker.start();
        resources.add(broker);
        kafka = broker.bootstrapServers();
      }
      ingest = ingest.withDatabase(EmbeddedAppDatabase.configOf(app)).withKafka(kafka);
      if (kind == DatabaseKind.MARIADB) {
        fanout = fanout.withFilterDialect(SqlDialect.MYSQL);
      }
      if (!reader.isSet(IngestSettings.SET_REPLICA_IDENTITY_FULL)) {
        ingest = ingest.withSetReplicaIdentityFull(true); // as runEmbedded: our own database
      }
      Pipeline pipeline = Pipeline.start(ingest, fanout.withKafka(kafka), Clock.systemUTC());
      resources.add(pipeline);
      LOG.info("Waiting for the pipeline to stream");
      pipeline.awaitReady(READY_TIMEOUT);
      return new EmbeddedStack(resources, app, seeded, appKey, ingest, pipeline, inProcess, appDir);
    } catch (Exception | Error e) {
      StartedResources.closeAll(resources);
      throw e;
    }
  }

  DatabaseCoordinates appDb() {
    return appDb;
  }

  /** The blog row the benchmark updates: the first seeded one. */
  long blogId() {
    return seeded.blogIds().get(0);
  }

  int port() {
    return pipeline.port();
  }

  String kafkaBootstrapServers() {
    return ingest.kafkaBootstrapServers();
  }

  /**
   * The sample app's directory (schemas, {@code data/.env}): {@code FASTSCHEMA_DIR} of other
   * processes.
   */
  Path appDir() {
    return appDir;
  }

  String appKey() {
    return appKey;
  }

  String topicPrefix() {
    return blogTopic().substring(0, blogTopic().length() - ".blog".length());
  }

  String blogTopic() {
    return ingest.topicOf("blog");
  }

  /** A FastSchema access token of the seeded root user {@code admin}. */
  String rootUserToken(Duration lifetime) {
    return TestTokens.builder()
        .user(seeded.adminUserId())
        .username(SampleApp.ADMIN_USERNAME)
        .email(SampleApp.ADMIN_EMAIL)
        .provider("local")
        .active(true)
        .roleIds(seeded.adminRoleId())
        .expiresIn(lifetime)
        .signHs256(appKey);
  }

  /** The settings that shape latency, for the result file. */
  Map<String, Object> describe() {
    return StartedResources.describe(
        ingest, inProcessKafka ? "in-process" : ingest.kafkaBootstrapServers());
  }

  @Override
  public void close() {
    StartedResources.closeAll(resources);
  }

  private static void warnUnknown(ConfigReader reader) {
    for (String name :
        reader.unknownVariables(
            ConfigurationReference.allSettings(), List.of("REALTIME_", "INGEST_"))) {
      LOG.warn("Unknown variable {} is ignored (typo?)", name);
    }
  }

  /** Same alphabet and length as FastSchema's generated keys. */
  private static String randomKey() {
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    SecureRandom random = new SecureRandom();
    StringBuilder key = new StringBuilder(32);
    for (int i = 0; i < 32; i++) {
      key.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return key.toString();
  }
}
