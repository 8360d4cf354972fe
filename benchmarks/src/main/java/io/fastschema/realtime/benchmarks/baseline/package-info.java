/**
 * A server with FastSchema's realtime strategy (re-query the database for every change and every
 * subscriber), for the load tool's comparison: {@code FastSchemaBaselineServer} and the re-query,
 * whose WHERE clause comes from shared-model's test-side {@code FilterSql} (next to the translator
 * it was adapted from).
 *
 * <p>May import: Jetty (server), the Kafka consumer that triggers it, shared-model (schemas,
 * events) and its test jar ({@code FilterSql}), fanout's {@code auth} package (the same token
 * check). Nothing else of fanout.
 */
package io.fastschema.realtime.benchmarks.baseline;
