/**
 * The one-command stack: {@code StandaloneMain} starts embedded PostgreSQL and an in-process Kafka
 * when none is configured, then ingest and fanout in one JVM ({@code Pipeline}), and prints how to
 * connect ({@code Banner}, {@code DemoToken}); {@code ConfigurationReference} generates the
 * configuration table of the README.
 *
 * <p>May import: every product module (it sits above them all) and embedded-services. Nothing
 * imports it but tests and tools.
 */
package io.fastschema.realtime.standalone;
