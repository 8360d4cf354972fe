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
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.messages.ByteBufferMessageSink;
import org.eclipse.jetty.websocket.core.messages.MessageSink;
import org.eclipse.jetty.websocket.core.messages.StringMessageSink;
import org.eclipse.jetty.websocket.core.util.MethodHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jetty frame handler of one realtime connection. An accepted subscription registers its {@link
 * ClientSession} on open; a rejected handshake closes at once with its code and reason. Client data
 * messages are echoed back as text, as FastSchema does; pings are answered with pongs.
 *
 * <p>Written against Jetty's core WebSocket API rather than its endpoint API: the endpoint API
 * wraps every connection in a frame handler of its own, an API session, two message sinks and a
 * method handle bound to the endpoint for each listener method, about 600 bytes of every idle
 * connection's heap (issue 14 item 4). Messages are still assembled by Jetty's own sinks, so size
 * limits (1009) and UTF-8 checks (1007) are Jetty's; the sinks are made by a connection's first
 * message, which most connections never send.
 *
 * <p>Thread-safety: Jetty calls one connection's handler one event at a time (frames are demanded
 * one after another).
 */
public final class RealtimeEndpoint implements FrameHandler {

  private static final Logger LOG = LoggerFactory.getLogger(RealtimeEndpoint.class);

  /** What every endpoint of the node uses. */
  record Node(
      SubscriptionRegistry registry,
      SessionStarter starter,
      QueueBounds bounds,
      FanoutMetrics metrics,
      OpenSessions sessions) {}

  private final Node node;
  private final Subscription subscription;
  private final HandshakeRejection rejection;

  private CoreSession session;
  private ClientSession client;

  /** Made by the first frame of their type; null until then. */
  private MessageSink textSink;

  private MessageSink binarySink;

  /** The opcode of the message whose continuation frames are awaited. */
  private byte messageType;

  private RealtimeEndpoint(Node node, Subscription subscription, HandshakeRejection rejection) {
    this.node = node;
    this.subscription = subscription;
    this.rejection = rejection;
  }

  static RealtimeEndpoint accepted(Subscription s, Node node) {
    return new RealtimeEndpoint(node, s, null);
  }

  static RealtimeEndpoint rejected(HandshakeRejection r, Node node) {
    return new RealtimeEndpoint(node, null, r);
  }

  @Override
  public void onOpen(CoreSession coreSession, Callback callback) {
    session = coreSession;
    HandshakeRemnants.release(coreSession); // everything needed from the handshake is here
    node.sessions().opened(coreSession);
    if (rejection != null) {
      LOG.debug(
          "Rejecting {}: {} {}",
          coreSession.getRemoteAddress(),
          rejection.reason().code(),
          rejection.getMessage());
      coreSession.close(
          rejection.reason().code(), CloseReason.fit(rejection.getMessage()), Callback.NOOP);
      callback.succeeded();
      return;
    }
    client =
        new ClientSession(
            subscription, new JettyTransport(coreSession), node.bounds(), node.registry());
    node.starter().start(client);
    LOG.debug(
        "Subscribed {} user {} to {} event {} id {}",
        coreSession.getRemoteAddress(),
        subscription.userId(),
        subscription.schema().name(),
        subscription.operation() == null ? "*" : subscription.operation().wireName(),
        subscription.recordKey());
    callback.succeeded();
    coreSession.demand();
  }

  @Override
  public void onFrame(Frame frame, Callback callback) {
    switch (frame.getOpCode()) {
      case OpCode.TEXT -> {
        messageType = OpCode.TEXT;
        textSink().accept(frame, callback);
      }
      case OpCode.BINARY -> {
        messageType = OpCode.BINARY;
        binarySink().accept(frame, callback);
      }
      case OpCode.CONTINUATION ->
          (messageType == OpCode.TEXT ? textSink() : binarySink()).accept(frame, callback);
      case OpCode.PING -> {
        // As Jetty's endpoint API does for an endpoint without a ping method.
        ByteBuffer payload =
            frame.hasPayload() ? BufferUtil.copy(frame.getPayload()) : BufferUtil.EMPTY_BUFFER;
        session.sendFrame(
            new Frame(OpCode.PONG).setPayload(payload),
            Callback.from(
                () -> {
                  callback.succeeded();
                  session.demand();
                },
                callback::failed),
            false);
      }
      case OpCode.CLOSE -> callback.succeeded(); // Jetty answers it and then calls onClosed
      default -> {
        // A pong, or whatever else Jetty lets through: nothing to do but read on.
        callback.succeeded();
        session.demand();
      }
    }
  }

  private MessageSink textSink() {
    if (textSink == null) {
      textSink = new StringMessageSink(session, new TextReceiver(this), true);
    }
    return textSink;
  }

  private MessageSink binarySink() {
    if (binarySink == null) {
      binarySink = new ByteBufferMessageSink(session, new BinaryReceiver(this), true);
    }
    return binarySink;
  }

  private void echo(String message) {
    if (client != null) {
      client.enqueue(message);
    }
  }

  @Override
  public void onError(Throwable cause, Callback callback) {
    LOG.debug("WebSocket error on {}: {}", client, cause.toString());
    if (textSink != null) {
      textSink.fail(cause);
    }
    if (binarySink != null) {
      binarySink.fail(cause);
    }
    if (client != null) {
      client.ended();
    }
    callback.succeeded();
  }

  @Override
  public void onClosed(CloseStatus status, Callback callback) {
    node.metrics().closed(status.getCode());
    node.sessions().closed(session);
    if (client != null) {
      client.ended();
    }
    callback.succeeded();
  }

  /** Where Jetty's text sink hands a whole text message: echoed. */
  private record TextReceiver(RealtimeEndpoint endpoint) implements MethodHolder {
    @Override
    public Object invoke(Object... args) {
      endpoint.echo((String) args[0]);
      return null;
    }
  }

  /**
   * Where Jetty's binary sink hands a whole binary message (it releases the buffer on return):
   * echoed as text, as FastSchema does.
   */
  private record BinaryReceiver(RealtimeEndpoint endpoint) implements MethodHolder {
    @Override
    public Object invoke(Object... args) {
      endpoint.echo(StandardCharsets.UTF_8.decode((ByteBuffer) args[0]).toString());
      return null;
    }
  }
}
