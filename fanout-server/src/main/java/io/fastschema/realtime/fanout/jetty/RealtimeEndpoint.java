package io.fastschema.realtime.fanout.jetty;

import io.fastschema.realtime.fanout.CloseReason;
import io.fastschema.realtime.fanout.FanoutMetrics;
import io.fastschema.realtime.fanout.hub.ClientSession;
import io.fastschema.realtime.fanout.hub.HandshakeRejection;
import io.fastschema.realtime.fanout.hub.QueueBounds;
import io.fastschema.realtime.fanout.hub.SessionStarter;
import io.fastschema.realtime.fanout.hub.Subscription;
import io.fastschema.realtime.fanout.hub.SubscriptionRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jetty listener of one realtime connection. An accepted subscription registers its {@link
 * ClientSession} on open; a rejected handshake closes at once with its code and reason. Client data
 * frames are echoed back as text, as FastSchema does. Public because Jetty invokes listeners
 * through method handles.
 */
public final class RealtimeEndpoint implements Session.Listener.AutoDemanding {

  private static final Logger LOG = LoggerFactory.getLogger(RealtimeEndpoint.class);

  private final Subscription subscription;
  private final HandshakeRejection rejection;
  private final SubscriptionRegistry registry;
  private final SessionStarter starter;
  private final QueueBounds bounds;
  private final FanoutMetrics metrics;
  private ClientSession client;

  private RealtimeEndpoint(
      Subscription subscription,
      HandshakeRejection rejection,
      SubscriptionRegistry registry,
      SessionStarter starter,
      QueueBounds bounds,
      FanoutMetrics metrics) {
    this.metrics = metrics;
    this.starter = starter;
    this.subscription = subscription;
    this.rejection = rejection;
    this.registry = registry;
    this.bounds = bounds;
  }

  static RealtimeEndpoint accepted(
      Subscription s,
      SubscriptionRegistry registry,
      SessionStarter starter,
      QueueBounds bounds,
      FanoutMetrics metrics) {
    return new RealtimeEndpoint(s, null, registry, starter, bounds, metrics);
  }

  static RealtimeEndpoint rejected(HandshakeRejection r, FanoutMetrics metrics) {
    return new RealtimeEndpoint(null, r, null, null, null, metrics);
  }

  @Override
  public void onWebSocketOpen(Session session) {
    HandshakeRemnants.release(session); // everything needed from the handshake is in this object
    if (rejection != null) {
      LOG.debug(
          "Rejecting {}: {} {}",
          session.getRemoteSocketAddress(),
          rejection.reason().code(),
          rejection.getMessage());
      session.close(
          rejection.reason().code(), CloseReason.fit(rejection.getMessage()), Callback.NOOP);
      return;
    }
    client = new ClientSession(subscription, new JettyTransport(session), bounds, registry);
    starter.start(client);
    LOG.debug(
        "Subscribed {} user {} to {} event {} id {}",
        session.getRemoteSocketAddress(),
        subscription.userId(),
        subscription.schema().name(),
        subscription.operation() == null ? "*" : subscription.operation().wireName(),
        subscription.recordKey());
  }

  @Override
  public void onWebSocketText(String message) {
    if (client != null) {
      client.enqueue(message);
    }
  }

  @Override
  public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
    // FastSchema echoes binary input as a text frame.
    if (client != null) {
      client.enqueue(StandardCharsets.UTF_8.decode(payload).toString());
    }
    callback.succeed();
  }

  @Override
  public void onWebSocketClose(int statusCode, String reason) {
    metrics.closed(statusCode);
    if (client != null) {
      client.ended();
    }
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    LOG.debug("WebSocket error on {}: {}", client, cause.toString());
    if (client != null) {
      client.ended();
    }
  }
}
