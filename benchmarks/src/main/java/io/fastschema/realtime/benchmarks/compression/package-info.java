/**
 * What each Kafka compression codec costs ingest's producer and a Java consumer, and saves on the
 * broker's disk, on events shaped like the ones ingest publishes. Entry point: {@link
 * io.fastschema.realtime.benchmarks.compression.CompressionCost}.
 *
 * <p>May import: cdc-ingest's public face (its producer settings), shared-model's event codec,
 * embedded-services (the in-process broker), Kafka clients and {@code benchmarks.support}.
 */
package io.fastschema.realtime.benchmarks.compression;
