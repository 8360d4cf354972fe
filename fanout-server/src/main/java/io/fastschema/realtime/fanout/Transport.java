package io.fastschema.realtime.fanout;

/**
 * The connection under a {@link ClientSession}. {@link JettyTransport} is the real one; tests of the
 * session and the hub use an in-memory one.
 *
 * <p>Contract: {@link #send} is never called while a previous send is in flight (Jetty fails or
 * loses concurrent sends); exactly one of the callback's methods runs per send.
 */
public interface Transport {

  void send(String text, SendCallback done);

  void close(int code, String reason);

  /** The peer, for logs. */
  String remote();

  /** Completion of one send. */
  interface SendCallback {
    void succeeded();

    void failed(Throwable cause);
  }
}
