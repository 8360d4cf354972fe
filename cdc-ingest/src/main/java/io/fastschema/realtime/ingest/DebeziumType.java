package io.fastschema.realtime.ingest;

import org.apache.kafka.connect.data.Schema;

/**
 * The Debezium semantic types (a Connect schema's name) whose values {@link RowEncoder} converts;
 * every other column is encoded by its Java value. Resolved once per column of a row layout, not by
 * name per value.
 */
enum DebeziumType {
  ZONED_TIMESTAMP,
  MICRO_TIMESTAMP,
  TIMESTAMP,
  NANO_TIMESTAMP,
  DATE,
  JSON,
  OTHER;

  static DebeziumType of(Schema schema) {
    String name = schema.name();
    if (name == null) {
      return OTHER;
    }
    return switch (name) {
      case "io.debezium.time.ZonedTimestamp" -> ZONED_TIMESTAMP;
      case "io.debezium.time.MicroTimestamp" -> MICRO_TIMESTAMP;
      case "io.debezium.time.Timestamp" -> TIMESTAMP;
      case "io.debezium.time.NanoTimestamp" -> NANO_TIMESTAMP;
      case "io.debezium.time.Date" -> DATE;
      case "io.debezium.data.Json" -> JSON;
      default -> OTHER;
    };
  }
}
