/**
 * JUnit 5 support shared by every module's tests: one embedded PostgreSQL and one in-process Kafka
 * broker per test JVM with the sample FastSchema app provisioned on them
 * ({@link io.fastschema.realtime.testing.SharedServicesExtension}), FastSchema-compatible access
 * tokens ({@link io.fastschema.realtime.testing.TestTokens}) and a recording WebSocket client
 * ({@link io.fastschema.realtime.testing.WebSocketProbe}).
 */
package io.fastschema.realtime.testing;
