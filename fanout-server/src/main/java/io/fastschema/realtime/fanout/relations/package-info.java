/**
 * Relation state held in the node (RELATIONS.md): rows of the tables that open subscriptions'
 * relation filters and selects reach, kept from the state topics with a short history, and read as
 * {@link io.fastschema.realtime.filter.RelatedRows} when a delivery is judged and projected.
 *
 * <p>May import: shared-model. Never Kafka or Jetty: {@code fanout.stream} feeds the store, {@code
 * fanout.hub} reads it.
 */
package io.fastschema.realtime.fanout.relations;
