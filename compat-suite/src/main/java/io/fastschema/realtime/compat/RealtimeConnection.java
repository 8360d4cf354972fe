package io.fastschema.realtime.compat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * One upgraded connection and what the server did on it: text messages in arrival order, binary
 * messages (recorded as {@code <binary N bytes>}, FastSchema never sends any), and how it ended.
 *
 * <p>Thread-safe.
 */
final class RealtimeConnection implements AutoCloseable {

  /** How a connection ended: the close frame's code and reason, or Jetty's (1006: dropped). */
  record CloseStatus(int code, String reason) {
    @Override
    public String toString() {
      return code + " '" + reason + "'";
    }
  }

  private final Recorder recorder;
  private final Session session;

  RealtimeConnection(Recorder recorder, Session session) {
    this.recorder = recorder;
    this.session = session;
  }

  /** The subprotocol the server selected, or {@code ""} when none. */
  String negotiatedSubprotocol() {
    String accepted = session.getUpgradeResponse().getAcceptedSubProtocol();
    return accepted == null ? "" : accepted;
  }

  /**
   * The next message that matches within the time, or null; non-matching ones are dropped. Stops
   * early once the connection closed and nothing is left.
   */
  String poll(Predicate<String> matching, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      String m = left <= 0 ? recorder.messages.poll()
          : recorder.messages.poll(Math.min(left, 20_000_000L), TimeUnit.NANOSECONDS);
      if (m != null) {
        if (matching.test(m)) {
          return m;
        }
        continue;
      }
      if (left <= 0 || (recorder.closed.isDone() && recorder.messages.isEmpty())) {
        return null;
      }
    }
  }

  /** The close status, or null if still open after the wait. */
  CloseStatus awaitClose(Duration wait) throws InterruptedException {
    try {
      return recorder.closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return null;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /** The close status if already closed, else null. */
  CloseStatus closeStatus() {
    return recorder.closed.getNow(null);
  }

  /** Messages received and not yet taken, for failure reports. */
  List<String> pending() {
    return List.copyOf(recorder.messages);
  }

  void sendText(String text) throws Exception {
    CompletableFuture<Void> sent = new CompletableFuture<>();
    session.sendText(text, Callback.from(() -> sent.complete(null), sent::completeExceptionally));
    sent.get(10, TimeUnit.SECONDS);
  }

  void sendBinary(byte[] bytes) throws Exception {
    CompletableFuture<Void> sent = new CompletableFuture<>();
    session.sendBinary(ByteBuffer.wrap(bytes),
        Callback.from(() -> sent.complete(null), sent::completeExceptionally));
    sent.get(10, TimeUnit.SECONDS);
  }

  /** Closes normally (1000) and waits briefly for the server's answer. Idempotent. */
  @Override
  public void close() {
    if (recorder.closed.isDone()) {
      return;
    }
    session.close(StatusCode.NORMAL, "compat suite done", Callback.NOOP);
    try {
      recorder.closed.get(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      session.disconnect();
    } catch (ExecutionException | TimeoutException e) {
      session.disconnect();
    }
  }

  /** The Jetty endpoint. Public: Jetty binds listener methods through method handles. */
  public static final class Recorder implements Session.Listener.AutoDemanding {
    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();

    @Override
    public void onWebSocketText(String message) {
      messages.add(message);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
      messages.add("<binary " + payload.remaining() + " bytes: "
          + StandardCharsets.UTF_8.decode(payload) + ">");
      callback.succeed();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
      closed.complete(new CloseStatus(statusCode, reason == null ? "" : reason));
      callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
      // Jetty follows an error with onWebSocketClose (1006, 1009, ...), which records it.
    }
  }
}
