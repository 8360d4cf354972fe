package io.fastschema.realtime.ingest;

import io.fastschema.realtime.config.CommonSettings;
import io.fastschema.realtime.config.ConfigReader;
import io.fastschema.realtime.config.DatabaseConfig;
import io.fastschema.realtime.config.Setting;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything ingest needs, validated.
 *
 * @param appDir the FastSchema app directory whose data/schemas define what is captured
 * @param compressionType the Kafka codec of the events ingest publishes (topics keep it)
 */
public record IngestConfig(
    DatabaseConfig database,
    String kafkaBootstrapServers,
    String topicPrefix,
    Path appDir,
    String slotName,
    String publicationName,
    boolean setReplicaIdentityFull,
    int topicPartitions,
    short topicReplicationFactor,
    String offsetsTopic,
    String schemaHistoryTopic,
    int pollIntervalMs,
    int offsetFlushIntervalMs,
    boolean useSoftDeletes,
    int schemaRefreshMs,
    String compressionType) {

  /**
   * Reads every ingest setting; problems go to the reader. The database and Kafka may be given by
   * the caller (the standalone jar supplies embedded ones and the sample app directory), else they
   * are required settings.
   */
  public static IngestConfig read(
      ConfigReader r, DatabaseConfig database, String kafka, Path appDir) {
    DatabaseConfig db = database != null ? database : DatabaseConfig.read(r);
    String bootstrap =
        kafka != null
            ? kafka
            : r.required(CommonSettings.KAFKA_BOOTSTRAP_SERVERS, "to publish events");
    String dir =
        appDir != null
            ? appDir.toString()
            : r.required(CommonSettings.FASTSCHEMA_DIR, "to read the schemas to capture");
    String prefix = r.get(CommonSettings.REALTIME_TOPIC_PREFIX);
    for (Setting<String> own :
        List.of(IngestSettings.OFFSETS_TOPIC, IngestSettings.SCHEMA_HISTORY_TOPIC)) {
      checkOutsidePrefix(r, prefix, own);
    }
    return new IngestConfig(
        db,
        bootstrap,
        r.get(CommonSettings.REALTIME_TOPIC_PREFIX),
        dir == null ? null : Path.of(dir),
        r.get(IngestSettings.SLOT_NAME),
        r.get(IngestSettings.PUBLICATION_NAME),
        r.get(IngestSettings.SET_REPLICA_IDENTITY_FULL),
        r.get(IngestSettings.TOPIC_PARTITIONS),
        r.get(IngestSettings.TOPIC_REPLICATION_FACTOR).shortValue(),
        r.get(IngestSettings.OFFSETS_TOPIC),
        r.get(IngestSettings.SCHEMA_HISTORY_TOPIC),
        r.get(IngestSettings.POLL_INTERVAL_MS),
        r.get(IngestSettings.OFFSET_FLUSH_INTERVAL_MS),
        r.get(IngestSettings.USE_SOFT_DELETES),
        r.get(IngestSettings.SCHEMA_REFRESH_MS),
        r.get(IngestSettings.COMPRESSION_TYPE));
  }

  private static void checkOutsidePrefix(ConfigReader r, String prefix, Setting<String> setting) {
    String topic = r.get(setting);
    if (prefix != null && topic != null && topic.startsWith(prefix + ".")) {
      // Fanout reads every <prefix>.* topic as a schema's events.
      r.problem(
          setting.env()
              + ": '"
              + topic
              + "' is under the schema topics' prefix '"
              + prefix
              + ".' (REALTIME_TOPIC_PREFIX); fanout would read it as a schema; name it outside, "
              + "e.g. '"
              + prefix
              + "-realtime."
              + topic.substring(topic.lastIndexOf('.') + 1)
              + "'");
    }
  }

  public IngestConfig withDatabase(DatabaseConfig db) {
    return new IngestConfig(
        db,
        kafkaBootstrapServers,
        topicPrefix,
        appDir,
        slotName,
        publicationName,
        setReplicaIdentityFull,
        topicPartitions,
        topicReplicationFactor,
        offsetsTopic,
        schemaHistoryTopic,
        pollIntervalMs,
        offsetFlushIntervalMs,
        useSoftDeletes,
        schemaRefreshMs,
        compressionType);
  }

  public IngestConfig withKafka(String bootstrap) {
    return new IngestConfig(
        database,
        bootstrap,
        topicPrefix,
        appDir,
        slotName,
        publicationName,
        setReplicaIdentityFull,
        topicPartitions,
        topicReplicationFactor,
        offsetsTopic,
        schemaHistoryTopic,
        pollIntervalMs,
        offsetFlushIntervalMs,
        useSoftDeletes,
        schemaRefreshMs,
        compressionType);
  }

  public IngestConfig withSetReplicaIdentityFull(boolean set) {
    return new IngestConfig(
        database,
        kafkaBootstrapServers,
        topicPrefix,
        appDir,
        slotName,
        publicationName,
        set,
        topicPartitions,
        topicReplicationFactor,
        offsetsTopic,
        schemaHistoryTopic,
        pollIntervalMs,
        offsetFlushIntervalMs,
        useSoftDeletes,
        schemaRefreshMs,
        compressionType);
  }

  /** The topic of a schema's events. */
  public String topicOf(String schemaName) {
    return topicPrefix + "." + schemaName;
  }
}
