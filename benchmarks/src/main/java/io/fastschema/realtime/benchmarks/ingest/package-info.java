/**
 * Ingest throughput: commit → Kafka acknowledgement rate of cdc-ingest on embedded PostgreSQL and
 * the in-process Kafka broker, without fanout. Entry point:
 * {@link io.fastschema.realtime.benchmarks.ingest.IngestThroughput}.
 */
package io.fastschema.realtime.benchmarks.ingest;
