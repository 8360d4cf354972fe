/**
 * The record-event contract between ingest and fanout: {@code RecordEvent} (one changed row, with
 * its {@code SourcePosition} and {@code TransactionPosition}), {@code Operation}, and {@code
 * RecordEventCodec}, the JSON form on Kafka.
 *
 * <p>May import: Jackson. Never Kafka, Jetty or Debezium (checked by architecture-tests).
 */
package io.fastschema.realtime.event;
