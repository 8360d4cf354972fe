/**
 * FastSchema's schema model: reads {@code data/schemas/*.json} into a {@code SchemaCatalog}, adds
 * the system schemas, links relations and junction tables, and applies FastSchema's naming rules
 * for tables, foreign-key columns and junction tables.
 *
 * <p>May import: Jackson, SLF4J. Never Kafka, Jetty or Debezium (checked by architecture-tests).
 */
package io.fastschema.realtime.model;
