package io.fastschema.realtime.client;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * The endpoint of one connection, recording what the server did: text messages in arrival order,
 * binary ones as {@code <binary N bytes: text>} (FastSchema never sends any), how the connection
 * ended, and the last error Jetty reported. Public because Jetty binds listener methods through
 * method handles and answers a non-public class with a failed upgrade.
 *
 * <p>Thread-safe.
 */
public final class MessageRecorder implements Session.Listener.AutoDemanding {

  /**
   * How a connection ended: the close frame's code and reason (as Jetty gives it, possibly null),
   * or what Jetty reports otherwise, e.g. 1006 when the connection dropped.
   */
  public record CloseStatus(int code, String reason) {}

  /** Messages in arrival order, until the reader takes them. */
  private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

  /** Completed once, when Jetty reports the session closed. */
  private final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();

  /** The last error Jetty reported, for failure messages. */
  private volatile Throwable error;

  /** The messages received and not taken yet; the reader takes them from here. */
  public BlockingQueue<String> messages() {
    return messages;
  }

  public CompletableFuture<CloseStatus> closed() {
    return closed;
  }

  /** The last error Jetty reported, or null. */
  public Throwable error() {
    return error;
  }

  @Override
  public void onWebSocketText(String message) {
    messages.add(message);
  }

  @Override
  public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
    messages.add(
        "<binary "
            + payload.remaining()
            + " bytes: "
            + StandardCharsets.UTF_8.decode(payload)
            + ">");
    callback.succeed();
  }

  @Override
  public void onWebSocketClose(int statusCode, String reason, Callback callback) {
    closed.complete(new CloseStatus(statusCode, reason));
    callback.succeed();
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    // Jetty follows an error on an open session with onWebSocketClose (1006, 1009, ...), which
    // records how it ended; the cause is kept for failure messages.
    error = cause;
  }
}
