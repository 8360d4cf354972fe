/**
 * A server with FastSchema's realtime strategy (re-query the database for every change and every
 * subscriber), for the load tool's comparison: {@code FastSchemaBaselineServer}, the WHERE clause
 * of a realtime {@code filter} ({@code FilterSql}) and the re-query itself.
 *
 * <p>May import: Jetty (server), the Kafka consumer that triggers it, shared-model (schemas,
 * events), fanout's {@code auth} package (the same token check). Nothing else of fanout.
 */
package io.fastschema.realtime.benchmarks.baseline;
