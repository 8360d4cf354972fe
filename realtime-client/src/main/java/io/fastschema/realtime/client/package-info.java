/**
 * A client of FastSchema's Realtime protocol for the compatibility suite and the tests: a started
 * Jetty WebSocket client ({@link io.fastschema.realtime.client.WebSocketClients}), handshakes sent
 * as a browser sends them ({@link io.fastschema.realtime.client.Handshake}), what the server did
 * ({@link io.fastschema.realtime.client.MessageRecorder}), and tokens signed byte for byte as
 * FastSchema signs them, or as a server must refuse them ({@link
 * io.fastschema.realtime.client.TokenSigner}).
 *
 * <p>May import: the Jetty WebSocket client and the JDK. No product class, so that the suite built
 * on it runs against FastSchema itself as well.
 */
package io.fastschema.realtime.client;
