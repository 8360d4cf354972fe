package io.fastschema.realtime.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The K benchmark clients: real Jetty WebSocket connections to the fanout node, sharing one {@link
 * WebSocketClient} (one selector, one thread pool), as K browser tabs on one machine would not, but
 * as a load generator does.
 *
 * <p>Lifecycle: {@link #connect} → waits → {@link #close}. The waits are called by one thread.
 */
final class Subscribers implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Subscribers.class);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  private final WebSocketClient client;
  private final List<RowSubscriber> subscribers = new ArrayList<>();
  private final List<Session> sessions = new ArrayList<>();

  private Subscribers(WebSocketClient client) {
    this.client = client;
  }

  /**
   * Opens {@code count} connections to {@code uri} with a Bearer token; fails if any is refused.
   */
  static Subscribers connect(URI uri, String token, int count, int capacity) throws Exception {
    WebSocketClient client = new WebSocketClient();
    client.setMaxTextMessageSize(16 * 1024 * 1024);
    client.start();
    Subscribers all = new Subscribers(client);
    try {
      ObjectMapper json = new ObjectMapper();
      for (int i = 0; i < count; i++) {
        RowSubscriber subscriber = new RowSubscriber(json, capacity);
        ClientUpgradeRequest request = new ClientUpgradeRequest(uri);
        request.setHeader("Authorization", "Bearer " + token);
        Session session =
            client
                .connect(subscriber, request)
                .get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        all.subscribers.add(subscriber);
        all.sessions.add(session);
      }
      return all;
    } catch (Exception e) {
      all.close();
      throw e;
    }
  }

  List<RowSubscriber> all() {
    return subscribers;
  }

  int count() {
    return subscribers.size();
  }

  /** True when every client has received at least one of {@code [from, to)}. */
  boolean allReceivedAny(int from, int to) {
    return subscribers.stream().allMatch(s -> s.missing(from, to) < to - from);
  }

  /** Deliveries of {@code [from, to)} still missing, over all clients. */
  long missing(int from, int to) {
    long missing = 0;
    for (RowSubscriber s : subscribers) {
      missing += s.missing(from, to);
    }
    return missing;
  }

  /** Waits until {@code done} holds or the deadline ({@code System.nanoTime}) passes. */
  boolean awaitUntil(Predicate<Subscribers> done, long deadlineNanos) throws InterruptedException {
    while (!done.test(this)) {
      if (System.nanoTime() - deadlineNanos >= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.sleep(POLL_NANOS);
      failIfClosed();
    }
    return true;
  }

  /** A connection the server closed ends the run: its messages would silently count as lost. */
  void failIfClosed() {
    for (RowSubscriber s : subscribers) {
      String closed = s.closeDescription();
      if (closed != null) {
        throw new IllegalStateException("a benchmark client's connection ended: " + closed);
      }
    }
  }

  long duplicates() {
    return subscribers.stream().mapToLong(RowSubscriber::duplicates).sum();
  }

  long unmatched() {
    return subscribers.stream().mapToLong(RowSubscriber::unmatched).sum();
  }

  /** Closes every connection and stops the client's threads; failures are only logged. */
  @Override
  public void close() {
    for (Session session : sessions) {
      session.close(StatusCode.NORMAL, "benchmark done", Callback.NOOP);
    }
    try {
      client.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("Stopping the WebSocket client failed", e);
    }
  }
}
