package io.fastschema.realtime.fanout;

import java.util.List;

/**
 * The connection under a {@link ClientSession}. {@link JettyTransport} is the real one; tests of
 * the session and the hub use an in-memory one.
 *
 * <p>Contract: {@link #send} and {@link #sendBatch} are never called while a previous send or batch
 * is in flight (Jetty fails or loses concurrent sends); exactly one of the callback's methods runs
 * per call.
 */
public interface Transport {

  void send(EncodedText text, SendCallback done);

  /**
   * Sends several messages in order, each as its own WebSocket message (one text frame each), and
   * lets the connection write them together: one completion for the whole batch, which succeeds
   * when every message was written and fails if any was not. The transport reads {@code texts} only
   * until it calls {@code done} or returns, whichever is first; the caller may reuse it then.
   */
  void sendBatch(List<EncodedText> texts, SendCallback done);

  void close(int code, String reason);

  /** The peer, for logs. */
  String remote();

  /** Completion of one send or batch. */
  interface SendCallback {
    void succeeded();

    void failed(Throwable cause);
  }
}
