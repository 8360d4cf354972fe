/**
 * Kill -9 and restart drills with real processes (PostgreSQL or MariaDB, a Kafka broker, two ingest
 * and two fanout nodes), counting the rows written, delivered, duplicated and lost; a fast variant
 * runs in {@code mvn verify}.
 *
 * <p>May import: embedded-services, test-support (shared services, tokens), shared-model, the Kafka
 * and WebSocket clients. Product modules only as the processes it starts, never their internals.
 */
package io.fastschema.realtime.faultdrill;
