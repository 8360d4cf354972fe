/**
 * JUnit 5 support shared by every module's tests: one embedded PostgreSQL and one in-process Kafka
 * broker per test JVM with the sample FastSchema app provisioned on them ({@link
 * io.fastschema.realtime.testing.SharedServicesExtension}), FastSchema-compatible access tokens
 * ({@link io.fastschema.realtime.testing.TestTokens}) and a recording WebSocket client ({@link
 * io.fastschema.realtime.testing.WebSocketProbe}).
 *
 * <p>May import: embedded-services, shared-model, JUnit, the Jetty WebSocket client. No product
 * internals: tests drive the product through its public faces.
 */
package io.fastschema.realtime.testing;
