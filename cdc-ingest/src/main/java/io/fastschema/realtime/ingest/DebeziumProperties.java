package io.fastschema.realtime.ingest;

import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/** The Debezium engine configuration that ingest runs with, and why each setting is what it is. */
final class DebeziumProperties {

  private DebeziumProperties() {}

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
    // BEGIN/END records and per-event transaction blocks drive message grouping.
    p.setProperty("provide.transaction.metadata", "true");
    p.setProperty("tombstones.on.delete", "false");
    p.setProperty("binary.handling.mode", "base64");
    p.setProperty("decimal.handling.mode", "double");
    p.setProperty("poll.interval.ms", String.valueOf(c.pollIntervalMs()));
    p.setProperty("offset.flush.interval.ms", String.valueOf(c.offsetFlushIntervalMs()));
    p.setProperty("offset.storage", "org.apache.kafka.connect.storage.KafkaOffsetBackingStore");
    p.setProperty("offset.storage.topic", c.offsetsTopic());
    p.setProperty("offset.storage.partitions", "1");
    p.setProperty("offset.storage.replication.factor", String.valueOf(c.topicReplicationFactor()));
    p.setProperty("bootstrap.servers", c.kafkaBootstrapServers());
    // Keep the slot when ingest stops: a standby or a restart continues from it.
    p.setProperty("slot.drop.on.stop", "false");
    // After a take-over the dead leader's walsender may hold the slot a moment longer: keep asking
    // every second rather than failing (LeadershipLock decides who streams).
    p.setProperty("slot.max.retries", String.valueOf(Integer.MAX_VALUE));
    p.setProperty("slot.retry.delay.ms", "1000");
    return p;
  }
}
