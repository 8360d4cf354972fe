package io.fastschema.realtime.testing;

import io.fastschema.realtime.client.Handshake;
import io.fastschema.realtime.client.MessageRecorder;
import io.fastschema.realtime.client.WebSocketClients;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * A real WebSocket client (Jetty 12.1) that records what the server does: every text message, in
 * order, and the close status. Built for assertions, so waits end with an {@link AssertionError}
 * that says what did arrive.
 *
 * <pre>{@code
 * try (WebSocketProbe probe = WebSocketProbe.connect(uri, Map.of(),
 *     List.of("Authorization", TestTokens.rootUser(services)))) {
 *   assertEquals("Authorization", probe.negotiatedSubprotocol());
 *   String event = probe.awaitMessage(m -> m.contains("\"create\""), Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>A handshake answered with anything but 101 makes {@code connect} throw {@link
 * UpgradeFailedException} carrying the HTTP status. FastSchema reports most errors as a successful
 * upgrade followed by a close (code 1000, reason text): use {@link #awaitClose}.
 *
 * <p>Thread-safe. All probes share one {@link WebSocketClient} with daemon threads, started on
 * first use; it allows 16 MiB text messages and a 5 minute idle timeout.
 */
public final class WebSocketProbe implements AutoCloseable {

  private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /**
   * How a connection ended: the code and reason of the close frame, or what Jetty reports
   * otherwise, e.g. {@code 1006} when the connection dropped, {@code 1009} when a message exceeded
   * 16 MiB.
   */
  public record CloseStatus(int code, String reason) {}

  /** The server answered the upgrade request with a status other than 101. */
  public static final class UpgradeFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int statusCode;

    UpgradeFailedException(URI uri, int statusCode, Throwable cause) {
      super("WebSocket upgrade of " + uri + " failed with HTTP " + statusCode, cause);
      this.statusCode = statusCode;
    }

    /** The HTTP status of the refused upgrade, or 0 if no response arrived. */
    public int statusCode() {
      return statusCode;
    }
  }

  private final MessageRecorder recorder;
  private final Session session;

  private WebSocketProbe(MessageRecorder recorder, Session session) {
    this.recorder = recorder;
    this.session = session;
  }

  public static WebSocketProbe connect(URI uri) {
    return connect(uri, Map.of(), List.of());
  }

  public static WebSocketProbe connect(URI uri, Map<String, String> headers) {
    return connect(uri, headers, List.of());
  }

  /**
   * Opens a connection and waits (10 s at most) for the upgrade to complete.
   *
   * @param headers request headers, e.g. {@code Authorization}, {@code Cookie}
   * @param subprotocols offered in order in one {@code Sec-WebSocket-Protocol} header line, joined
   *     by {@code ", "} as browsers do: {@code List.of("Authorization", jwt)} is how FastSchema's
   *     SDK sends a token
   * @throws UpgradeFailedException if the server refused the upgrade
   */
  public static WebSocketProbe connect(
      URI uri, Map<String, String> headers, List<String> subprotocols) {
    return connect(uri, headers, subprotocols, DEFAULT_CONNECT_TIMEOUT);
  }

  public static WebSocketProbe connect(
      URI uri, Map<String, String> headers, List<String> subprotocols, Duration timeout) {
    // Offered in one line, as browsers and Node's ws send it: FastSchema only finds the token when
    // that single line starts with "Authorization,".
    String subprotocolLine = subprotocols.isEmpty() ? null : String.join(", ", subprotocols);
    MessageRecorder recorder = new MessageRecorder();
    try {
      return new WebSocketProbe(
          recorder,
          Handshake.connect(
              SharedClient.INSTANCE, uri, headers, subprotocolLine, timeout, recorder));
    } catch (Handshake.RefusedException e) {
      throw new UpgradeFailedException(uri, e.status(), e.getCause());
    } catch (IOException e) {
      throw new IllegalStateException("could not connect to " + uri, e);
    }
  }

  /** The subprotocol the server selected, or null when it selected none. */
  public String negotiatedSubprotocol() {
    String accepted = session.getUpgradeResponse().getAcceptedSubProtocol();
    return accepted == null || accepted.isEmpty() ? null : accepted;
  }

  /** A response header of the 101 answer, or null. */
  public String responseHeader(String name) {
    return session.getUpgradeResponse().getHeader(name);
  }

  /** The next text message; fails if none arrives in time or the connection closed first. */
  public String awaitMessage(Duration timeout) {
    return awaitMessage(message -> true, timeout);
  }

  /**
   * The next text message that matches; earlier ones that do not match are consumed and dropped.
   * Fails if none arrives in time or the connection closed with no matching message left.
   */
  public String awaitMessage(Predicate<String> matching, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> skipped = new ArrayList<>();
    while (true) {
      String message = pollUntil(deadline);
      if (message == null) {
        throw new AssertionError(
            String.format(
                "no matching message within %s; skipped %s; %s",
                timeout, skipped, closeDescription()));
      }
      if (matching.test(message)) {
        return message;
      }
      skipped.add(message);
    }
  }

  /**
   * The next text message that matches within {@code wait}, or null: for asserting that something
   * does not arrive while other traffic may. Non-matching messages are consumed and dropped.
   */
  public String pollMessage(Predicate<String> matching, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    String message;
    while ((message = pollUntil(deadline)) != null) {
      if (matching.test(message)) {
        return message;
      }
    }
    return null;
  }

  /** Fails if any text message arrives within {@code quietPeriod}. */
  public void expectNoMessage(Duration quietPeriod) {
    String message = pollUntil(System.nanoTime() + quietPeriod.toNanos());
    if (message != null) {
      throw new AssertionError(
          "expected no message within " + quietPeriod + " but got: " + message);
    }
  }

  /** Removes and returns every message received so far, without waiting. */
  public List<String> drain() {
    List<String> messages = new ArrayList<>();
    recorder.messages().drainTo(messages);
    return messages;
  }

  /**
   * Waits for the connection to end, by either side; fails if it is still open after the timeout.
   */
  public CloseStatus awaitClose(Duration timeout) {
    try {
      MessageRecorder.CloseStatus status =
          recorder.closed().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return new CloseStatus(status.code(), status.reason());
    } catch (TimeoutException e) {
      throw new AssertionError(
          "connection still open after "
              + timeout
              + "; unread messages: "
              + List.copyOf(recorder.messages())
              + (recorder.error() == null ? "" : "; last error: " + recorder.error()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for close", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("close future failed", e.getCause());
    }
  }

  /** True until a close frame was exchanged or the connection dropped. */
  public boolean isOpen() {
    return session.isOpen() && !recorder.closed().isDone();
  }

  /** Sends a text frame and waits (10 s at most) until it was written. */
  public void send(String text) {
    CompletableFuture<Void> sent = new CompletableFuture<>();
    session.sendText(text, Callback.from(() -> sent.complete(null), sent::completeExceptionally));
    try {
      sent.get(DEFAULT_CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not send " + text, e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("send not completed within " + DEFAULT_CONNECT_TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending", e);
    }
  }

  /** Closes with 1000 (normal) and waits up to 5 s for the server's close reply. Idempotent. */
  @Override
  public void close() {
    if (recorder.closed().isDone()) {
      return;
    }
    session.close(StatusCode.NORMAL, "probe closed", Callback.NOOP);
    try {
      recorder.closed().get(5, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      session.disconnect();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      session.disconnect();
    }
  }

  @Override
  public String toString() {
    return "WebSocketProbe["
        + session.getUpgradeRequest().getRequestURI()
        + ", "
        + (isOpen() ? "open" : closeDescription())
        + "]";
  }

  private String pollUntil(long deadlineNanos) {
    try {
      while (true) {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
          return recorder.messages().poll();
        }
        String message =
            recorder.messages().poll(Math.min(remaining, 20_000_000L), TimeUnit.NANOSECONDS);
        if (message != null) {
          return message;
        }
        if (recorder.closed().isDone()) {
          // Messages are recorded before the close; nothing more can arrive.
          return recorder.messages().poll();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for a message", e);
    }
  }

  private String closeDescription() {
    MessageRecorder.CloseStatus status = recorder.closed().getNow(null);
    return status == null ? "connection open" : "connection closed with " + status;
  }

  /** Holder idiom: one started client per JVM, created on first use. */
  private static final class SharedClient {
    static final WebSocketClient INSTANCE = start();

    private static WebSocketClient start() {
      WebSocketClient client = WebSocketClients.started("websocket-probe", Duration.ofMinutes(5));
      client.setStopAtShutdown(true);
      return client;
    }
  }
}
