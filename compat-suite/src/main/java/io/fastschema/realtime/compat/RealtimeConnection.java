package io.fastschema.realtime.compat;

import io.fastschema.realtime.client.MessageRecorder;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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

  private final MessageRecorder recorder;
  private final Session session;

  RealtimeConnection(MessageRecorder recorder, Session session) {
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
      String m =
          left <= 0
              ? recorder.messages().poll()
              : recorder.messages().poll(Math.min(left, 20_000_000L), TimeUnit.NANOSECONDS);
      if (m != null) {
        if (matching.test(m)) {
          return m;
        }
        continue;
      }
      if (left <= 0 || (recorder.closed().isDone() && recorder.messages().isEmpty())) {
        return null;
      }
    }
  }

  /** The close status, or null if still open after the wait. */
  CloseStatus awaitClose(Duration wait) throws InterruptedException {
    try {
      return of(recorder.closed().get(wait.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      return null;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /** The close status if already closed, else null. */
  CloseStatus closeStatus() {
    MessageRecorder.CloseStatus status = recorder.closed().getNow(null);
    return status == null ? null : of(status);
  }

  private static CloseStatus of(MessageRecorder.CloseStatus status) {
    return new CloseStatus(status.code(), status.reason() == null ? "" : status.reason());
  }

  /** Messages received and not yet taken, for failure reports. */
  List<String> pending() {
    return List.copyOf(recorder.messages());
  }

  void sendText(String text) throws Exception {
    CompletableFuture<Void> sent = new CompletableFuture<>();
    session.sendText(text, Callback.from(() -> sent.complete(null), sent::completeExceptionally));
    sent.get(10, TimeUnit.SECONDS);
  }

  void sendBinary(byte[] bytes) throws Exception {
    CompletableFuture<Void> sent = new CompletableFuture<>();
    session.sendBinary(
        ByteBuffer.wrap(bytes),
        Callback.from(() -> sent.complete(null), sent::completeExceptionally));
    sent.get(10, TimeUnit.SECONDS);
  }

  /** Closes normally (1000) and waits briefly for the server's answer. Idempotent. */
  @Override
  public void close() {
    if (recorder.closed().isDone()) {
      return;
    }
    session.close(StatusCode.NORMAL, "compat suite done", Callback.NOOP);
    try {
      recorder.closed().get(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      session.disconnect();
    } catch (ExecutionException | TimeoutException e) {
      session.disconnect();
    }
  }
}
