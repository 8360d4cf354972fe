/**
 * Ingest throughput: commit → Kafka acknowledgement rate of cdc-ingest on embedded PostgreSQL and
 * the in-process Kafka broker, without fanout. Entry point: {@link
 * io.fastschema.realtime.benchmarks.ingest.IngestThroughput}.
 *
 * <p>May import: cdc-ingest's public face, embedded-services, {@code benchmarks.support} and the
 * root package's machine and process probes.
 */
package io.fastschema.realtime.benchmarks.ingest;
