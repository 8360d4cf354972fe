package io.fastschema.realtime.fanout;

import io.fastschema.realtime.config.CommonSettings;
import io.fastschema.realtime.config.ConfigReader;
import io.fastschema.realtime.config.DatabaseConfig;
import io.fastschema.realtime.fanout.access.PermissionSettings;
import io.fastschema.realtime.filter.SqlDialect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything a fanout node needs, validated.
 *
 * @param appKey FastSchema's APP_KEY bytes (secret)
 * @param appDir the FastSchema app directory whose data/schemas define the schemas
 * @param guards what protects the node from hostile clients (issue 13)
 * @param writeThreads threads that start the live stream's writes (0: the consumer thread)
 * @param writeRestMax the longest a busy write thread rests between passes (zero: never)
 * @param filterDialect whose semantics filters take: the database FastSchema runs on, from its own
 *     {@code DB_DRIVER} (the variable FastSchema and ingest read, also from {@code data/.env})
 */
public record FanoutConfig(
    byte[] appKey,
    Path appDir,
    String kafkaBootstrapServers,
    String topicPrefix,
    String bindAddress,
    int port,
    int maxQueueMessages,
    int maxQueueBytes,
    int maxEchoBytes,
    long nodeMaxQueueBytes,
    int maxClientFrameBytes,
    Duration pingInterval,
    PermissionSettings permissionSettings,
    Duration topicRefresh,
    int maxConcurrentReplays,
    Duration replayStall,
    int resumeBufferEvents,
    boolean console,
    NodeGuards guards,
    long relationStateMaxBytes,
    Duration relationHistory,
    SqlDialect filterDialect,
    int serverThreads,
    int writeThreads,
    Duration writeRestMax) {

  /**
   * Reads every fanout setting. Kafka, the app directory and the key may be supplied by the caller
   * (the standalone jar's embedded defaults); null means read them.
   */
  public static FanoutConfig read(ConfigReader r, String kafka, Path appDir, String appKey) {
    String key =
        appKey != null ? appKey : r.required(CommonSettings.APP_KEY, "to verify access tokens");
    String dir =
        appDir != null
            ? appDir.toString()
            : r.required(CommonSettings.FASTSCHEMA_DIR, "to read the schemas");
    String bootstrap =
        kafka != null
            ? kafka
            : r.required(CommonSettings.KAFKA_BOOTSTRAP_SERVERS, "to read events");
    return new FanoutConfig(
        key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        dir == null ? null : Path.of(dir),
        bootstrap,
        r.get(CommonSettings.REALTIME_TOPIC_PREFIX),
        r.get(FanoutSettings.BIND_ADDRESS),
        r.get(FanoutSettings.PORT),
        r.get(FanoutSettings.MAX_QUEUE_MESSAGES),
        r.get(FanoutSettings.MAX_QUEUE_BYTES),
        r.get(FanoutSettings.MAX_ECHO_BYTES),
        nodeQueueBytesOf(r.get(FanoutSettings.NODE_MAX_QUEUE_MB)),
        r.get(FanoutSettings.MAX_CLIENT_FRAME_BYTES),
        Duration.ofMillis(r.get(FanoutSettings.PING_INTERVAL_MS)),
        permissionSettingsOf(r.get(FanoutSettings.ROLE_PERMISSION_SETTINGS)),
        Duration.ofMillis(r.get(FanoutSettings.TOPIC_REFRESH_MS)),
        r.get(FanoutSettings.MAX_CONCURRENT_REPLAYS),
        Duration.ofMillis(r.get(FanoutSettings.REPLAY_STALL_MS)),
        r.get(FanoutSettings.RESUME_BUFFER_EVENTS),
        r.get(FanoutSettings.CONSOLE),
        NodeGuards.read(r),
        nodeQueueBytesOf(r.get(FanoutSettings.RELATION_STATE_MAX_MB)),
        Duration.ofMillis(r.get(FanoutSettings.RELATION_HISTORY_MS)),
        // sqlite is refused by DB_DRIVER's own check; the dialect then does not matter.
        DatabaseConfig.MYSQL.equals(r.get(CommonSettings.DB_DRIVER))
            ? SqlDialect.MYSQL
            : SqlDialect.POSTGRESQL,
        r.get(FanoutSettings.SERVER_THREADS),
        writeThreadsOf(r.get(FanoutSettings.WRITE_THREADS)),
        Duration.ofMillis(r.get(FanoutSettings.WRITE_REST_MAX_MS)));
  }

  public FanoutConfig withKafka(String bootstrap) {
    return with(bootstrap, filterDialect);
  }

  /** The same configuration judging filters as {@code dialect}'s database does. */
  public FanoutConfig withFilterDialect(SqlDialect dialect) {
    return with(kafkaBootstrapServers, dialect);
  }

  private FanoutConfig with(String bootstrap, SqlDialect dialect) {
    return new FanoutConfig(
        appKey,
        appDir,
        bootstrap,
        topicPrefix,
        bindAddress,
        port,
        maxQueueMessages,
        maxQueueBytes,
        maxEchoBytes,
        nodeMaxQueueBytes,
        maxClientFrameBytes,
        pingInterval,
        permissionSettings,
        topicRefresh,
        maxConcurrentReplays,
        replayStall,
        resumeBufferEvents,
        console,
        guards,
        relationStateMaxBytes,
        relationHistory,
        dialect,
        serverThreads,
        writeThreads,
        writeRestMax);
  }

  /** -1: one per available processor. */
  private static int writeThreadsOf(int threads) {
    return threads < 0 ? Runtime.getRuntime().availableProcessors() : threads;
  }

  /** MiB; 0 means a quarter of the heap the JVM may grow to. */
  private static long nodeQueueBytesOf(Integer mib) {
    return mib == null || mib == 0 ? Runtime.getRuntime().maxMemory() / 4 : (long) mib << 20;
  }

  private static PermissionSettings permissionSettingsOf(String json) {
    try {
      return PermissionSettings.parse(json);
    } catch (IllegalArgumentException e) {
      return PermissionSettings.NONE; // already reported as a configuration problem
    }
  }

  @Override
  public String toString() {
    return "FanoutConfig[kafka="
        + kafkaBootstrapServers
        + ", topics="
        + topicPrefix
        + ".*, listen="
        + bindAddress
        + ":"
        + port
        + ", nodeQueueBound="
        + (nodeMaxQueueBytes >> 20)
        + " MiB, appDir="
        + appDir
        + ", filters="
        + filterDialect
        + ", appKey=****]";
  }
}
