/**
 * The only code that uses Jetty. {@code JettyServer} is the node's server (connector, WebSocket
 * settings, mappings, pings; Jetty's core WebSocket API, not its endpoint API: see {@code
 * RealtimeEndpoint}); {@code HandshakeHandler} turns an upgrade request into a {@code
 * RealtimeEndpoint} (authenticate, authorize, resolve the subscription); the endpoint hands its
 * {@code JettyTransport} to a hub session and is counted in {@code OpenSessions}; {@code
 * OperationsHandler} answers {@code /healthz}, {@code /readyz} and {@code /metrics}.
 *
 * <p>May import: Jetty, {@code hub}, {@code stream} (positions for {@code since=now}), {@code
 * auth}, {@code access}, the root package's vocabulary, shared-model. Never Kafka.
 */
package io.fastschema.realtime.fanout.jetty;
