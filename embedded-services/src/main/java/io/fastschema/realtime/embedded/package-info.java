/**
 * Real infrastructure in one JVM, for the one-command run and for the test suites: an embedded
 * PostgreSQL server with logical decoding on ({@link
 * io.fastschema.realtime.embedded.EmbeddedPostgresServer}), an in-process single-node KRaft Kafka
 * broker ({@link io.fastschema.realtime.embedded.InProcessKafkaBroker}) and the sample FastSchema
 * application that both use ({@link io.fastschema.realtime.embedded.SampleApp}).
 *
 * <p>Nothing here is meant for production traffic: PostgreSQL runs with {@code fsync=off} and trust
 * authentication, Kafka with replication factor 1.
 *
 * <p>May import: shared-model, the embedded PostgreSQL and Kafka broker libraries. Never ingest or
 * fanout: it is the ground they stand on in tests and in the standalone jar.
 */
package io.fastschema.realtime.embedded;
