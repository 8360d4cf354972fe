/**
 * The access-control topic's contract: its name under the topic prefix and the records ingest
 * publishes there (roles, permissions, memberships) for fanout to read.
 *
 * <p>May import: Jackson. Never Kafka, Jetty or Debezium (checked by architecture-tests).
 */
package io.fastschema.realtime.security;
