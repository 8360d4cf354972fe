/**
 * The WebSocket delivery ceiling: a bare Jetty WebSocket broadcast server (no Kafka, no matching)
 * sending one pre-serialized FastSchema-shaped frame to N clients held in another JVM, in three
 * flush policies. What fanout delivers is reported as a fraction of this. Entry point: {@link
 * io.fastschema.realtime.benchmarks.ceiling.WebSocketCeiling}.
 *
 * <p>May import: Jetty (server and client), {@code benchmarks.support} and the root package's
 * machine and process probes. No product class: it measures bare Jetty.
 */
package io.fastschema.realtime.benchmarks.ceiling;
