package io.fastschema.realtime.ingest;

import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/** The Debezium engine configuration that ingest runs with, and why each setting is what it is. */
final class DebeziumProperties {

  private DebeziumProperties() {}

  /**
   * @param snapshotTables tables whose existing rows Debezium reads once, before streaming, when no
   *     offsets are stored yet: the relation state topics' initial content (never content events)
   */
  static Properties of(
      IngestConfig c, Set<String> tables, Set<String> snapshotTables, BinlogServer binlog) {
    Properties p = binlog == null ? of(c, tables) : ofBinlog(c, tables, binlog);
    if (!snapshotTables.isEmpty()) {
      String qualifier =
          binlog == null ? "public\\." : c.database().database().replace(".", "\\.") + "\\.";
      p.setProperty("snapshot.mode", "initial");
      p.setProperty(
          "snapshot.include.collection.list",
          snapshotTables.stream()
              .map(t -> qualifier + t.replace(".", "\\."))
              .collect(Collectors.joining(",")));
    }
    return p;
  }

  static Properties of(IngestConfig c, Set<String> tables) {
    Properties p = new Properties();
    p.setProperty("name", "fastschema-realtime-ingest");
    p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
    p.setProperty("topic.prefix", "fastschema-realtime");
    p.setProperty("database.hostname", c.database().host());
    p.setProperty("database.port", String.valueOf(c.database().port()));
    p.setProperty("database.user", c.database().user());
    p.setProperty("database.password", c.database().password());
    p.setProperty("database.dbname", c.database().database());
    // pgoutput is built into PostgreSQL; the default decoderbufs needs a server plugin.
    p.setProperty("plugin.name", "pgoutput");
    p.setProperty("slot.name", c.slotName());
    p.setProperty("publication.name", c.publicationName());
    // "filtered" publishes only the captured tables, which the table owner may do; the default
    // FOR ALL TABLES needs a superuser.
    p.setProperty("publication.autocreate.mode", "filtered");
    p.setProperty(
        "table.include.list",
        tables.stream()
            .map(t -> "public\\." + t.replace(".", "\\."))
            .collect(Collectors.joining(",")));
    // Existing rows are not events: stream from the slot's position only.
    p.setProperty("snapshot.mode", "no_data");
    streamingAndOffsets(p, c);
    // Keep the slot when ingest stops: a standby or a restart continues from it.
    p.setProperty("slot.drop.on.stop", "false");
    // After a take-over the dead leader's walsender may hold the slot a moment longer: keep asking
    // every second rather than failing (LeadershipLock decides who streams).
    p.setProperty("slot.max.retries", String.valueOf(Integer.MAX_VALUE));
    p.setProperty("slot.retry.delay.ms", "1000");
    return p;
  }

  /** MySQL and MariaDB: the binlog connector of the detected flavour. */
  static Properties ofBinlog(IngestConfig c, Set<String> tables, BinlogServer binlog) {
    Properties p = new Properties();
    p.setProperty("name", "fastschema-realtime-ingest");
    p.setProperty("connector.class", binlog.connectorClass());
    p.setProperty("topic.prefix", "fastschema-realtime");
    p.setProperty("database.hostname", c.database().host());
    p.setProperty("database.port", String.valueOf(c.database().port()));
    p.setProperty("database.user", c.database().user());
    p.setProperty("database.password", c.database().password());
    // A replica id of its own, the same for every instance of a deployment: a new leader's
    // connection then replaces a dead leader's lingering one instead of running beside it.
    p.setProperty("database.server.id", String.valueOf(serverIdOf(c.slotName())));
    p.setProperty("database.include.list", c.database().database());
    String db = c.database().database().replace(".", "\\.");
    p.setProperty(
        "table.include.list",
        tables.stream().map(t -> db + "\\." + t).collect(Collectors.joining(",")));
    // Existing rows are not events; the table structures are still read once (into the history).
    p.setProperty("snapshot.mode", "no_data");
    p.setProperty("snapshot.locking.mode", "none");
    p.setProperty("include.schema.changes", "false");
    // The binlog carries rows, not their types: the schema history, kept in Kafka (never on local
    // disk, which a stand-by on another machine could not read).
    p.setProperty(
        "schema.history.internal", "io.debezium.storage.kafka.history.KafkaSchemaHistory");
    p.setProperty("schema.history.internal.kafka.topic", c.schemaHistoryTopic());
    p.setProperty("schema.history.internal.kafka.bootstrap.servers", c.kafkaBootstrapServers());
    p.setProperty(
        "schema.history.internal.kafka.topic.replication.factor",
        String.valueOf(c.topicReplicationFactor()));
    p.setProperty("schema.history.internal.store.only.captured.tables.ddl", "true");
    p.setProperty("schema.history.internal.store.only.captured.databases.ddl", "true");
    streamingAndOffsets(p, c);
    // FastSchema reads uint64 through int64 (spec errata 1.11): larger values never encode there.
    p.setProperty("bigint.unsigned.handling.mode", "long");
    p.setProperty("connect.keep.alive", "true");
    if (binlog.mariaDb()) {
      // Debezium loses the trailing zero bytes of MariaDB uuids (see MariaDbUuidConverter).
      p.setProperty("converters", MariaDbUuidConverter.NAME);
      p.setProperty(MariaDbUuidConverter.NAME + ".type", MariaDbUuidConverter.class.getName());
    }
    return p;
  }

  /** What both connectors share: grouping, encodings, batching and offsets stored in Kafka. */
  private static void streamingAndOffsets(Properties p, IngestConfig c) {
    // BEGIN/END records and per-event transaction blocks drive message grouping.
    p.setProperty("provide.transaction.metadata", "true");
    p.setProperty("tombstones.on.delete", "false");
    // Debezium skips truncates by default ("t"); ingest needs them: it deletes the truncated rows
    // from the security and relation state topics (TruncatedRows), and logs and counts them.
    p.setProperty("skipped.operations", "none");
    p.setProperty("binary.handling.mode", "base64");
    p.setProperty("decimal.handling.mode", "double");
    // Both of Debezium's waits use it, the replication loop's pause after five empty reads and the
    // queue's wait for a full batch; neither wakes on data (BENCHMARKS.md, issue 14 item 3).
    p.setProperty("poll.interval.ms", String.valueOf(c.pollIntervalMs()));
    p.setProperty("offset.flush.interval.ms", String.valueOf(c.offsetFlushIntervalMs()));
    // Kafka Connect's KafkaOffsetBackingStore, closing its admin client when stopped (see there).
    p.setProperty("offset.storage", KafkaOffsetStore.class.getName());
    p.setProperty("offset.storage.topic", c.offsetsTopic());
    p.setProperty("offset.storage.partitions", "1");
    p.setProperty("offset.storage.replication.factor", String.valueOf(c.topicReplicationFactor()));
    p.setProperty("bootstrap.servers", c.kafkaBootstrapServers());
  }

  /** A server id in 5400–1048975, stable per slot name (deployment). */
  static long serverIdOf(String slotName) {
    return 5400 + Math.floorMod(("fastschema-realtime/" + slotName).hashCode(), 1 << 20);
  }
}
