package io.fastschema.realtime.ingest;

import io.fastschema.realtime.config.Setting;
import io.fastschema.realtime.config.Setting.Tier;
import java.util.List;

/**
 * Settings of the ingest process (besides {@link io.fastschema.realtime.config.CommonSettings}).
 */
public final class IngestSettings {

  private IngestSettings() {}

  public static final Setting<String> SLOT_NAME =
      Setting.string("INGEST_SLOT_NAME")
          .doc(
              "Logical replication slot that ingest reads (created when missing). One per deployment: "
                  + "standbys share it.")
          .defaultValue("fastschema_realtime")
          .check(
              v ->
                  v.matches("[a-z0-9_]{1,63}")
                      ? null
                      : "must be 1-63 characters of a-z, 0-9 and _ (PostgreSQL slot names)")
          .build();

  public static final Setting<String> PUBLICATION_NAME =
      Setting.string("INGEST_PUBLICATION_NAME")
          .doc(
              "Publication listing exactly the captured tables (created or updated at start; never "
                  + "FOR ALL TABLES, which needs a superuser).")
          .defaultValue("fastschema_realtime")
          .check(
              v ->
                  v.matches("[a-z0-9_]{1,63}") ? null : "must be 1-63 characters of a-z, 0-9 and _")
          .build();

  public static final Setting<Boolean> SET_REPLICA_IDENTITY_FULL =
      Setting.bool("INGEST_SET_REPLICA_IDENTITY_FULL")
          .doc(
              "Run ALTER TABLE ... REPLICA IDENTITY FULL on captured tables that lack it. When "
                  + "false, ingest only logs the statements: updates then carry no before-image and "
                  + "deletes only the primary key.")
          .defaultValue(false)
          .build();

  public static final Setting<Integer> TOPIC_PARTITIONS =
      Setting.integer("INGEST_TOPIC_PARTITIONS", 1, 1000)
          .doc(
              "Partitions of each schema topic created by ingest (existing topics are left alone). "
                  + "Records are keyed by primary key, so per-record order holds for any count.")
          .defaultValue(1)
          .build();

  public static final Setting<Integer> TOPIC_REPLICATION_FACTOR =
      Setting.integer("INGEST_TOPIC_REPLICATION_FACTOR", 1, 10)
          .doc(
              "Replication factor of the topics ingest creates (schema topics and the offsets "
                  + "topic). Use 3 on a production cluster.")
          .defaultValue(1)
          .build();

  public static final Setting<String> OFFSETS_TOPIC =
      Setting.string("INGEST_OFFSETS_TOPIC")
          .doc(
              "Kafka topic holding Debezium's source offsets (committed only after Kafka "
                  + "acknowledged the events they cover).")
          .defaultValue("fastschema-realtime.offsets")
          .tier(Tier.RARE)
          .build();

  public static final Setting<String> SCHEMA_HISTORY_TOPIC =
      Setting.string("INGEST_SCHEMA_HISTORY_TOPIC")
          .doc(
              "MySQL/MariaDB only: Kafka topic holding Debezium's schema history (the table "
                  + "structures the binlog rows are read with). One partition, never compacted "
                  + "away; kept in Kafka so that a stand-by on another machine can continue.")
          .defaultValue("fastschema-realtime.schema-history")
          .tier(Tier.RARE)
          .build();

  public static final Setting<Integer> POLL_INTERVAL_MS =
      Setting.integer("INGEST_POLL_INTERVAL_MS", 1, 5000)
          .doc(
              "Debezium's poll.interval.ms: how long its replication loop sleeps after five empty "
                  + "reads and how long its queue waits for a full batch before handing over what it "
                  + "has: a lone change waits out part of both (at 10 ms about 8 ms on average). "
                  + "Lower costs idle CPU: Debezium 3.5's queue spins through the last millisecond of "
                  + "every wait (measured idle ingest CPU: 10 ms 7-9 % of a core, 5 ms 12-17 %, 3 ms "
                  + "19-23 %, 1 ms 27-45 %, 50 ms 2.4-2.6 %; BENCHMARKS.md, issue 14 item 3).")
          .defaultValue(10)
          .tier(Tier.RARE)
          .build();

  public static final Setting<Integer> OFFSET_FLUSH_INTERVAL_MS =
      Setting.integer("INGEST_OFFSET_FLUSH_INTERVAL_MS", 100, 600_000)
          .doc(
              "How often acknowledged offsets are written to Kafka: the most that is replayed "
                  + "(with the same event ids) after a crash.")
          .defaultValue(1000)
          .tier(Tier.RARE)
          .build();

  public static final Setting<Boolean> USE_SOFT_DELETES =
      Setting.bool("DB_USE_SOFT_DELETES")
          .doc(
              "FastSchema's soft-delete mode: deleted_at going from NULL to a time is published as a "
                  + "delete (with the row before it), back to NULL as a create; other updates of "
                  + "soft-deleted rows are not published, as in FastSchema.")
          .defaultValue(false)
          .build();

  public static final Setting<Integer> HEALTH_PORT =
      Setting.port("INGEST_HEALTH_PORT")
          .doc(
              "HTTP port of the ingest process's /healthz and /readyz (cdc-ingest.jar only; the "
                  + "standalone jar serves them on REALTIME_PORT).")
          .defaultValue(8081)
          .build();

  public static final Setting<Integer> SCHEMA_REFRESH_MS =
      Setting.integer("INGEST_SCHEMA_REFRESH_MS", 0, 3_600_000)
          .doc(
              "How often ingest re-reads FastSchema's schemas ($FASTSCHEMA_DIR/data/schemas) and "
                  + "the database's tables; a new or dropped schema table restarts capture with "
                  + "the new table list (from the committed offsets, nothing lost). 0 turns it off.")
          .defaultValue(2000)
          .build();

  public static final Setting<String> COMPRESSION_TYPE =
      Setting.oneOf("INGEST_COMPRESSION_TYPE", "none", "gzip", "snappy", "lz4", "zstd")
          .doc(
              "Kafka compression codec of the events ingest publishes; topics created by ingest "
                  + "keep the producer's codec, so consumers must read it (kafkajs reads only "
                  + "none and gzip without an extra package). Costs and sizes: BENCHMARKS.md "
                  + "'Compression'.")
          .defaultValue("lz4")
          .build();

  public static List<Setting<?>> all() {
    return List.of(
        SLOT_NAME,
        PUBLICATION_NAME,
        SET_REPLICA_IDENTITY_FULL,
        TOPIC_PARTITIONS,
        TOPIC_REPLICATION_FACTOR,
        OFFSETS_TOPIC,
        SCHEMA_HISTORY_TOPIC,
        SCHEMA_REFRESH_MS,
        POLL_INTERVAL_MS,
        OFFSET_FLUSH_INTERVAL_MS,
        USE_SOFT_DELETES,
        HEALTH_PORT,
        COMPRESSION_TYPE);
  }
}
